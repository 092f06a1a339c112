"""Vega-Altair chart specifications for the statistics figures, and their SVG rendering.

Pure functions: statistics dicts in (current period first, then the one compared with), chart out.
The statistics page and the annual report draw the same specifications. When the dicts carry
taxonomy ids (`case_stats(..., with_ids=True)`) and a `link` is given, each bar links to the cases
behind it through Vega's `href` channel.

Colours: Okabe-Ito blue and vermilion, told apart with the common colour-vision deficiencies and
each above 3:1 against white (WCAG 1.4.11). Every figure also has a data table on the page.
"""

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

import altair as alt
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ombud.lib import chart_engine
from ombud.stats.selectors import Stats
from ombud.stats.tables import LinkMaker, StatTable, stat_table

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]
TEXT_COLOUR = "#1a1a1a"
BAR_STEP = 18
SVG_CACHE_SECONDS = 60 * 60 * 24
# Part of the cache key of `table_svg`: change it whenever `table_chart` draws differently.
CHART_VERSION = "4"
# DKFDS's typeface, which we vendor as TTF files. vl_convert measures every label with it and
# the statistics page, the HTML preview and WeasyPrint draw with the same files, so labels fit
# on machines that have no system fonts to speak of (a fresh Debian has only DejaVu, which is
# wider and used to clip the left-hand labels in the PDF).
# The files: ombud.lib.chart_engine.FONT_DIR.
CHART_FONT = "IBM Plex Sans, sans-serif"
chart_engine.prepare()
# vl_convert resolves relative hrefs against its own data base URL; we strip it again.
_VEGA_BASE = re.compile(r'xlink:href="https://vega\.github\.io/vega-datasets/')


def table_chart(table: StatTable) -> alt.LayerChart:
    """Grouped horizontal bars: one group per row label, one bar per period."""
    labels = [p.label for p in table.periods]
    values: list[dict[str, Any]] = []
    for row in table.rows:
        label = f"{row.label} ({row.group})" if row.group else row.label
        for i, period_label in enumerate(labels):
            item: dict[str, Any] = {"label": label, "period": period_label, "n": row.values[i]}
            if row.hrefs:
                item["href"] = row.hrefs[i]
            values.append(item)
    order = list(dict.fromkeys(v["label"] for v in values))
    # Whole numbers only on the axis: no more ticks than the largest count.
    ticks = max(1, min(8, max((v["n"] for v in values), default=1)))
    encoding: dict[str, Any] = {
        "y": alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
        "yOffset": alt.YOffset("period:N", sort=labels),
        "x": alt.X(
            "n:Q",
            title=table.count_heading,
            axis=alt.Axis(tickCount=ticks, tickMinStep=1, format=",d"),
        ),
        "color": alt.Color(
            "period:N",
            sort=labels,
            scale=alt.Scale(domain=labels, range=PALETTE[: len(labels)]),
            legend=alt.Legend(title=_("Period"), orient="top"),
        ),
        "tooltip": [
            alt.Tooltip("label:N", title=table.label_heading),
            alt.Tooltip("period:N", title=_("Period")),
            alt.Tooltip("n:Q", title=table.count_heading),
        ],
    }
    if any(row.hrefs for row in table.rows):
        encoding["href"] = alt.Href("href:N")
    base = alt.Chart({"values": values}).encode(**encoding)
    bars = base.mark_bar()
    # The numbers stay dark whatever the bar colour, for text contrast (WCAG 1.4.3).
    numbers = base.mark_text(align="left", dx=3).encode(text="n:Q", color=alt.value(TEXT_COLOUR))
    height = max(1, len(order)) * len(labels) * BAR_STEP
    return (
        alt.layer(bars, numbers)
        .properties(title=table.title, width=420, height=height)
        # vl-convert lays text out with Liberation Sans; naming it makes the browser and the PDF
        # renderer (WeasyPrint) draw the same font, so no label outgrows its space.
        .configure(font=CHART_FONT)
        .configure_axis(labelColor=TEXT_COLOUR, titleColor=TEXT_COLOUR, labelFontSize=12)
        .configure_legend(labelColor=TEXT_COLOUR, titleColor=TEXT_COLOUR)
        .configure_title(color=TEXT_COLOUR, fontSize=15, anchor="start")
    )


def _values(table: StatTable) -> tuple[list[str], list[dict[str, Any]]]:
    labels = [p.label for p in table.periods]
    values: list[dict[str, Any]] = []
    for row in table.rows:
        label = f"{row.label} ({row.group})" if row.group else row.label
        for i, period_label in enumerate(labels):
            item: dict[str, Any] = {"label": label, "period": period_label, "n": row.values[i]}
            if row.hrefs:
                item["href"] = row.hrefs[i]
            values.append(item)
    return labels, values


def chart_spec(table: StatTable) -> dict[str, Any]:
    """`table_chart(table).to_dict()`, written out as a plain dict.

    Altair takes 40-100 ms per chart to build and serialise its objects, which is most of a
    statistics page or a report when done for a dozen charts; this takes well under a
    millisecond. `tests/stats/test_charts.py` holds the two equal for every figure.
    """
    labels, values = _values(table)
    order = list(dict.fromkeys(v["label"] for v in values))
    ticks = max(1, min(8, max((v["n"] for v in values), default=1)))
    x_axis = {"format": ",d", "tickCount": ticks, "tickMinStep": 1}
    encoding: dict[str, Any] = {
        "color": {
            "field": "period",
            "legend": {"orient": "top", "title": _("Period")},
            "scale": {"domain": labels, "range": PALETTE[: len(labels)]},
            "sort": labels,
            "type": "nominal",
        },
        "tooltip": [
            {"field": "label", "title": table.label_heading, "type": "nominal"},
            {"field": "period", "title": _("Period"), "type": "nominal"},
            {"field": "n", "title": table.count_heading, "type": "quantitative"},
        ],
        "x": {"axis": x_axis, "field": "n", "title": table.count_heading, "type": "quantitative"},
        "y": {
            "axis": {"labelLimit": 320},
            "field": "label",
            "sort": order,
            "title": None,
            "type": "nominal",
        },
        "yOffset": {"field": "period", "sort": labels, "type": "nominal"},
    }
    if any(row.hrefs for row in table.rows):
        encoding["href"] = {"field": "href", "type": "nominal"}
    numbers = {
        **encoding,
        "color": {"value": TEXT_COLOUR},
        "text": {"field": "n", "type": "quantitative"},
    }
    name = (
        "data-"
        + hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
    )
    return {
        "config": {
            "view": {"continuousWidth": 300, "continuousHeight": 300},
            "axis": {"labelColor": TEXT_COLOUR, "labelFontSize": 12, "titleColor": TEXT_COLOUR},
            "font": CHART_FONT,
            "legend": {"labelColor": TEXT_COLOUR, "titleColor": TEXT_COLOUR},
            "title": {"anchor": "start", "color": TEXT_COLOUR, "fontSize": 15},
        },
        "layer": [
            {"mark": {"type": "bar"}, "encoding": encoding},
            {"mark": {"type": "text", "align": "left", "dx": 3}, "encoding": numbers},
        ],
        "data": {"name": name},
        "height": max(1, len(order)) * len(labels) * BAR_STEP,
        "title": table.title,
        "width": 420,
        "$schema": f"https://vega.github.io/schema/vega-lite/{alt.SCHEMA_VERSION}.json",
        "datasets": {name: values},
    }


def figure_chart(key: str, all_stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    return table_chart(stat_table(key, all_stats, link))


# One function per figure of the annual report's statistics section (seed § 3.2-3.8).


def chart_cases(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.2: cases in total, main and follow-up cases, complaints and other inquiries."""
    return figure_chart("cases", stats, link)


def chart_concerning(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.2: cases concerning the municipality and cases that do not."""
    return figure_chart("concerning", stats, link)


def chart_centre_cases(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.3: all cases by centre."""
    return figure_chart("centre_cases", stats, link)


def chart_centre_complaints(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.4: complaints by centre."""
    return figure_chart("centre_complaints", stats, link)


def chart_centre_inquiries(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.5: other inquiries by centre."""
    return figure_chart("centre_inquiries", stats, link)


def chart_external_bodies(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.5-3.6: cases about outside bodies (Jobcenter Vallensbæk and others)."""
    return figure_chart("external_bodies", stats, link)


def chart_theme_groups(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.7: complaints with at least one theme in each group."""
    return figure_chart("theme_groups", stats, link)


def chart_themes(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.7: complaints carrying each theme."""
    return figure_chart("themes", stats, link)


def chart_complaint_handling(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.8: how the advisor handled complaints."""
    return figure_chart("complaint_handling", stats, link)


def chart_rejection_reasons(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.8: rejected complaints by the statute's ground."""
    return figure_chart("rejection_reasons", stats, link)


def chart_inquiry_handling(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """§ 3.8: how the advisor handled other inquiries."""
    return figure_chart("inquiry_handling", stats, link)


def chart_outcomes(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """Outcome of complaints (upheld, partly upheld, not upheld)."""
    return figure_chart("outcomes", stats, link)


def chart_channels(stats: list[Stats], link: LinkMaker | None = None) -> alt.LayerChart:
    """How citizens made contact."""
    return figure_chart("channels", stats, link)


def _cached(key_data: Any, render: Callable[[], str]) -> str:
    digest = hashlib.sha256(json.dumps(key_data, sort_keys=True, default=str).encode()).hexdigest()
    key = f"stats-svg:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = render()
        cache.set(key, svg, SVG_CACHE_SECONDS)
    return str(svg)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """Render a chart to SVG, cached by the hash of its specification.

    The first rendering of a chart costs about 0.1 s (0.6 s for the first chart in a process);
    repeat views are cache hits.
    """
    spec = chart.to_dict()
    return _cached(spec, lambda: _render(spec))


def table_svg(table: StatTable) -> str:
    """The figure's chart as SVG, cached by the table's content (drawn from `chart_spec`)."""
    key_data = [
        CHART_VERSION,
        get_language(),
        table.title,
        table.headings,
        table.count_heading,
        [(r.label, r.group, r.values, r.hrefs) for r in table.rows],
    ]
    return _cached(key_data, lambda: _render(chart_spec(table)))


def _render(spec: dict[str, Any]) -> str:
    svg = _VEGA_BASE.sub('xlink:href="', chart_engine.draw_svg(spec))
    # Bar links are a mouse shortcut; keyboard and screen-reader users get the same links in the
    # data table, so the links inside the image stay out of the tab order.
    svg = svg.replace("<a xlink:href=", '<a tabindex="-1" xlink:href=')
    # The page gives the <svg> its own role and name; drop the XML prolog if any.
    return svg.removeprefix('<?xml version="1.0" encoding="utf-8"?>').strip()
