"""Checks an uploaded municipality logo: PNG, JPEG or a safe SVG, at most 2 MB.

The type is decided by the content, not by the file name: Pillow must parse a raster image,
and an SVG must be well-formed XML without scripts, event handlers or references to anything
outside the file (the logo is shown on public pages and embedded in the annual report).
"""

import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from lxml import etree
from PIL import Image

from ombud.accounts.svg_clean import svg_rebuild

MAX_LOGO_BYTES = 2 * 1024 * 1024
# Raster logos larger than this are refused before decoding (a decompression bomb guard).
MAX_LOGO_PIXELS = 25_000_000
RASTER_TYPES = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg")}
SVG_TYPE = "image/svg+xml"
ALLOWED_SUFFIXES = {"png", "jpg", "jpeg", "svg"}

SVG_NS = "http://www.w3.org/2000/svg"
# Elements that run script or pull in other documents.
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
HREF_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href", "src"}
# url(...) that points anywhere but inside the file, and CSS imports.
IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
EXTERNAL_CSS = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)


@dataclass(frozen=True)
class CheckedLogo:
    data: bytes
    content_type: str
    suffix: str


def _wrong_type() -> ValidationError:
    return ValidationError(_("The logo must be a PNG, JPEG or SVG file."), code="logo_type")


def logo_check(upload: "UploadedFile[bytes]") -> CheckedLogo:
    """The logo's bytes and type, or a ValidationError with a sentence for the user."""
    name = upload.name or ""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ALLOWED_SUFFIXES:
        raise _wrong_type()
    if (upload.size or 0) > MAX_LOGO_BYTES:
        raise ValidationError(
            _("The logo is too large. It may be at most 2 MB."), code="logo_too_large"
        )
    upload.seek(0)
    data = upload.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            _("The logo is too large. It may be at most 2 MB."), code="logo_too_large"
        )
    if suffix == "svg":
        return CheckedLogo(svg_check(data), SVG_TYPE, "svg")
    return _raster_check(data)


def _raster_check(data: bytes) -> CheckedLogo:
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                raise ValidationError(
                    _("The image is too large. Use a logo of at most 5000 by 5000 pixels."),
                    code="logo_pixels",
                )
            kind = image.format or ""
            image.verify()
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds for a broken file
        raise ValidationError(
            _("The image could not be read. The file may be damaged."), code="logo_broken"
        ) from error
    if kind not in RASTER_TYPES:
        raise _wrong_type()
    content_type, suffix = RASTER_TYPES[kind]
    return CheckedLogo(data, content_type, suffix)


def _unsafe_svg() -> ValidationError:
    return ValidationError(
        _("The SVG file contains scripts or references to other files, which are not allowed."),
        code="logo_unsafe",
    )


def svg_check(data: bytes) -> bytes:
    """Refuse an SVG that is not well-formed or could run script or fetch anything; return it
    rebuilt from the allow-list (accounts/svg_clean.py), which drops whatever slipped past."""
    # No DTD at all: it is the door to entity expansion ("billion laughs") and external entities.
    upper = data.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper or b"<?XML-STYLESHEET" in upper:
        raise _unsafe_svg()
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ValidationError(
            _("The SVG file could not be read. The file may be damaged."), code="logo_broken"
        ) from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValidationError(
            _("The SVG file could not be read. The file may be damaged."), code="logo_broken"
        )
    for element in root.iter():
        if not _element_safe(element):
            raise _unsafe_svg()
    return svg_rebuild(root)


def _element_safe(element: "etree._Element") -> bool:
    if not isinstance(element.tag, str):
        # Comments and processing instructions: harmless unless a stylesheet is referenced.
        return not isinstance(element, etree._ProcessingInstruction)
    local = etree.QName(element).localname.lower()
    if local in FORBIDDEN_ELEMENTS:
        return False
    if local == "style" and EXTERNAL_CSS.search(element.text or ""):
        return False
    for attribute, value in element.attrib.items():
        name = str(attribute)
        text = str(value)
        plain = etree.QName(name).localname.lower()
        # Browsers ignore tabs, newlines and other control characters inside a URL scheme.
        squeezed = IGNORED_IN_URLS.sub("", text).lower()
        if plain.startswith("on") or "javascript:" in squeezed or "vbscript:" in squeezed:
            return False
        if name in HREF_ATTRIBUTES and not squeezed.startswith("#"):
            return False
        if EXTERNAL_CSS.search(text):
            return False
    return True
