"""Draw many Vega-Lite charts at once, in a small pool of processes.

vl-convert runs every conversion on one JavaScript engine per process, so threads do not draw
charts side by side (measured: 13 charts took as long with 4 threads as with 1). A whole annual
report has a dozen or more charts, which made the chart engine most of a cold PDF or Word file.
This pool of separate processes (started with "spawn", never forked from a server process that
has threads) draws them in parallel on the machine's cores.

The pool starts on first use and lives as long as the process; each worker loads vl-convert and
the charts' typeface once. Specifications go in as plain dicts and SVG text or PNG bytes come
back, so nothing here imports Django. `OMBUD_CHART_PROCESSES=0` draws in the calling process.
"""

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import (
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from pathlib import Path
from typing import Any, Final

import vl_convert

LOCALE: Final = "da-DK"
# DKFDS's typeface, vendored as TTF files: vl-convert measures the labels in it, and the pages
# and WeasyPrint draw them in it (see ombud/stats/charts.py CHART_FONT).
FONT_DIR = (
    Path(__file__).resolve().parents[2] / "static/vendor/dkfds/fonts/IBMPlexSans/complete/ttf"
)

Spec = dict[str, Any]

_lock = threading.Lock()
_pool: Executor | None = None


def prepare() -> None:
    """Load the charts' typeface (once per process; the workers run it as they start)."""
    vl_convert.register_font_directory(str(FONT_DIR))


def draw_svg(spec: Spec) -> str:
    return str(
        vl_convert.vegalite_to_svg(
            spec,
            format_locale=vl_convert.get_format_locale(LOCALE),
            time_format_locale=vl_convert.get_time_format_locale(LOCALE),
        )
    )


def draw_png(spec: Spec, scale: float = 1.5) -> bytes:
    return bytes(
        vl_convert.vegalite_to_png(
            spec, scale=scale, format_locale=vl_convert.get_format_locale(LOCALE)
        )
    )


def _processes() -> int:
    configured = os.environ.get("OMBUD_CHART_PROCESSES", "")
    if configured.strip():
        return max(0, int(configured))
    return min(2, os.cpu_count() or 1)


def _executor() -> Executor:
    global _pool
    with _lock:
        if _pool is None:
            processes = _processes()
            if processes == 0:
                prepare()
                _pool = ThreadPoolExecutor(max_workers=1)
            else:
                _pool = ProcessPoolExecutor(
                    max_workers=processes,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=prepare,
                )
        return _pool


def draw_many(
    draw: Callable[[Spec], Any], specs: Sequence[Spec]
) -> Iterator[tuple[int, Future[Any]]]:
    """Submit every spec; yields (index, future) in the order the charts finish."""
    futures = {_executor().submit(draw, spec): i for i, spec in enumerate(specs)}
    for future in as_completed(futures):
        yield futures[future], future
