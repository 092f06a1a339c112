"""PDF rendering with WeasyPrint: cover page, contents, page numbers, running headers."""

import logging
from pathlib import Path

from django.conf import settings

from ombud.reports.rendering.document import ReportDocument
from ombud.reports.rendering.html import render_html
from ombud.reports.rendering.progress import RenderProgress, charts_step


class _QuietFontSubsetting(logging.Filter):
    """WeasyPrint warns on every render that it subsets fonts with fontTools because Debian's
    HarfBuzz is older than it would like. The PDF is right either way; the warning only
    alarms the person running `ombud report`."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "HarfBuzz-Subset" not in record.getMessage()


logging.getLogger("weasyprint").addFilter(_QuietFontSubsetting())


def _stylesheet() -> Path:
    # Read from its file so the @font-face URLs resolve next to it, as they do in the browser.
    return Path(settings.BASE_DIR) / "static" / "css" / "report-print.css"


def render_pdf(document: ReportDocument, progress: RenderProgress | None = None) -> bytes:
    from weasyprint import CSS, HTML  # imported late: costly to import
    from weasyprint.text.fonts import FontConfiguration

    html = render_html(document, for_pdf=True, progress=charts_step(progress))
    if progress is not None:
        progress("layout", 0, 0)
    # Without a shared FontConfiguration WeasyPrint ignores @font-face and falls back to
    # whatever the machine has, and the charts' labels no longer fit their measured space.
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(_stylesheet()), font_config=fonts)
    result = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[stylesheet], font_config=fonts
    )
    return bytes(result or b"")
