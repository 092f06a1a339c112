"""The statistics page's chart specifications, rendered for the report (SVG and PNG).

Same `ombud.stats.charts.table_chart` specification as the statistics page. Two speed-ups
for whole reports: the specification is not re-validated by Altair (it is the page's own,
validated there and in its tests), and a report's charts render in parallel threads.
Results are cached by the table's content, so re-rendering a report costs almost nothing.
"""

import hashlib
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import vl_convert
from django.core.cache import cache
from django.utils.translation import get_language

from ombud.stats.charts import CHART_VERSION, SVG_CACHE_SECONDS, table_chart
from ombud.stats.tables import StatTable

WORKERS = 4
_VEGA_BASE = 'xlink:href="https://vega.github.io/vega-datasets/'


def _key(kind: str, table: StatTable) -> str:
    data = [
        CHART_VERSION,
        kind,
        get_language(),
        table.title,
        table.headings,
        table.count_heading,
        [(r.label, r.group, r.values) for r in table.rows],
    ]
    digest = hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()
    return f"report-chart:{digest}"


def _svg(table: StatTable) -> str:
    spec = table_chart(table).to_dict(validate=False)
    svg = vl_convert.vegalite_to_svg(
        spec,
        format_locale=vl_convert.get_format_locale("da-DK"),
        time_format_locale=vl_convert.get_time_format_locale("da-DK"),
    )
    svg = svg.replace(_VEGA_BASE, 'xlink:href="')
    return svg.removeprefix('<?xml version="1.0" encoding="utf-8"?>').strip()


def _png(table: StatTable) -> bytes:
    spec = table_chart(table).to_dict(validate=False)
    return bytes(
        vl_convert.vegalite_to_png(
            spec, scale=1.5, format_locale=vl_convert.get_format_locale("da-DK")
        )
    )


def _many(
    kind: str, tables: list[StatTable], render: Callable[[StatTable], object]
) -> list[object]:
    keys = [_key(kind, t) for t in tables]
    found = cache.get_many(keys)
    missing = [(k, t) for k, t in zip(keys, tables, strict=True) if k not in found]
    if missing:
        language = get_language()

        def job(item: tuple[str, StatTable]) -> object:
            from django.utils import translation

            with translation.override(language):
                return render(item[1])

        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            rendered = list(pool.map(job, missing))
        new = {k: r for (k, _t), r in zip(missing, rendered, strict=True)}
        cache.set_many(new, SVG_CACHE_SECONDS)
        found.update(new)
    return [found[k] for k in keys]


def charts_svg(tables: list[StatTable]) -> list[str]:
    return [str(s) for s in _many("svg", tables, _svg)]


def charts_png(tables: list[StatTable]) -> list[bytes]:
    return [p for p in _many("png", tables, _png) if isinstance(p, bytes)]


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
