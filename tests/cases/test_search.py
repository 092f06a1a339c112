"""The case search (decisions/0006): what it finds, in which order, with its index kept in
step with every change, and one query for a page of hits."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ombud.cases.models import Case
from ombud.cases.selectors import CaseFilterForm, case_list, case_search_page
from ombud.cases.selectors import search as search_module
from ombud.cases.services import citizen_update, journal_add
from tests.helpers import case_data as d
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db


def found(personas: Personas, text: str, *, names: bool = True) -> list[str]:
    form = CaseFilterForm({"q": text}, municipality=personas.ishoj)
    assert form.is_valid(), form.errors
    cases = case_list(personas.ishoj, form.cleaned_data, search_citizen_names=names)
    return [c.reference for c in cases]


@pytest.fixture
def cases(personas: Personas) -> dict[str, Case]:
    m = personas.ishoj
    soren = d.citizen(m, "Søren Ærø Kierkegaard")
    elder = d.make_case(m, citizen=soren, summary="Klage over Ældreplejens sagsbehandlingstid")
    other = d.make_case(m, summary="Spørgsmål om parkeringstilladelse")
    journal_add(
        actor=personas.advisor,
        case=other,
        kind="phone",
        subject="Opringning",
        body="Borgeren nævnte hjemmehjælpen i Vejlebrovej",
    )
    d.make_case(personas.hvidovre, summary="Ældreplejen i Hvidovre")
    return {"elder": elder, "other": other}


def test_it_finds_partial_words_in_summaries_in_any_case(
    personas: Personas, cases: dict[str, Case]
) -> None:
    assert found(personas, "sagsbehand") == [cases["elder"].reference]
    assert found(personas, "ÆLDREPLEJ") == [cases["elder"].reference]
    assert found(personas, "ældrepl") == [cases["elder"].reference]


def test_it_finds_the_citizen_name_only_for_those_who_may_see_it(
    personas: Personas, cases: dict[str, Case]
) -> None:
    assert found(personas, "kierke") == [cases["elder"].reference]
    assert found(personas, "Ærø") == [cases["elder"].reference]
    assert found(personas, "kierke", names=False) == []


def test_it_finds_the_journal_text(personas: Personas, cases: dict[str, Case]) -> None:
    assert found(personas, "vejlebro") == [cases["other"].reference]
    assert found(personas, "opringn") == [cases["other"].reference]


def test_it_finds_a_reference_and_ranks_it_first(
    personas: Personas, cases: dict[str, Case]
) -> None:
    ref = cases["other"].reference
    # Another case mentions the reference in its summary: the case itself comes first.
    mention = d.make_case(personas.ishoj, summary=f"Opfølgning på {ref}")
    assert found(personas, ref) == [ref, mention.reference]
    # Every reference begins so: one rank, newest first.
    everyone = Case.objects.filter(municipality=personas.ishoj).order_by("-opened_on", "-pk")
    assert found(personas, ref[:6]) == [c.reference for c in everyone]


def test_short_texts_still_work(personas: Personas, cases: dict[str, Case]) -> None:
    # Under three characters there is no trigram to look up; the text is compared as before.
    assert cases["other"].reference in found(personas, cases["other"].reference[-2:])


def test_it_keeps_the_index_in_step_with_changes(
    personas: Personas, cases: dict[str, Case]
) -> None:
    elder = cases["elder"]
    Case.objects.filter(pk=elder.pk).update(summary="Klage over madordningen")
    assert found(personas, "ældrepl") == []
    assert found(personas, "madordning") == [elder.reference]
    citizen_update(actor=None, citizen=elder.citizen, name="Søren Hansen")
    assert found(personas, "kierke") == []
    assert found(personas, "hansen") == [elder.reference]
    elder.delete()
    assert found(personas, "madordning") == []


def test_it_keeps_other_municipalities_out(personas: Personas, cases: dict[str, Case]) -> None:
    assert Case.objects.filter(summary__contains="Hvidovre").exists()
    assert found(personas, "hvidovre") == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 plan")
def test_it_asks_the_index_on_sqlite(personas: Personas, cases: dict[str, Case]) -> None:
    form = CaseFilterForm({"q": "ældrepl"}, municipality=personas.ishoj)
    assert form.is_valid()
    plan = case_list(personas.ishoj, form.cleaned_data).explain()
    assert "VIRTUAL TABLE INDEX" in plan


def test_a_page_of_hits_is_one_query_with_a_capped_count(
    personas: Personas, monkeypatch: Any
) -> None:
    for n in range(4):
        d.make_case(personas.ishoj, summary=f"Ventetid nummer {n}")
    monkeypatch.setattr(search_module, "SEARCH_CAP", 3)
    form = CaseFilterForm({"q": "ventetid"}, municipality=personas.ishoj)
    assert form.is_valid()
    cases = case_list(personas.ishoj, form.cleaned_data)
    with CaptureQueriesContext(connection) as queries:
        page = case_search_page(cases, 1, 2)
    assert page.paginator.capped
    assert page.paginator.count == 3
    assert len(page.object_list) == 2
    assert not any("COUNT(" in q["sql"] for q in queries.captured_queries)


def test_the_list_page_says_when_the_hits_are_capped(personas: Personas, monkeypatch: Any) -> None:
    for n in range(3):
        d.make_case(personas.ishoj, summary=f"Ventetid nummer {n}")
    monkeypatch.setattr(search_module, "SEARCH_CAP", 2)
    client = verified_client(personas.advisor)
    response = client.get(reverse("cases:list", args=["ishoj"]), {"q": "ventetid"})
    assert response.status_code == 200
    assert "Mere end 2 sager fundet" in response.content.decode()
