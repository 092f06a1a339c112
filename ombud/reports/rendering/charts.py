"""The statistics page's chart specifications, rendered for the report (SVG and PNG).

Same specification as the statistics page (`ombud.stats.charts.chart_spec`, a plain dict equal
to the Altair chart's, without Altair's 40-100 ms per chart), and a report's charts are drawn
side by side in the chart engine's processes (`ombud.lib.chart_engine`).
Results are cached by the table's content (`chart_digest`), so re-rendering a report costs
almost nothing. The digest is also what the browser preview puts in each chart's URL: the
preview page names its charts and the chart view draws them (see `chart_table_remember`).
"""

import hashlib
import json
import threading
from collections.abc import Callable

from django.core.cache import cache
from django.utils.translation import get_language

from ombud.lib import chart_engine
from ombud.stats.charts import CHART_VERSION, SVG_CACHE_SECONDS, chart_spec
from ombud.stats.tables import StatTable

_VEGA_BASE = 'xlink:href="https://vega.github.io/vega-datasets/'


# Called as each chart is ready (from cache or drawn): (charts done, charts in all).
ChartProgress = Callable[[int, int], None]
TABLE_CACHE_SECONDS = 60 * 60 * 24


def chart_digest(table: StatTable) -> str:
    """The hash of everything the chart shows (and the language it is drawn in)."""
    data = [
        CHART_VERSION,
        get_language(),
        table.title,
        table.headings,
        table.count_heading,
        [(r.label, r.group, r.values) for r in table.rows],
    ]
    return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()


def _key(kind: str, table: StatTable) -> str:
    return f"report-chart:{kind}:{chart_digest(table)}"


def _finish_svg(svg: str) -> str:
    svg = svg.replace(_VEGA_BASE, 'xlink:href="')
    return svg.removeprefix('<?xml version="1.0" encoding="utf-8"?>').strip()


def _many(
    kind: str,
    tables: list[StatTable],
    progress: ChartProgress | None = None,
) -> list[object]:
    keys = [_key(kind, t) for t in tables]
    found = cache.get_many(keys)
    missing = [(k, t) for k, t in zip(keys, tables, strict=True) if k not in found]
    total = len(tables)
    if progress is not None:
        progress(total - len(missing), total)
    if missing:
        # The specifications are made here, in the request's language; the chart engine's
        # processes only draw them (see ombud/lib/chart_engine.py).
        specs = [chart_spec(t) for _k, t in missing]
        draw = chart_engine.draw_svg if kind == "svg" else chart_engine.draw_png
        new: dict[str, object] = {}
        # Progress is reported from this thread, so a callback may use the database.
        for index, future in chart_engine.draw_many(draw, specs):
            result = future.result()
            new[missing[index][0]] = _finish_svg(result) if kind == "svg" else result
            if progress is not None:
                progress(total - len(missing) + len(new), total)
        cache.set_many(new, SVG_CACHE_SECONDS)
        found.update(new)
    return [found[k] for k in keys]


def charts_svg(tables: list[StatTable], progress: ChartProgress | None = None) -> list[str]:
    return [str(s) for s in _many("svg", tables, progress)]


def charts_png(tables: list[StatTable], progress: ChartProgress | None = None) -> list[bytes]:
    return [p for p in _many("png", tables, progress) if isinstance(p, bytes)]


def chart_table_remember(scope: str, tables: list[StatTable]) -> list[str]:
    """Keep each table under the report (`scope`) and its digest for the chart view, and
    return the digests. Scoped, so a digest seen in one report's page opens nothing in
    another report (and so in no other municipality)."""
    digests = [chart_digest(t) for t in tables]
    cache.set_many(
        {_table_key(scope, d): t for d, t in zip(digests, tables, strict=True)},
        TABLE_CACHE_SECONDS,
    )
    return digests


def _table_key(scope: str, digest: str) -> str:
    return f"report-chart-table:{scope}:{digest}"


def chart_svg_for_digest(
    scope: str, digest: str, tables: Callable[[], list[StatTable]]
) -> str | None:
    """The SVG of the report's chart with `digest`: its table as the preview remembered it,
    else the first of `tables()` (the report's tables, computed afresh) with that digest;
    None when the report has no such chart (its figures have changed since)."""
    table = cache.get(_table_key(scope, digest))
    if not isinstance(table, StatTable):
        table = next((t for t in tables() if chart_digest(t) == digest), None)
    if table is None:
        return None
    return charts_svg([table])[0]


def charts_prepare_in_background(tables: list[StatTable]) -> threading.Thread:
    """Draw a report's charts into the cache while the advisor edits (no database access),
    so the downloads that follow do not wait for the chart engine."""
    language = get_language()

    def run() -> None:
        from django.utils import translation

        with translation.override(language):
            charts_svg(tables)
            charts_png(tables)

    thread = threading.Thread(target=run, name="report-charts", daemon=True)
    thread.start()
    return thread
