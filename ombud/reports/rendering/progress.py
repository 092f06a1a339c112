"""How a renderer tells its caller how far it has come (the render job shows it)."""

from collections.abc import Callable

from ombud.reports.rendering.charts import ChartProgress

# (step, done, total): ("charts", 5, 18) while the charts are drawn, ("layout", 0, 0) when the
# document itself is being laid out (WeasyPrint's pages, python-docx's file).
RenderProgress = Callable[[str, int, int], None]


def charts_step(progress: RenderProgress | None) -> ChartProgress | None:
    if progress is None:
        return None
    report = progress

    def charts(done: int, total: int) -> None:
        report("charts", done, total)

    return charts
