"""HTML to PDF with WeasyPrint, for the access extract and the journal export."""

import logging

from django.conf import settings

# WeasyPrint complains about font subsetting on every document; the PDF is right either way.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    """`archival` makes a PDF/A-3b (ISO 19005-3), which archives and ESDH systems accept."""
    from weasyprint import HTML  # imported late: costly to import

    options = {"pdf_variant": "pdf/a-3b"} if archival else {}
    result = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(**options)
    return bytes(result or b"")
