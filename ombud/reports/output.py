"""From a draft or a published version to bytes in HTML, PDF or DOCX."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from ombud.accounts.models import Municipality
from ombud.reports.figures import build_snapshot, insert_values
from ombud.reports.models import PublishedReport, ReportDraft, ReportSection
from ombud.reports.rendering.document import Logo, ReportDocument, build_document
from ombud.reports.rendering.html import ChartLinks
from ombud.reports.rendering.progress import RenderProgress
from ombud.reports.selectors import draft_snapshot, recommendations_for_report
from ombud.reports.services import default_title, resolved_sections
from ombud.reports.starter import SKRIV_HER, TEMPLATES
from ombud.stats.selectors import Period

FORMATS = ("html", "pdf", "docx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Rendered:
    body: bytes
    content_type: str
    filename: str


def municipality_logo(municipality: Municipality) -> Logo | None:
    """The logo for the cover and page headers; None (the placeholder) if none or unreadable."""
    if not municipality.logo or not municipality.logo_content_type:
        return None
    try:
        with municipality.logo.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return Logo(data, municipality.logo_content_type, municipality.logo_alt)


def draft_document(draft: ReportDraft) -> ReportDocument:
    """The draft with the current figures (inserts resolved from a fresh snapshot)."""
    snapshot = draft_snapshot(draft)
    sections = resolved_sections(list(draft.sections.all()), insert_values(snapshot))
    return build_document(
        draft.title,
        sections,
        snapshot,
        generated=timezone.localtime(),
        logo=municipality_logo(draft.municipality),
    )


def published_document(report: PublishedReport) -> ReportDocument:
    """The frozen version: its stored texts and figures, nothing read from the cases."""
    return build_document(
        report.title,
        report.sections,
        report.snapshot,
        generated=timezone.localtime(report.published_at),
        version=f"Version {report.version}",
        logo=municipality_logo(report.municipality),
    )


def file_stem(title: str) -> str:
    return slugify(title) or "rapport"


def render_report(
    document: ReportDocument,
    fmt: str,
    stem: str,
    *,
    chart_links: ChartLinks | None = None,
    progress: RenderProgress | None = None,
) -> Rendered:
    """The document as a file. `chart_links` (HTML only) links the charts instead of drawing
    them; without it the HTML file stands alone, with inline SVG."""
    if fmt == "pdf":
        from ombud.reports.rendering.pdf import render_pdf

        body = render_pdf(document, progress)
    elif fmt == "docx":
        from ombud.reports.rendering.docx import render_docx

        body = render_docx(document, progress=progress)
    elif fmt == "html":
        from ombud.reports.rendering.html import render_html
        from ombud.reports.rendering.progress import charts_step

        body = render_html(
            document, chart_links=chart_links, progress=charts_step(progress)
        ).encode()
    else:
        raise ValueError(f"Unknown format {fmt!r}")
    return Rendered(body, CONTENT_TYPES[fmt], f"{stem}.{fmt}")


def template_document(
    municipality: Municipality, kind: str, period: Period, compare: Period | None
) -> ReportDocument:
    """The standard template with the current figures, for when no draft exists.

    The template's `[Skriv her]` placeholders are left out: this is a figures-only report.
    """
    snapshot = build_snapshot(
        municipality, period, compare, recommendations_for_report(municipality, period)
    )
    sections = [
        ReportSection(
            key=t.key,
            number=t.number,
            heading=t.heading.replace("{kommune}", municipality.name),
            level=t.level,
            body_markdown=t.body.replace(SKRIV_HER, "").strip(),
            order=i,
        )
        for i, t in enumerate(TEMPLATES[kind])
    ]
    resolved = resolved_sections(sections, insert_values(snapshot))
    title = default_title(kind, municipality, period)
    return build_document(
        title,
        resolved,
        snapshot,
        generated=timezone.localtime(),
        logo=municipality_logo(municipality),
    )
