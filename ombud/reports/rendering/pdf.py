"""PDF rendering with WeasyPrint: cover page, contents, page numbers, running headers."""

from pathlib import Path

from django.conf import settings

from ombud.reports.rendering.document import ReportDocument
from ombud.reports.rendering.html import render_html
from ombud.reports.rendering.progress import RenderProgress, charts_step


def _stylesheet() -> str:
    path = Path(settings.BASE_DIR) / "static" / "css" / "report-print.css"
    return path.read_text(encoding="utf-8")


def render_pdf(document: ReportDocument, progress: RenderProgress | None = None) -> bytes:
    from weasyprint import CSS, HTML  # imported late: costly to import

    html = render_html(document, for_pdf=True, progress=charts_step(progress))
    if progress is not None:
        progress("layout", 0, 0)
    result = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(string=_stylesheet())]
    )
    return bytes(result or b"")
