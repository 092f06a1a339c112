"""Several municipalities' statistics at once: the selector, `ombud stats
--all-municipalities` and the page for an advisor serving several municipalities."""

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ombud.accounts.models import Municipality
from ombud.stats.selectors import (
    CASE_STATS_QUERIES,
    Period,
    case_stats,
    municipalities_stats,
)
from tests.helpers.personas import Personas, verified_client


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def test_each_row_equals_the_municipality_own_figures(register: Personas) -> None:
    municipalities = [register.ishoj, register.hvidovre, register.brondby]
    for period in (Period.year(2021), Period.year(2020)):
        [overview] = municipalities_stats(municipalities, [period])
        by_slug = {s["municipality"]: s for s in overview["municipalities"]}
        for m in municipalities:
            assert by_slug[m.slug] == case_stats(m, period), (m.slug, period)
        for key, total in overview["totals"].items():
            assert total == sum(s["totals"][key] for s in by_slug.values()), key


def test_it_counts_any_number_of_municipalities_in_the_same_queries(
    register: Personas, django_assert_num_queries: Any
) -> None:
    everyone = list(Municipality.objects.all())
    with django_assert_num_queries(CASE_STATS_QUERIES):
        overviews = municipalities_stats(everyone, [Period.year(2021), Period.year(2020)])
    assert [o["totals"]["cases"] for o in overviews] == [8, 2]
    names = [s["municipality"] for s in overviews[0]["municipalities"]]
    assert names == [m.slug for m in sorted(everyone, key=lambda m: m.name)]


def test_the_command_prints_every_municipality_and_the_totals(register: Personas) -> None:
    data = json.loads(_run("--all-municipalities", "--year", "2021"))
    assert set(data) == {"period", "municipalities", "totals"}
    ishoj = next(s for s in data["municipalities"] if s["municipality"] == "ishoj")
    assert ishoj == case_stats(register.ishoj, Period.year(2021))
    assert data["totals"]["cases"] == 8
    compared = json.loads(_run("--all-municipalities", "--year", "2021", "--compare-with", "2020"))
    assert set(compared) == {"current", "previous"}
    assert compared["previous"]["totals"]["cases"] == 2


def test_the_command_prints_a_table_with_a_total_row(register: Personas) -> None:
    text = _run("--all-municipalities", "--year", "2021", "--format", "table")
    lines = text.splitlines()
    assert lines[0] == "Statistik for alle kommuner, 2021"
    assert lines[2].split()[:2] == ["Kommune", "Sager"]
    row = next(line for line in lines if line.startswith("Ishøj Kommune"))
    assert row.split()[2] == "7"
    assert lines[-1].split()[:3] == ["I", "alt", "8"]


def test_the_command_wants_one_municipality_or_all(register: Personas) -> None:
    with pytest.raises(CommandError):
        call_command("stats", "--all-municipalities", "--municipality", "ishoj", "--year", "2021")
    with pytest.raises(CommandError):
        call_command("stats", "--year", "2021")


def test_the_page_shows_the_municipalities_the_advisor_serves(register: Personas) -> None:
    client = verified_client(register.advisor)
    overview = client.get(reverse("stats:overview", args=["ishoj"]), {"year": 2021})
    url = reverse("stats:municipalities", args=["ishoj"])
    assert url in overview.content.decode()
    response = client.get(url, {"year": 2021, "compare": "none"})
    assert response.status_code == 200
    [table] = response.context["tables"]
    assert [r.slug for r in table.rows] == ["hvidovre", "ishoj"]
    assert [r.values[0] for r in table.rows] == [1, 7]
    assert table.totals[0] == 8
    html = response.content.decode()
    assert "Brøndby" not in html
    assert "<tfoot>" in html


def test_the_page_shows_a_single_municipality_member_only_their_own(
    register: Personas,
) -> None:
    client = verified_client(register.reader)
    overview = client.get(reverse("stats:overview", args=["ishoj"]), {"year": 2021})
    assert reverse("stats:municipalities", args=["ishoj"]) not in overview.content.decode()
    response = client.get(reverse("stats:municipalities", args=["ishoj"]), {"year": 2021})
    assert [r.slug for r in response.context["tables"][0].rows] == ["ishoj"]


def test_the_page_is_hidden_from_outsiders(register: Personas) -> None:
    client = verified_client(register.outsider)
    assert client.get(reverse("stats:municipalities", args=["ishoj"])).status_code == 404
