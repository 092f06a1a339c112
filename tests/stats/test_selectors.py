import datetime as dt
from collections import Counter
from typing import Any

import pytest

from ombud.cases.models import Case, CaseKind
from ombud.stats.selectors import (
    CASE_STATS_QUERIES,
    Period,
    case_stats,
    case_stats_compare,
    case_years,
)
from tests.helpers.personas import Personas

TOP_KEYS = {
    "municipality",
    "period",
    "totals",
    "by_centre",
    "by_external_body",
    "complaint_theme_groups",
    "complaint_themes",
    "complaint_handling",
    "inquiry_handling",
    "rejection_reasons",
    "outcomes",
    "channels",
}
TOTAL_KEYS = {
    "cases",
    "complaints",
    "inquiries",
    "main_cases",
    "follow_up_cases",
    "unique_citizens",
    "concerning_municipality",
    "not_concerning_municipality",
    "rejected",
}
ENTRY_KEYS = {
    "by_centre": {"label", "cases", "complaints", "inquiries"},
    "by_external_body": {"label", "cases", "complaints", "inquiries"},
    "complaint_theme_groups": {"label", "complaints"},
    "complaint_themes": {"group", "label", "complaints"},
    "complaint_handling": {"label", "complaints"},
    "inquiry_handling": {"label", "inquiries"},
    "rejection_reasons": {"label", "complaints"},
    "outcomes": {"label", "complaints"},
    "channels": {"label", "cases"},
}


def _ordered(counter: Counter[Any], key: str) -> list[dict[str, Any]]:
    items = [{"label": label, key: n} for label, n in counter.items() if n > 0]
    return sorted(items, key=lambda e: (-e[key], e["label"]))


def expected_stats(personas: Personas, period: Period) -> dict[str, Any]:
    """The figures computed by plain Python over every case, independently of the selector."""
    cases = [
        c
        for c in Case.objects.filter(municipality=personas.ishoj).select_related(
            "citizen", "centre", "external_body", "handling", "rejection_ground", "outcome"
        )
        if period.start <= c.opened_on <= period.end
    ]
    complaints = [c for c in cases if c.kind == CaseKind.COMPLAINT]
    inquiries = [c for c in cases if c.kind == CaseKind.INQUIRY]

    def targets(attr: str) -> list[dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for c in cases:
            target = getattr(c, attr)
            if target is None:
                continue
            row = rows.setdefault(
                target.label, {"label": target.label, "cases": 0, "complaints": 0, "inquiries": 0}
            )
            row["cases"] += 1
            row["complaints" if c.kind == CaseKind.COMPLAINT else "inquiries"] += 1
        return sorted(rows.values(), key=lambda e: (-e["cases"], e["label"]))

    group_counter: Counter[str] = Counter()
    theme_counter: Counter[tuple[str, str]] = Counter()
    for c in complaints:
        themes = list(c.themes.select_related("group"))
        for group in {t.group.label for t in themes}:
            group_counter[group] += 1
        for t in themes:
            theme_counter[(t.group.label, t.label)] += 1
    themes_list = sorted(
        ({"group": g, "label": label, "complaints": n} for (g, label), n in theme_counter.items()),
        key=lambda e: (-e["complaints"], e["label"], e["group"]),
    )
    return {
        "municipality": "ishoj",
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "totals": {
            "cases": len(cases),
            "complaints": len(complaints),
            "inquiries": len(inquiries),
            "main_cases": sum(1 for c in cases if c.main_case_id is None),
            "follow_up_cases": sum(1 for c in cases if c.main_case_id is not None),
            "unique_citizens": len({c.citizen.merged_into_id or c.citizen_id for c in cases}),
            "concerning_municipality": sum(1 for c in cases if c.concerns_municipality),
            "not_concerning_municipality": sum(1 for c in cases if not c.concerns_municipality),
            "rejected": sum(1 for c in complaints if c.handling and c.handling.is_rejection),
        },
        "by_centre": targets("centre"),
        "by_external_body": targets("external_body"),
        "complaint_theme_groups": _ordered(group_counter, "complaints"),
        "complaint_themes": themes_list,
        "complaint_handling": _ordered(
            Counter(c.handling.label for c in complaints if c.handling), "complaints"
        ),
        "inquiry_handling": _ordered(
            Counter(c.handling.label for c in inquiries if c.handling), "inquiries"
        ),
        "rejection_reasons": _ordered(
            Counter(c.rejection_ground.label for c in complaints if c.rejection_ground),
            "complaints",
        ),
        "outcomes": _ordered(
            Counter(c.outcome.label for c in complaints if c.outcome), "complaints"
        ),
        "channels": _ordered(Counter(c.channel.label for c in cases if c.channel), "cases"),
    }


def test_it_counts_every_figure_as_plain_python_does(register: Personas) -> None:
    period = Period.year(2021)
    assert case_stats(register.ishoj, period) == expected_stats(register, period)


def test_it_counts_the_known_figures_of_the_built_register(register: Personas) -> None:
    stats = case_stats(register.ishoj, Period.year(2021))
    assert stats["totals"] == {
        "cases": 7,
        "complaints": 4,
        "inquiries": 3,
        "main_cases": 5,
        "follow_up_cases": 2,
        "unique_citizens": 4,
        "concerning_municipality": 4,
        "not_concerning_municipality": 3,
        "rejected": 1,
    }
    assert stats["complaint_theme_groups"] == [
        {"label": "God forvaltningsskik", "complaints": 3},
        {"label": "Forvaltningsloven og offentlighedsloven", "complaints": 1},
        {"label": "Hjemmelsforhold", "complaints": 1},
    ]
    assert {"group": "God forvaltningsskik", "label": "Manglende svar", "complaints": 2} in stats[
        "complaint_themes"
    ]
    assert stats["rejection_reasons"] == [
        {"label": "Indbragt for det kommunale tilsyn", "complaints": 1}
    ]
    assert stats["by_external_body"][0] == {
        "label": "Jobcenter Vallensbæk",
        "cases": 2,
        "complaints": 1,
        "inquiries": 1,
    }
    assert stats["channels"] == [{"label": "Telefon", "cases": 3}, {"label": "Mail", "cases": 2}]


def test_it_matches_plain_python_for_other_periods(register: Personas) -> None:
    for period in (
        Period.year(2020),
        Period.year(2022),
        Period(dt.date(2020, 12, 31), dt.date(2021, 1, 1)),
        Period(dt.date(2021, 6, 30), dt.date(2021, 7, 1)),
        Period(dt.date(2021, 1, 2), dt.date(2021, 12, 30)),
    ):
        assert case_stats(register.ishoj, period) == expected_stats(register, period), period


def test_it_returns_exactly_the_contract_keys(register: Personas) -> None:
    stats = case_stats(register.ishoj, Period.year(2021))
    assert set(stats) == TOP_KEYS
    assert set(stats["totals"]) == TOTAL_KEYS
    assert stats["period"] == {"start": "2021-01-01", "end": "2021-12-31"}
    for key, keys in ENTRY_KEYS.items():
        assert stats[key], key
        for entry in stats[key]:
            assert set(entry) == keys, key
            assert any(v > 0 for k, v in entry.items() if k not in ("label", "group"))


def test_it_passes_taxonomy_ids_only_when_asked(register: Personas) -> None:
    stats = case_stats(register.ishoj, Period.year(2021), with_ids=True)
    assert all("id" in e for e in stats["by_centre"])
    assert all("group_id" in e for e in stats["complaint_themes"])


def test_it_runs_a_fixed_number_of_queries(
    register: Personas, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(CASE_STATS_QUERIES):
        case_stats(register.ishoj, Period.year(2021))


def test_it_counts_nothing_in_an_empty_period(register: Personas) -> None:
    stats = case_stats(register.ishoj, Period.year(1999))
    assert set(stats["totals"].values()) == {0}
    assert all(stats[key] == [] for key in ENTRY_KEYS)


def test_it_keeps_other_municipalities_apart(register: Personas) -> None:
    stats = case_stats(register.hvidovre, Period.year(2021))
    assert stats["totals"]["cases"] == 1
    assert stats["municipality"] == "hvidovre"


def test_it_compares_two_periods(register: Personas) -> None:
    data = case_stats_compare(register.ishoj, Period.year(2021), Period.year(2020))
    assert set(data) == {"current", "previous"}
    assert data["previous"]["totals"]["cases"] == 2
    assert data["previous"]["period"]["start"] == "2020-01-01"


def test_it_lists_the_years_with_cases(register: Personas) -> None:
    assert case_years(register.ishoj) == [2022, 2021, 2020]


def test_it_steps_back_to_the_previous_period() -> None:
    assert Period.year(2021).previous() == Period.year(2020)
    assert Period.year(2021).label == "2021"
    half = Period(dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    assert half.previous() == Period(dt.date(2020, 7, 4), dt.date(2020, 12, 31))
    assert half.previous().days == half.days
    with pytest.raises(ValueError, match="cannot end"):
        Period(dt.date(2021, 2, 1), dt.date(2021, 1, 1))
