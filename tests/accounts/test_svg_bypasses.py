"""The SVG logo check against the known bypasses (issue 10, point 7): each is refused, or what is
stored has lost the dangerous part; a harmless logo keeps its drawing and styles."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree

from ombud.accounts.logo import logo_check

HEAD = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'

BYPASSES = [
    b'<a href="java\tscript:alert(1)"><rect width="9" height="9"/></a>',
    b'<a href="java&#x09;script:alert(1)"><rect width="9" height="9"/></a>',
    b'<a href="java&#10;script:alert(1)"><rect width="9" height="9"/></a>',
    b'<a href=" &#x0A;javascript:alert(1)">x</a>',
    b'<a xlink:href="JaVaScRiPt:alert(1)">x</a>',
    b'<use xlink:href="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0Pjwvc2NyaXB0Pjwvc3ZnPg=="/>',
    b'<use href="https://evil.example/sprite.svg#a"/>',
    b'<image href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/>',
    b'<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>1</script></body>'
    b"</foreignObject>",
    b'<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>',
    b'<set attributeName="href" to="javascript:alert(1)"/>',
    b'<animate attributeName="href" values="javascript:alert(1)"/>',
    b'<rect style="fill:url(https://evil.example/x.svg#p)"/>',
    b'<rect style="fill:u\\72l(https://evil.example/x)"/>',
    b'<rect fill="url( https://evil.example/p )"/>',
    b"<style>@import 'https://evil.example/x.css';</style>",
    b"<style>rect{background:url(//evil.example/x)}</style>",
    b'<style>@font-face{font-family:x;src:url("https://evil.example/f.woff")}</style>',
    b'<rect onclick="alert(1)" width="1" height="1"/>',
    b'<rect ONLOAD="alert(1)"/>',
]
DANGEROUS = [b"script", b"evil.example", b"onclick", b"onload", b"ONLOAD", b"data:", b"@import"]


def _check(body: bytes) -> bytes | None:
    upload = SimpleUploadedFile("logo.svg", HEAD + body + b"</svg>")
    try:
        return logo_check(upload).data
    except ValidationError:
        return None


@pytest.mark.parametrize("body", BYPASSES)
def test_a_known_bypass_is_refused_or_removed(body: bytes) -> None:
    stored = _check(body)
    if stored is not None:
        assert not [word for word in DANGEROUS if word in stored], stored


def test_a_plain_logo_keeps_its_drawing_and_safe_styles() -> None:
    body = (
        b'<defs><linearGradient id="g"><stop offset="0" stop-color="#004b87"/></linearGradient>'
        b"<style>.a{fill:url(#g);stroke:rgb(0,0,0)}</style></defs>"
        b'<title>Ishoj</title><rect class="a" width="200" height="100" style="opacity:.5"/>'
        b'<use xlink:href="#g"/><text x="1" y="2" font-family="Arial">Kommune</text>'
    )
    stored = _check(body)
    assert stored is not None
    root = etree.fromstring(stored)
    local = {etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)}
    assert {"rect", "linearGradient", "stop", "style", "text", "use", "title"} <= local
    assert b"fill:url(#g)" in stored and b"opacity:.5" in stored and b"Kommune" in stored
