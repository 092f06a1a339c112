"""Removing what files give away about the person who made them (docs/decisions/0008).

`metadata_strip(name, content)` returns the cleaned bytes and, in words for the reporter, what
was removed and what was not. It never raises on a file it cannot handle: such a file is kept
as it came, and the result says so.

- Images (JPEG, PNG, WebP, TIFF, GIF): decoded with Pillow (pixel cap against decompression
  bombs), turned upright per the EXIF orientation, and written anew from the pixels alone, so
  EXIF (GPS position, camera, time), XMP, IPTC, comments and ICC profiles are gone.
- PDF (pikepdf): the document information (author, creator, producer, dates, title, ...) and the
  XMP metadata stream are removed. Not removed: the text, images inside, annotations.
- Office Open XML (.docx, .xlsx, .pptx) and OpenDocument (.odt, .ods, .odp): the zip is rewritten
  with empty document properties (`docProps/core.xml`, `app.xml`, `custom.xml`; `meta.xml`).
  Not removed: names in comments and tracked changes inside the document. A zip that would unpack
  to too much, or far more than its size, is not opened (a bomb) and is kept as it came.
"""

import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_PIXELS = 60_000_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

OOXML_SUFFIXES = ("docx", "xlsx", "pptx", "docm", "xlsm", "pptm")
ODF_SUFFIXES = ("odt", "ods", "odp", "odg")
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "TIFF", "GIF"}

EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)
EMPTY_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    b'properties"/>'
)
EMPTY_CUSTOM = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-'
    b'properties"/>'
)
EMPTY_ODF_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"><office:meta/></office:document-meta>'
)
OOXML_REPLACEMENTS = {
    "docProps/core.xml": EMPTY_CORE,
    "docProps/app.xml": EMPTY_APP,
    "docProps/custom.xml": EMPTY_CUSTOM,
}
ODF_REPLACEMENTS = {"meta.xml": EMPTY_ODF_META}


@dataclass
class Stripped:
    content: bytes
    removed: list[str] = field(default_factory=list)  # what kind of information went
    kept: str = ""  # what the reporter should know is still there, or why nothing was done
    cleaned: bool = False


def metadata_strip(name: str, content: bytes) -> Stripped:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if content.startswith(b"%PDF"):
        return _pdf(content)
    if suffix in OOXML_SUFFIXES:
        return _zip(content, OOXML_REPLACEMENTS, _("names in comments and tracked changes"))
    if suffix in ODF_SUFFIXES:
        return _zip(content, ODF_REPLACEMENTS, _("names in comments and tracked changes"))
    image = _image(content)
    if image is not None:
        return image
    return Stripped(content, kept=str(_("the file type is not one we can clean")))


def _image(content: bytes) -> Stripped | None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            kind = image.format or ""
            if kind not in IMAGE_FORMATS:
                return None
            if image.width * image.height > MAX_PIXELS:
                return Stripped(content, kept=str(_("the image is too large to clean")))
            upright = ImageOps.exif_transpose(image) or image
            mode = "RGB" if kind == "JPEG" else "RGBA"
            if upright.mode in ("RGB", "L") or (kind != "JPEG" and upright.mode == "RGBA"):
                mode = upright.mode
            pixels = upright.convert(mode)
            # A new image from the pixels alone: no EXIF, XMP, IPTC, comment or ICC profile.
            fresh = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
            out = io.BytesIO()
            fresh.save(out, format=kind, **({"quality": 92} if kind == "JPEG" else {}))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    removed = [str(_("location (GPS), camera and time the picture was taken"))]
    return Stripped(out.getvalue(), removed=removed, cleaned=True)


def _pdf(content: bytes) -> Stripped:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(content)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            if "/Metadata" in pdf.Root:
                del pdf.Root["/Metadata"]
            out = io.BytesIO()
            pdf.save(out)
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, OSError):
        return Stripped(content, kept=str(_("the PDF could not be opened (it may be locked)")))
    return Stripped(
        out.getvalue(),
        removed=[str(_("author, program and dates of the document"))],
        kept=str(_("the text and pictures inside the document")),
        cleaned=True,
    )


def _zip(content: bytes, replacements: dict[str, bytes], kept: object) -> Stripped:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as source:
            members = source.infolist()
            if _looks_like_bomb(members):
                return Stripped(content, kept=str(_("the file is too large to clean")))
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
                for member in members:
                    data = replacements.get(member.filename)
                    if data is None:
                        data = source.read(member.filename)
                    # Same order and compression (ODF's mimetype stays first and stored), but
                    # no member keeps its time of last change.
                    fresh = zipfile.ZipInfo(member.filename, date_time=ZIP_EPOCH)
                    fresh.compress_type = member.compress_type
                    target.writestr(fresh, data)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return Stripped(content, kept=str(_("the document could not be opened")))
    return Stripped(
        out.getvalue(),
        removed=[str(_("author, company, dates and editing time"))],
        kept=str(kept),
        cleaned=True,
    )


def _looks_like_bomb(members: list[zipfile.ZipInfo]) -> bool:
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        return True
    return any(
        m.file_size > RATIO_FLOOR_BYTES and m.file_size / max(m.compress_size, 1) > MAX_RATIO
        for m in members
    )
