import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ombud.reports.models import PublishedReport, Recommendation, ReportDraft
from ombud.reports.services import recommendation_create
from tests.helpers.personas import Personas, verified_client
from tests.helpers.reports import filled_draft


def _url(name: str, *args: object) -> str:
    return reverse(f"reports:{name}", args=["ishoj", *args])


def test_it_hides_everything_from_an_outsider(register: Personas) -> None:
    draft = filled_draft(register)
    client = verified_client(register.outsider)
    assert client.get(_url("list")).status_code == 404
    assert client.get(_url("edit", draft.public_id)).status_code == 404
    assert client.get(_url("draft_download", draft.public_id, "pdf")).status_code == 404
    assert client.post(_url("publish", draft.public_id)).status_code == 404
    assert client.get(_url("recommendations")).status_code == 404
    assert client.get(_url("patterns")).status_code == 404


def test_it_gives_another_municipalitys_draft_a_404(register: Personas) -> None:
    draft = filled_draft(register)
    client = verified_client(register.advisor)
    url = reverse("reports:edit", args=["hvidovre", draft.public_id])
    assert client.get(url).status_code == 404


def test_it_lets_the_reader_look_but_not_write(register: Personas) -> None:
    draft = filled_draft(register)
    client = verified_client(register.reader)
    assert client.get(_url("list")).status_code == 200
    response = client.get(_url("edit", draft.public_id))
    assert response.status_code == 200
    assert b"publish-button" not in response.content
    assert client.post(_url("create"), {"kind": "annual", "year": 2021}).status_code == 403
    assert (
        client.post(_url("section", draft.public_id, "resources"), {"body": "x"}).status_code == 403
    )
    assert client.post(_url("edit", draft.public_id), {"body-resources": "x"}).status_code == 403
    assert client.post(_url("publish", draft.public_id)).status_code == 403
    assert client.post(_url("recommendation_create"), {"text": "x"}).status_code == 403
    assert PublishedReport.objects.count() == 0


def test_it_does_not_let_the_assistant_publish(register: Personas) -> None:
    draft = filled_draft(register)
    client = verified_client(register.assistant)
    ok = client.post(_url("section", draft.public_id, "resources"), {"body-resources": "Ny."})
    assert ok.status_code == 200
    assert client.post(_url("publish", draft.public_id)).status_code == 403


def test_it_creates_a_two_year_draft(register: Personas) -> None:
    client = verified_client(register.advisor)
    response = client.post(
        _url("create"),
        {"kind": "annual", "start": "01-01-2020", "end": "31-12-2021", "compare": "on"},
    )
    assert response.status_code == 302
    draft = ReportDraft.objects.get()
    assert (draft.period_start.isoformat(), draft.period_end.isoformat()) == (
        "2020-01-01",
        "2021-12-31",
    )
    assert draft.compare_start is not None and draft.compare_start.year == 2018
    assert "2020 og 2021" in draft.title


def test_it_autosaves_a_section(register: Personas, advisor_client: Client) -> None:
    draft = filled_draft(register)
    response = advisor_client.post(
        _url("section", draft.public_id, "resources"),
        {"body-resources": "Gemt {{ cases.total }}"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert draft.sections.get(key="resources").body_markdown == "Gemt {{ cases.total }}"
    assert advisor_client.post(_url("section", draft.public_id, "nope")).status_code == 404


def test_it_blocks_publishing_and_lists_the_problems(
    register: Personas, advisor_client: Client
) -> None:
    client = advisor_client
    client.post(_url("create"), {"kind": "annual", "year": 2021})
    draft = ReportDraft.objects.get()
    response = client.post(_url("publish", draft.public_id))
    assert response.status_code == 400
    assert b'id="report-problems"' in response.content
    assert b"[Skriv her]" in response.content
    assert PublishedReport.objects.count() == 0


def test_it_publishes_and_serves_the_versions(register: Personas, advisor_client: Client) -> None:
    draft = filled_draft(register)
    response = advisor_client.post(_url("publish", draft.public_id))
    assert response.status_code == 302
    report = PublishedReport.objects.get()
    assert report.published_by == register.advisor
    page = advisor_client.get(_url("edit", draft.public_id)).content.decode()
    assert str(report.public_id) in page
    for fmt, start in (("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!DOCTYPE html>")):
        got = verified_client(register.reader).get(_url("published", report.public_id, fmt))
        assert got.status_code == 200
        assert got.content.startswith(start)
    assert advisor_client.get(_url("published", report.public_id, "exe")).status_code == 404


def test_it_previews_a_draft(register: Personas, advisor_client: Client) -> None:
    draft = filled_draft(register)
    response = advisor_client.get(_url("preview", draft.public_id))
    assert response.status_code == 200
    assert "oprettet 7 sager" in response.content.decode()


def test_it_keeps_the_recommendations_register(register: Personas, advisor_client: Client) -> None:
    client = advisor_client
    response = client.post(
        _url("recommendation_create"),
        {
            "text": "At siden ajourføres.",
            "year_made": 2021,
            "status": "proposed",
            "addressee": "Direktionen",
        },
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    url = _url("recommendation", rec.public_id)
    assert (
        client.post(
            url, {"action": "respond", "date": "01-03-2022", "text": "Vi er i gang."}
        ).status_code
        == 302
    )
    assert client.post(url, {"action": "raise", "year": 2022}).status_code == 302
    assert client.post(url, {"action": "raise", "year": 2020}).status_code == 400
    edit = {
        "action": "update",
        "text": rec.text,
        "year_made": 2021,
        "status": "implemented",
        "addressee": "",
    }
    assert client.post(url, edit).status_code == 302
    rec.refresh_from_db()
    assert (rec.status, rec.raised_again, rec.responses.count()) == ("implemented", [2022], 1)
    listing = client.get(_url("recommendations"), {"status": "implemented", "year": 2021})
    assert "At siden ajourføres." in listing.content.decode()
    assert (
        "At siden"
        not in client.get(_url("recommendations"), {"status": "withdrawn"}).content.decode()
    )


def test_it_lists_recommendations_in_few_queries(
    register: Personas, advisor_client: Client, django_assert_max_num_queries: object
) -> None:
    for i in range(5):
        recommendation_create(
            actor=register.advisor, municipality=register.ishoj, year_made=2021, text=f"R{i}"
        )
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert advisor_client.get(_url("recommendations")).status_code == 200


def test_it_shows_the_patterns_page(register: Personas, advisor_client: Client) -> None:
    response = advisor_client.get(_url("patterns"))
    assert response.status_code == 200


@pytest.mark.clock_sensitive
def test_it_turns_a_pattern_into_a_recommendation(
    register: Personas, advisor_client: Client
) -> None:
    import datetime as dt

    from ombud.cases.models import CaseKind, Centre, Theme
    from ombud.cases.services import CaseInput, case_create, citizen_create

    p = register
    centre = Centre.objects.get(municipality=p.ishoj, label="Center for Børn og Forebyggelse")
    theme = Theme.objects.get(municipality=p.ishoj, label="Manglende svar")
    today = timezone.localdate()
    for i in range(3):
        citizen = citizen_create(actor=p.advisor, municipality=p.ishoj, name=f"B{i}")
        data = CaseInput(
            kind=CaseKind.COMPLAINT,
            citizen=citizen,
            centre=centre,
            themes=[theme],
            opened_on=today - dt.timedelta(days=10 * i),
        )
        case_create(actor=p.advisor, municipality=p.ishoj, data=data)
    page = advisor_client.get(_url("patterns")).content.decode()
    key = f"pattern-{centre.pk}-{theme.pk}"
    assert key in page
    from ombud.reports.selectors import patterns

    [found] = [x for x in patterns(p.ishoj, today) if x.centre_id == centre.pk]
    response = advisor_client.post(
        _url("recommendation_create"),
        {
            "text": "At der kvitteres for ansøgninger.",
            "centre": centre.pk,
            "year_made": today.year,
            "status": "proposed",
            "addressee": centre.label,
            "pattern": "Børn: Manglende svar",
            "case": [str(c.public_id) for c in found.cases],
        },
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert rec.cases.count() == 3 and rec.centre == centre
    # The cases are now behind a recommendation: no longer a pattern of three.
    assert key not in advisor_client.get(_url("patterns")).content.decode()


def test_it_creates_a_midway_status(register: Personas, advisor_client: Client) -> None:
    response = advisor_client.post(
        _url("create"), {"kind": "midway", "start": "2021-01-01", "end": "2021-06-30"}
    )
    assert response.status_code == 302
    draft = ReportDraft.objects.get()
    assert draft.kind == "midway"
    assert draft.sections.count() == 5
    preview = advisor_client.get(_url("preview", draft.public_id)).content.decode()
    assert "oprettet 4 sager" in preview
