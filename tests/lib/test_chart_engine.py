"""The chart engine draws many charts side by side in separate processes, each one identified."""

from typing import Any

import pytest

from ombud.lib import chart_engine


def _spec(label: str, n: int) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"label": label, "n": n}]},
        "mark": "bar",
        "encoding": {
            "y": {"field": "label", "type": "nominal"},
            "x": {"field": "n", "type": "quantitative"},
        },
    }


def test_it_draws_many_charts_and_tells_which_is_which() -> None:
    specs = [_spec(f"Center nr. {i}", i + 1) for i in range(5)]

    drawn = {i: f.result() for i, f in chart_engine.draw_many(chart_engine.draw_svg, specs)}

    assert sorted(drawn) == [0, 1, 2, 3, 4]
    for i, svg in drawn.items():
        assert svg.lstrip().startswith("<svg") or "<svg" in svg[:200]
        assert f"Center nr. {i}" in svg
    png = next(chart_engine.draw_many(chart_engine.draw_png, specs[:1]))[1].result()
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize(("value", "expected"), [("0", 0), ("3", 3), (" ", None)])
def test_the_number_of_processes_is_configurable(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None
) -> None:
    monkeypatch.setenv("OMBUD_CHART_PROCESSES", value)
    assert chart_engine._processes() == (
        expected if expected is not None else chart_engine._processes()
    )
    if expected is None:
        assert 1 <= chart_engine._processes() <= 2
