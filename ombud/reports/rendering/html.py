"""HTML rendering: the browser preview and the document WeasyPrint turns into a PDF.

Three ways to show a chart: the browser preview links each chart as its own SVG request
(`chart_links`), so the page does not wait for the chart engine; the PDF gets SVG data URIs
(vector graphics); a stand-alone HTML file (the command line) gets inline SVG.
"""

import base64
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ombud.reports.markup import Block, runs_html
from ombud.reports.rendering.charts import ChartProgress, chart_table_remember, charts_svg
from ombud.reports.rendering.document import ReportDocument
from ombud.stats.tables import StatTable


@dataclass(frozen=True)
class ChartLinks:
    """How the browser preview links its charts: `scope` names the report (its public id),
    `url(figure key, content digest)` is where the browser fetches the chart's SVG."""

    scope: str
    url: Callable[[str, str], str]


def blocks_html(blocks: list[Block], heading_base: int) -> SafeString:
    out = []
    for block in blocks:
        if block.kind == "heading":
            level = min(6, heading_base + block.level)
            out.append(f"<h{level}>{runs_html(block.items[0])}</h{level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{runs_html(block.items[0])}</p>")
        else:
            tag = "ul" if block.kind == "bullets" else "ol"
            items = "".join(f"<li>{runs_html(item)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
    # Every piece of author text went through runs_html, which escapes it.
    return mark_safe("\n".join(out))  # noqa: S308


def _svg(svg: str, key: str) -> SafeString:
    return mark_safe(  # noqa: S308 - our own SVG from vl_convert; labels escaped by Vega
        svg.replace("<svg ", f'<svg role="img" aria-labelledby="cap-{key}" focusable="false" ', 1)
    )


def _svg_image(svg: str, alt: str) -> SafeString:
    """For WeasyPrint: the SVG as an <img> data URI. Still vector graphics in the PDF, and the
    XML parser reads it much faster than the HTML5 parser reads inline SVG (~20 % of the PDF's
    time for a full report)."""
    data = base64.b64encode(svg.encode()).decode()
    return format_html(
        '<img class="report-chart-image" src="data:image/svg+xml;base64,{}" alt="{}">', data, alt
    )


def _linked(url: str, title: str) -> SafeString:
    """The chart as its own request. With JavaScript htmx puts the SVG inline when it scrolls
    into view, so its labels are drawn in the page's IBM Plex Sans, the font vl-convert measured
    them in (an SVG shown as an <img> may not load web fonts, and a wider fallback clips the
    labels). Without JavaScript the lazy <img> shows it."""
    alt = _("Chart: %(title)s. The figures are in the table below the chart.") % {"title": title}
    return format_html(
        '<div class="report-chart-slot" role="img" aria-label="{}" hx-get="{}"'
        ' hx-trigger="revealed" hx-swap="innerHTML">'
        '<img class="report-chart-image" src="{}" alt="{}" loading="lazy" decoding="async">'
        "</div>",
        alt,
        url,
        url,
        alt,
    )


def _linked_charts(drawn: list[StatTable], links: ChartLinks) -> dict[int, SafeString]:
    digests = chart_table_remember(links.scope, drawn)
    return {
        id(t): _linked(links.url(t.key, d), t.title) for t, d in zip(drawn, digests, strict=True)
    }


def _inline_charts(
    document: ReportDocument,
    drawn: list[StatTable],
    *,
    for_pdf: bool,
    progress: ChartProgress | None,
) -> dict[int, SafeString]:
    svgs = dict(zip(map(id, drawn), charts_svg(drawn, progress), strict=True))
    shown = {}
    for s in document.sections:
        for t in s.figures:
            svg = svgs.get(id(t))
            if svg is not None:
                shown[id(t)] = (
                    _svg_image(svg, t.title) if for_pdf else _svg(svg, f"{s.key}-{t.key}")
                )
    return shown


def render_html(
    document: ReportDocument,
    *,
    for_pdf: bool = False,
    charts: bool = True,
    chart_links: ChartLinks | None = None,
    progress: ChartProgress | None = None,
) -> str:
    """The report as one HTML document. With `chart_links` (the browser preview) no chart is
    drawn here: each becomes an <img> the browser fetches, lazily, beside its data table."""
    drawn = [t for s in document.sections for t in s.figures if charts and t.rows]
    if chart_links is not None:
        shown = _linked_charts(drawn, chart_links)
    else:
        shown = _inline_charts(document, drawn, for_pdf=for_pdf, progress=progress)
    return _render(document, shown, for_pdf=for_pdf, linked=chart_links is not None)


def _render(
    document: ReportDocument,
    charts: dict[int, SafeString],
    *,
    for_pdf: bool,
    linked: bool = False,
) -> str:
    sections = []
    for s in document.sections:
        figures = [
            {
                "table": t,
                "svg": charts.get(id(t)),
                "id": f"{s.key}-{t.key}",
            }
            for t in s.figures
        ]
        sections.append({"s": s, "html": blocks_html(s.blocks, s.level + 1), "figures": figures})
    return render_to_string(
        "reports/document.html",
        {"doc": document, "sections": sections, "for_pdf": for_pdf, "linked_charts": linked},
    )
