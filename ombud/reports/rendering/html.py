"""HTML rendering: the browser preview and the document WeasyPrint turns into a PDF."""

import base64

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from ombud.reports.markup import Block, runs_html
from ombud.reports.rendering.charts import charts_svg
from ombud.reports.rendering.document import ReportDocument


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


def _chart(svg: str | None, title: str, key: str, *, for_pdf: bool) -> SafeString | None:
    if svg is None:
        return None
    return _svg_image(svg, title) if for_pdf else _svg(svg, key)


def _svg_image(svg: str, alt: str) -> SafeString:
    """For WeasyPrint: the SVG as an <img> data URI. Still vector graphics in the PDF, and the
    XML parser reads it much faster than the HTML5 parser reads inline SVG (~20 % of the PDF's
    time for a full report)."""
    data = base64.b64encode(svg.encode()).decode()
    return format_html(
        '<img class="report-chart-image" src="data:image/svg+xml;base64,{}" alt="{}">', data, alt
    )


def render_html(document: ReportDocument, *, for_pdf: bool = False, charts: bool = True) -> str:
    drawn = [t for s in document.sections for t in s.figures if charts and t.rows]
    svgs = dict(zip(map(id, drawn), charts_svg(drawn), strict=True))
    sections = []
    for s in document.sections:
        figures = [
            {
                "table": t,
                "svg": _chart(svgs.get(id(t)), t.title, f"{s.key}-{t.key}", for_pdf=for_pdf),
                "id": f"{s.key}-{t.key}",
            }
            for t in s.figures
        ]
        sections.append({"s": s, "html": blocks_html(s.blocks, s.level + 1), "figures": figures})
    return render_to_string(
        "reports/document.html",
        {"doc": document, "sections": sections, "for_pdf": for_pdf},
    )
