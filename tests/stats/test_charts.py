import json
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache

from ombud.stats import charts
from ombud.stats.selectors import Period, case_stats
from ombud.stats.tables import TABLE_KEYS, stat_table
from tests.helpers.personas import Personas
from tests.helpers.stats_data import build_register

CHART_FUNCTIONS = [
    charts.chart_cases,
    charts.chart_concerning,
    charts.chart_centre_cases,
    charts.chart_centre_complaints,
    charts.chart_centre_inquiries,
    charts.chart_external_bodies,
    charts.chart_theme_groups,
    charts.chart_themes,
    charts.chart_complaint_handling,
    charts.chart_rejection_reasons,
    charts.chart_inquiry_handling,
    charts.chart_outcomes,
    charts.chart_channels,
]


@pytest.fixture
def stats(personas: Personas) -> list[dict[str, Any]]:
    build_register(personas, 2021)
    return [
        case_stats(personas.ishoj, Period.year(2021), with_ids=True),
        case_stats(personas.ishoj, Period.year(2020), with_ids=True),
    ]


def _values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    # Altair moves inline data into top-level named datasets.
    return spec["datasets"][spec["data"]["name"]]


def test_it_builds_a_valid_spec_for_every_figure(stats: list[dict[str, Any]]) -> None:
    assert len(CHART_FUNCTIONS) == len(TABLE_KEYS)
    for build in CHART_FUNCTIONS:
        spec = build(stats).to_dict()  # validates against the Vega-Lite schema
        json.dumps(spec)
        assert spec["layer"][0]["encoding"]["color"]["scale"]["range"] == charts.PALETTE[:2]


def test_its_plain_spec_equals_the_altair_chart_for_every_figure(
    stats: list[dict[str, Any]],
) -> None:
    link = lambda p, f: f"/x?{sorted(f.items())}"  # noqa: E731
    for all_stats in (stats, stats[:1]):
        for key in TABLE_KEYS:
            for maker in (None, link):
                table = stat_table(key, all_stats, maker)
                assert charts.chart_spec(table) == charts.table_chart(table).to_dict(), key


def test_it_draws_both_periods_with_numbers(stats: list[dict[str, Any]]) -> None:
    spec = charts.chart_external_bodies(stats).to_dict()
    values = _values(spec)
    assert {"label": "Jobcenter Vallensbæk", "period": "2021", "n": 2} in values
    assert {"label": "Jobcenter Vallensbæk", "period": "2020", "n": 0} in values
    assert spec["title"] == "Sager fordelt på eksterne myndigheder"


def test_it_links_bars_only_when_given_a_link(stats: list[dict[str, Any]]) -> None:
    plain = charts.chart_centre_cases(stats).to_dict()
    assert "href" not in plain["layer"][0]["encoding"]
    linked = charts.chart_centre_cases(stats, lambda p, f: f"/x?{f['centre']}").to_dict()
    assert linked["layer"][0]["encoding"]["href"] == {"field": "href", "type": "nominal"}


def test_it_draws_from_a_stored_json_snapshot_without_ids(personas: Personas) -> None:
    build_register(personas, 2021)
    snapshot = json.loads(json.dumps(case_stats(personas.ishoj, Period.year(2021))))
    spec = charts.chart_themes([snapshot], lambda p, f: "/never").to_dict()
    assert "href" not in spec["layer"][0]["encoding"]
    assert {"label": "Manglende svar (God forvaltningsskik)", "period": "2021", "n": 2} in (
        _values(spec)
    )


def test_it_renders_svg_once_and_then_serves_the_cache(stats: list[dict[str, Any]]) -> None:
    cache.clear()
    table = stat_table("channels", stats, lambda p, f: f"/m/ishoj/sager/?channel={f['channel']}")
    with mock.patch.object(charts, "_render", wraps=charts._render) as render:
        first = charts.table_svg(table)
        second = charts.table_svg(table)
        assert render.call_count == 1
    assert first == second
    assert first.startswith("<svg")
    assert 'xlink:href="/m/ishoj/sager/?channel=' in first
    assert 'tabindex="-1"' in first
    assert "vega.github.io" not in first
    assert charts.chart_svg(charts.table_chart(table)).startswith("<svg")
