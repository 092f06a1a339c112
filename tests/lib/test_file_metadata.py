"""Removing what whistleblower attachments give away (issue 10, point 4)."""

import io
import zipfile

import pikepdf
from docx import Document
from PIL import Image, PngImagePlugin

from ombud.lib.file_metadata import metadata_strip

AUTHOR = "Karin Hemmeligsen"
CAMERA = "SecretCam 9000"


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (32, 16), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = CAMERA  # Make
    exif[0x013B] = AUTHOR  # Artist
    exif[0x8825] = {1: "N", 2: (55.0, 40.0, 12.0), 3: "E", 4: (12.0, 34.0, 56.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def docx_with_author() -> bytes:
    document = Document()
    document.add_paragraph("Bilag om overførslerne")
    document.core_properties.author = AUTHOR
    document.core_properties.last_modified_by = AUTHOR
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_with_author() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = AUTHOR
    pdf.docinfo["/Creator"] = CAMERA
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [AUTHOR]
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_photo_loses_its_gps_camera_and_author() -> None:
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    result = metadata_strip("foto.jpg", data)
    assert result.cleaned and "GPS" in " ".join(result.removed)
    cleaned = Image.open(io.BytesIO(result.content))
    assert not cleaned.getexif() and cleaned.size == (32, 16)
    assert CAMERA.encode() not in result.content and AUTHOR.encode() not in result.content


def test_a_png_loses_its_text_chunks() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", AUTHOR)
    out = io.BytesIO()
    Image.new("RGBA", (8, 8)).save(out, format="PNG", pnginfo=info)
    result = metadata_strip("skærm.png", out.getvalue())
    assert result.cleaned and AUTHOR.encode() not in result.content


def test_a_pdf_loses_its_document_information_and_xmp() -> None:
    data = pdf_with_author()
    assert AUTHOR.encode() in data
    result = metadata_strip("bilag.pdf", data)
    assert result.cleaned and result.kept  # says the text and pictures stay
    assert AUTHOR.encode() not in result.content and CAMERA.encode() not in result.content
    with pikepdf.open(io.BytesIO(result.content)) as pdf:
        assert len(pdf.pages) == 1


def test_an_office_document_loses_its_author_and_keeps_its_text() -> None:
    result = metadata_strip("notat.docx", docx_with_author())
    assert result.cleaned and result.kept  # says names in comments stay
    with zipfile.ZipFile(io.BytesIO(result.content)) as archive:
        core = archive.read("docProps/core.xml")
        assert AUTHOR.encode() not in core
        assert {m.date_time for m in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert Document(io.BytesIO(result.content)).paragraphs[0].text == "Bilag om overførslerne"


def test_an_opendocument_loses_its_meta() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("meta.xml", f"<meta><initial-creator>{AUTHOR}</initial-creator></meta>")
        archive.writestr("content.xml", "<content>Tekst</content>")
    result = metadata_strip("notat.odt", out.getvalue())
    with zipfile.ZipFile(io.BytesIO(result.content)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert AUTHOR.encode() not in archive.read("meta.xml")
        assert archive.read("content.xml") == b"<content>Tekst</content>"


def test_a_zip_bomb_is_not_opened_and_the_reporter_is_told() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("docProps/core.xml", AUTHOR)
        archive.writestr("word/document.xml", b"0" * 30_000_000)
    data = out.getvalue()
    result = metadata_strip("bombe.docx", data)
    assert not result.cleaned and result.content == data and result.kept


def test_an_unknown_or_broken_file_is_kept_as_it_came() -> None:
    for name, data in (("data.bin", b"\x00\x01binary"), ("brudt.pdf", b"%PDF-1.7 broken")):
        result = metadata_strip(name, data)
        assert not result.cleaned and result.content == data and result.kept
