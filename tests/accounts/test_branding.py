"""The municipality's logo: upload checks, access, serving, and the report's cover and header."""

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document
from PIL import Image

from ombud.accounts.logo import MAX_LOGO_BYTES
from ombud.accounts.models import Municipality
from ombud.core.models import AuditEvent
from ombud.reports.output import draft_document, render_report
from ombud.reports.rendering.html import render_html
from tests.helpers.personas import Personas, verified_client
from tests.helpers.reports import filled_draft

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">'
    b'<rect width="200" height="100" fill="#004b87"/></svg>'
)


def png_bytes(size: tuple[int, int] = (40, 20), fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 75, 135)).save(out, format=fmt)
    return out.getvalue()


def upload(client: Client, slug: str, name: str, data: bytes) -> Any:
    return client.post(
        reverse("branding:edit", args=[slug]), {"logo": SimpleUploadedFile(name, data)}
    )


def refreshed(municipality: Municipality) -> Municipality:
    return Municipality.objects.get(pk=municipality.pk)


class TestUpload:
    def test_it_stores_a_png_and_audits_it(self, personas: Personas) -> None:
        response = upload(verified_client(personas.advisor), "ishoj", "logo.png", png_bytes())
        assert response.status_code == 302
        ishoj = refreshed(personas.ishoj)
        assert ishoj.logo_content_type == "image/png"
        assert ishoj.logo.name.startswith(f"logos/{ishoj.pk}/")
        assert AuditEvent.objects.filter(summary="Logo uploaded").count() == 1

    def test_it_stores_a_jpeg_and_a_safe_svg(self, personas: Personas) -> None:
        client = verified_client(personas.admin)
        upload(client, "ishoj", "logo.jpeg", png_bytes(fmt="JPEG"))
        assert refreshed(personas.ishoj).logo_content_type == "image/jpeg"
        upload(client, "ishoj", "logo.svg", SVG)
        assert refreshed(personas.ishoj).logo_content_type == "image/svg+xml"

    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("logo.gif", b"GIF89a", "Logoet skal være en PNG-, JPEG- eller SVG-fil."),
            ("logo.png", png_bytes(fmt="GIF"), "Logoet skal være en PNG-, JPEG- eller SVG-fil."),
            ("logo.png", b"\x89PNG\r\n\x1a\nbroken", "Billedet kunne ikke læses."),
            ("logo.svg", b"<svg", "SVG-filen kunne ikke læses."),
            ("logo.png", b"0" * (MAX_LOGO_BYTES + 1), "Logoet er for stort."),
        ],
    )
    def test_it_refuses_bad_files_in_danish(
        self, personas: Personas, name: str, data: bytes, message: str
    ) -> None:
        response = upload(verified_client(personas.advisor), "ishoj", name, data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not refreshed(personas.ishoj).logo

    @pytest.mark.parametrize(
        "svg",
        [
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="https://example.org/a.png"/></svg>',
            b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)">x</a></svg>',
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css);</style></svg>',
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
            b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        ],
    )
    def test_it_refuses_svg_with_scripts_or_references(
        self, personas: Personas, svg: bytes
    ) -> None:
        response = upload(verified_client(personas.advisor), "ishoj", "logo.svg", svg)
        assert response.status_code == 400
        assert "scripts eller henvisninger til andre filer" in response.content.decode()

    def test_it_asks_for_a_file(self, personas: Personas) -> None:
        response = verified_client(personas.advisor).post(reverse("branding:edit", args=["ishoj"]))
        assert response.status_code == 400
        assert "Vælg en fil med logoet." in response.content.decode()

    def test_it_removes_the_logo(self, personas: Personas) -> None:
        client = verified_client(personas.advisor)
        upload(client, "ishoj", "logo.png", png_bytes())
        stored = Path(refreshed(personas.ishoj).logo.path)
        with self.captureOnCommit():
            client.post(reverse("branding:remove", args=["ishoj"]))
        assert not refreshed(personas.ishoj).logo
        assert not stored.exists()
        assert AuditEvent.objects.filter(summary="Logo removed").count() == 1

    def captureOnCommit(self) -> Any:  # noqa: N802 - mirrors TestCase's name
        from django.test import TestCase

        return TestCase.captureOnCommitCallbacks(execute=True)


class TestAccess:
    def test_another_municipality_gets_404(self, personas: Personas) -> None:
        client = verified_client(personas.outsider)
        assert client.get(reverse("branding:edit", args=["ishoj"])).status_code == 404
        assert upload(client, "ishoj", "logo.png", png_bytes()).status_code == 404
        assert client.post(reverse("branding:remove", args=["ishoj"])).status_code == 404

    def test_a_role_without_the_capability_gets_403(self, personas: Personas) -> None:
        for user in (personas.assistant, personas.reader):
            client = verified_client(user)
            assert upload(client, "ishoj", "logo.png", png_bytes()).status_code == 403
            assert client.post(reverse("branding:remove", args=["ishoj"])).status_code == 403
        assert not refreshed(personas.ishoj).logo


class TestServing:
    def test_it_serves_an_svg_as_an_image_that_cannot_run_script(self, personas: Personas) -> None:
        upload(verified_client(personas.advisor), "ishoj", "logo.svg", SVG)
        response = Client().get(reverse("branding:image", args=["ishoj"]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert response["X-Content-Type-Options"] == "nosniff"
        policy = response["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "sandbox" in policy
        assert response.content == SVG

    def test_no_logo_is_a_404(self, personas: Personas) -> None:
        assert Client().get(reverse("branding:image", args=["ishoj"])).status_code == 404

    def test_the_public_pages_show_the_logo_with_alt_text(self, personas: Personas) -> None:
        upload(verified_client(personas.advisor), "ishoj", "logo.png", png_bytes())
        version = refreshed(personas.ishoj).logo_version
        html = Client().get(reverse("portal:home", args=["ishoj"])).content.decode()
        assert f'src="/logo/ishoj/?v={version}"' in html
        assert 'alt="Ishøj Kommunes logo"' in html

    def test_the_public_pages_show_no_image_without_a_logo(self, personas: Personas) -> None:
        html = Client().get(reverse("portal:home", args=["ishoj"])).content.decode()
        assert "/logo/ishoj/" not in html


class TestReport:
    def _with_logo(self, personas: Personas, name: str, data: bytes) -> Any:
        upload(verified_client(personas.advisor), "ishoj", name, data)
        personas.ishoj.refresh_from_db()
        return filled_draft(personas)

    def test_the_html_cover_and_pdf_header_show_the_logo(self, personas: Personas) -> None:
        draft = self._with_logo(personas, "logo.png", png_bytes())
        document = draft_document(draft)
        preview = render_html(document, charts=False)
        assert 'class="report-logo-image" src="data:image/png;base64,' in preview
        assert 'alt="Ishøj Kommunes logo"' in preview
        assert "report-running" not in preview  # the running header is for the PDF only
        printed = render_html(document, for_pdf=True, charts=False)
        assert 'class="report-running-logo" src="data:image/png;base64,' in printed

    def test_the_pdf_embeds_the_logo(self, personas: Personas) -> None:
        draft = self._with_logo(personas, "logo.png", png_bytes((40, 20)))
        pdf = render_report(draft_document(draft), "pdf", "x").body
        # WeasyPrint writes each raster image as an image XObject of its pixel size.
        assert b"/Subtype /Image" in pdf
        assert b"/Width 40" in pdf and b"/Height 20" in pdf

    def test_the_pdf_without_a_logo_has_the_placeholder(self, personas: Personas) -> None:
        document = draft_document(filled_draft(personas))
        assert 'class="report-logo"' in render_html(document, for_pdf=True, charts=False)

    def test_the_docx_has_the_logo_on_the_cover_and_in_the_header(self, personas: Personas) -> None:
        draft = self._with_logo(personas, "logo.png", png_bytes())
        body = render_report(draft_document(draft), "docx", "x").body
        doc = Document(io.BytesIO(body))
        # With charts there are more pictures; the first one is the cover's logo.
        cover = doc.inline_shapes[0]
        assert cover._inline.docPr.get("descr") == "Ishøj Kommunes logo"
        header_xml = doc.sections[0].header._element.xml
        assert "pic:pic" in header_xml and "Ishøj Kommunes logo" in header_xml

    def test_the_docx_keeps_an_svg_logo_as_svg(self, personas: Personas) -> None:
        draft = self._with_logo(personas, "logo.svg", SVG)
        body = render_report(draft_document(draft), "docx", "x").body
        with zipfile.ZipFile(io.BytesIO(body)) as package:
            svgs = [n for n in package.namelist() if n.endswith(".svg")]
            assert svgs and package.read(svgs[0]) == SVG
            assert "svgBlip" in package.read("word/document.xml").decode()
            assert "image/svg+xml" in package.read("[Content_Types].xml").decode()
        cover = Document(io.BytesIO(body)).inline_shapes[0]
        assert cover.width > 0
        # Readers without SVG support (older Word, LibreOffice) show the picture drawn from it.
        blip = cover._inline.graphic.graphicData.pic.blipFill.blip
        picture = Document(io.BytesIO(body)).part.related_parts[blip.embed].blob
        with Image.open(io.BytesIO(picture)) as image:
            assert image.width >= 400
            centre = image.convert("RGB").getpixel((image.width // 2, image.height // 2))
            assert centre == (0, 0x4B, 0x87)
