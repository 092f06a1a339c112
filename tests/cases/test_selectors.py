import datetime as dt
from typing import Any

import pytest
from django.http import QueryDict
from django.urls import reverse

from ombud.cases.models import CaseKind, CaseStatus, Theme
from ombud.cases.selectors import (
    CaseFilterForm,
    case_get,
    case_list,
    case_timeline,
    citizen_search,
    inbox_for,
)
from ombud.cases.services import case_close, citizen_merge, journal_add
from tests.helpers import case_data as d
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db


def refs(personas: Personas, query: str) -> set[str]:
    form = CaseFilterForm(QueryDict(query), municipality=personas.ishoj)
    assert form.is_valid(), form.errors
    return {c.reference for c in case_list(personas.ishoj, form.cleaned_data)}


@pytest.fixture
def cases(personas: Personas) -> dict[str, Any]:
    """A small, varied register in Ishøj, plus one case in Hvidovre that must never show."""
    m = personas.ishoj
    karen = d.citizen(m, "Karen Jensen", phone="12 34 56 78")
    complaint = d.make_case(
        m, citizen=karen, handler=personas.advisor, summary="Ventetid på hjælpemiddel"
    )
    rejected = d.make_case(
        m,
        opened_on=dt.date(2026, 5, 10),
        handling=d.handling(m, "Afvist"),
        rejection_ground=d.rejection_ground(m),
        themes=[d.theme(m, "Partshøring")],
        handler=personas.assistant,
    )
    inquiry = d.make_case(
        m,
        kind=CaseKind.INQUIRY,
        concerns_municipality=False,
        centre=None,
        external_body=d.external_body(m),
        themes=[],
        handling=d.handling(m, "Vejvisning"),
        channel=d.channel(m, "email"),
        opened_on=dt.date(2026, 6, 1),
    )
    follow_up = d.make_case(m, main_case=complaint, citizen=karen, handler=personas.advisor)
    case_close(actor=None, case=follow_up, outcome=d.outcome(m))
    d.make_case(personas.hvidovre, summary="Ventetid")
    return {
        "complaint": complaint.reference,
        "rejected": rejected.reference,
        "inquiry": inquiry.reference,
        "follow_up": follow_up.reference,
    }


def test_it_filters_on_every_parameter(personas: Personas, cases: dict[str, Any]) -> None:
    m = personas.ishoj
    c, r, i, f = cases["complaint"], cases["rejected"], cases["inquiry"], cases["follow_up"]
    centre = d.centre(m).pk
    partshoring = d.theme(m, "Partshøring")
    assert refs(personas, "") == {c, r, i, f}
    assert refs(personas, "from=2026-05-01") == {r, i}
    assert refs(personas, "to=09-05-2026") == {c, f}
    assert refs(personas, "kind=inquiry") == {i}
    assert refs(personas, "main=main") == {c, r, i}
    assert refs(personas, "main=follow_up") == {f}
    assert refs(personas, "concerns=no") == {i}
    assert refs(personas, "concerns=yes") == {c, r, f}
    assert refs(personas, f"centre={centre}") == {c, r, f}
    assert refs(personas, f"external_body={d.external_body(m).pk}") == {i}
    assert refs(personas, f"theme={partshoring.pk}") == {r}
    assert refs(personas, f"theme_group={partshoring.group_id}") == {r}
    assert refs(personas, f"handling={d.handling(m).pk}") == {c, f}
    assert refs(personas, f"rejection_ground={d.rejection_ground(m).pk}") == {r}
    assert refs(personas, "rejected=yes") == {r}
    assert refs(personas, "rejected=no") == {c, i, f}
    assert refs(personas, f"outcome={d.outcome(m).pk}") == {f}
    assert refs(personas, f"channel={d.channel(m, 'email').pk}") == {i}
    assert refs(personas, "status=closed") == {f}
    assert refs(personas, "status=active") == {c, r, i}
    assert refs(personas, "status=open") == {c, r, i}
    assert refs(personas, f"handler={personas.advisor.public_id}") == {c, f}
    assert refs(personas, f"kind=complaint&centre={centre}&status=active") == {c, r}


def test_it_searches_reference_summary_and_citizen_name(
    personas: Personas, cases: dict[str, Any]
) -> None:
    assert refs(personas, "q=ventetid") == {cases["complaint"]}
    assert refs(personas, "q=karen") == {cases["complaint"], cases["follow_up"]}
    assert refs(personas, f"q={cases['inquiry']}") == {cases["inquiry"]}


def test_it_leaves_citizen_names_out_of_the_search_when_asked(
    personas: Personas, cases: dict[str, Any]
) -> None:
    form = CaseFilterForm(QueryDict("q=karen"), municipality=personas.ishoj)
    assert form.is_valid()
    assert not case_list(personas.ishoj, form.cleaned_data, search_citizen_names=False).exists()


def test_it_still_offers_retired_entries_as_filters(
    personas: Personas, cases: dict[str, Any]
) -> None:
    Theme.objects.filter(label="Partshøring", municipality=personas.ishoj).update(is_active=False)
    theme = d.theme(personas.ishoj, "Partshøring")
    assert refs(personas, f"theme={theme.pk}") == {cases["rejected"]}


@pytest.mark.parametrize(
    "query",
    [
        "from=31-31-2026",
        "kind=appeal",
        "main=both",
        "status=lost",
        "centre=abc",
        "centre=999999",
        "rejected=maybe",
        "handler=not-a-member",
        "from=2026-06-01&to=2026-01-01",
    ],
)
def test_it_reports_invalid_filters_as_form_errors(personas: Personas, query: str) -> None:
    assert not CaseFilterForm(QueryDict(query), municipality=personas.ishoj).is_valid()


def test_it_refuses_another_municipalitys_taxonomy_as_a_filter(personas: Personas) -> None:
    foreign = d.centre(personas.hvidovre)
    form = CaseFilterForm(QueryDict(f"centre={foreign.pk}"), municipality=personas.ishoj)
    assert not form.is_valid()
    assert "centre" in form.errors
    member = CaseFilterForm(
        QueryDict(f"handler={personas.outsider.public_id}"), municipality=personas.ishoj
    )
    assert not member.is_valid()


def test_it_gets_a_case_only_in_its_municipality(personas: Personas, cases: dict[str, Any]) -> None:
    from django.http import Http404

    assert case_get(personas.ishoj, cases["complaint"]).reference == cases["complaint"]
    with pytest.raises(Http404):
        case_get(personas.brondby, cases["complaint"])


def test_it_merges_journal_and_audit_events_newest_first(
    personas: Personas, cases: dict[str, Any]
) -> None:
    case = case_get(personas.ishoj, cases["complaint"])
    journal_add(actor=personas.advisor, case=case, kind="phone", subject="Ringede til centret")
    timeline = case_timeline(case)
    assert timeline[0].entry is not None
    assert any(item.event is not None for item in timeline)
    assert [item.at for item in timeline] == sorted((item.at for item in timeline), reverse=True)


def test_it_fills_the_inbox_with_my_and_unhandled_active_cases(
    personas: Personas, cases: dict[str, Any]
) -> None:
    rows = list(inbox_for(personas.advisor, personas.ishoj))
    assert [c.reference for c in rows] == [cases["complaint"], cases["inquiry"]]
    assert rows[0].open_for.days >= 0
    assert rows[0].opened_on <= rows[1].opened_on


def test_it_finds_citizens_but_not_merged_records(personas: Personas) -> None:
    m = personas.ishoj
    keep = d.citizen(m, "Jens Hansen", phone="20304050", email="jens@example.dk")
    gone = d.citizen(m, "Jens Hansen", email="jh@example.dk")
    citizen_merge(actor=personas.advisor, keep=keep, merge=gone)
    d.citizen(personas.hvidovre, "Jens Hansen")
    assert citizen_search(m, "jens") == [keep]
    assert citizen_search(m, "20 30 40") == [keep]
    assert citizen_search(m, "example.dk") == [keep]
    assert citizen_search(m, "") == []


@pytest.mark.parametrize("count", [25, 50])
def test_it_lists_a_page_in_a_constant_number_of_queries(
    personas: Personas, django_assert_max_num_queries: Any, count: int
) -> None:
    m = personas.ishoj
    karen = d.citizen(m)
    themes = [d.theme(m), d.theme(m, "Partshøring")]
    for n in range(count):
        d.make_case(m, citizen=karen, themes=themes, handler=personas.advisor, summary=f"Sag {n}")
    client = verified_client(personas.advisor)
    url = reverse("cases:list", args=["ishoj"])
    client.get(url)  # warm session and caches
    with django_assert_max_num_queries(28):
        response = client.get(url, {"status": "active", "kind": CaseKind.COMPLAINT})
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 26  # header + 25 rows


def test_it_counts_the_same_queries_for_25_and_50_cases(
    personas: Personas, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    m = personas.ishoj
    client = verified_client(personas.advisor)
    url = reverse("cases:list", args=["ishoj"])
    karen = d.citizen(m)
    counts = []
    for total in (25, 50):
        while len(refs(personas, "")) < total:
            d.make_case(m, citizen=karen, status=CaseStatus.OPEN, handler=personas.advisor)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"page": 2 if total == 50 else 1}).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
