import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ombud.cases.models import Case, CaseKind, CaseStatus, Centre, Citizen, JournalEntry
from ombud.cases.services import journal_add
from ombud.core.models import AuditAction, AuditEvent
from tests.helpers import case_data as d
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas: Personas) -> Case:
    return d.make_case(personas.ishoj, actor=personas.advisor, handler=personas.advisor)


def url(name: str, *args: Any) -> str:
    return reverse(f"cases:{name}", args=["ishoj", *args])


def test_it_registers_a_complaint(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    response = client.post(url("create"), d.case_form(personas))
    case = Case.objects.get(municipality=personas.ishoj)
    assert response.status_code == 302
    assert response.url == url("detail", case.reference)
    assert case.kind == CaseKind.COMPLAINT
    assert case.opened_on == dt.date(2026, 11, 27)
    assert case.citizen.name == "Karen Jensen"
    assert [t.label for t in case.themes.all()] == ["Sagsbehandlingstid"]
    assert case.handler == personas.advisor
    page = client.get(response.url).content.decode()
    assert f"Sag {case.reference} er oprettet." in page


def test_it_registers_a_new_citizen_with_the_case(personas: Personas) -> None:
    client = verified_client(personas.assistant)
    data = d.case_form(
        personas,
        citizen=None,
        citizen_query="",
        new_citizen_name="Ny Borger",
        new_citizen_phone="11223344",
    )
    assert client.post(url("create"), data).status_code == 302
    assert Case.objects.get(municipality=personas.ishoj).citizen.phone == "11223344"


def test_it_offers_a_new_case_form_with_defaults(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    response = client.get(url("create"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["handler"].value() == str(personas.advisor.public_id)
    assert form["channel"].value() == d.channel(personas.ishoj).pk
    assert "autofocus" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"status": CaseStatus.CLOSED, "themes": None}, "themes"),
        ({"status": CaseStatus.CLOSED, "closed_on": "2026-11-01"}, "closed_on"),
        ({"external_body": "EB"}, "external_body"),
        ({"centre": None}, "centre"),
        ({"handling": "Afvist"}, "rejection_ground"),
        ({"rejection_ground": "RG"}, "rejection_ground"),
        ({"citizen": None, "citizen_query": ""}, "citizen_query"),
        ({"kind": None}, "kind"),
    ],
)
def test_it_shows_rule_errors_on_the_fields(
    personas: Personas, overrides: dict[str, Any], field: str
) -> None:
    m = personas.ishoj
    if overrides.get("external_body") == "EB":
        overrides["external_body"] = d.external_body(m).pk
    if overrides.get("handling") == "Afvist":
        overrides["handling"] = d.handling(m, "Afvist").pk
    if overrides.get("rejection_ground") == "RG":
        overrides["rejection_ground"] = d.rejection_ground(m).pk
    response = verified_client(personas.advisor).post(
        url("create"), d.case_form(personas, **overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="form-error-message"' in response.content.decode()
    assert not Case.objects.filter(municipality=m).exists()


def test_it_does_not_keep_a_new_citizen_when_the_case_is_refused(personas: Personas) -> None:
    data = d.case_form(
        personas, citizen=None, citizen_query="", new_citizen_name="Ny Borger", centre=None
    )
    response = verified_client(personas.advisor).post(url("create"), data)
    assert response.status_code == 200
    assert not Citizen.objects.filter(name="Ny Borger").exists()


def test_it_refuses_another_municipalitys_centre(personas: Personas) -> None:
    data = d.case_form(personas, centre=d.centre(personas.hvidovre).pk)
    response = verified_client(personas.advisor).post(url("create"), data)
    assert response.status_code == 200
    assert "centre" in response.context["form"].errors


def test_it_does_not_offer_retired_entries_for_new_cases(personas: Personas) -> None:
    Centre.objects.filter(municipality=personas.ishoj, label="Center for Byudvikling").update(
        is_active=False
    )
    form = verified_client(personas.advisor).get(url("create")).context["form"]
    assert "Center for Byudvikling" not in [str(c) for c in form.fields["centre"].queryset]


def test_it_keeps_a_retired_entry_selectable_when_editing(personas: Personas, case: Case) -> None:
    Centre.objects.filter(pk=case.centre_id).update(is_active=False)
    client = verified_client(personas.advisor)
    form = client.get(url("edit", case.reference)).context["form"]
    assert case.centre_id in [c.pk for c in form.fields["centre"].queryset]
    data = d.case_form(
        personas,
        citizen=str(case.citizen.public_id),
        centre=case.centre_id,
        summary="Rettet",
        opened_on="2026-03-02",
    )
    response = client.post(url("edit", case.reference), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary == "Rettet"


def test_it_prefills_a_follow_up_and_links_it_to_the_main_case(
    personas: Personas, case: Case
) -> None:
    client = verified_client(personas.advisor)
    response = client.get(url("follow_up", case.reference))
    form = response.context["form"]
    assert str(form["citizen"].value()) == str(case.citizen.public_id)
    assert form["centre"].value() == case.centre_id
    assert url("detail", case.reference) in response.content.decode()
    data = d.case_form(personas, citizen=str(case.citizen.public_id), opened_on="2026-03-02")
    assert client.post(url("follow_up", case.reference), data).status_code == 302
    follow_up = Case.objects.get(main_case=case)
    detail = client.get(url("detail", follow_up.reference)).content.decode()
    assert url("detail", case.reference) in detail


def test_it_closes_a_case_and_shows_why_it_cannot(personas: Personas) -> None:
    m = personas.ishoj
    client = verified_client(personas.advisor)
    no_themes = d.make_case(m, themes=[])
    response = client.post(url("close", no_themes.reference), {"closed_on": "2026-04-01"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    before = client.post(url("close", no_themes.reference), {"closed_on": "2026-01-01"})
    assert "closed_on" in before.context["form"].errors
    ok = d.make_case(m)
    response = client.post(
        url("close", ok.reference), {"closed_on": "2026-04-01", "outcome": d.outcome(m).pk}
    )
    assert response.status_code == 302
    ok.refresh_from_db()
    assert (ok.status, ok.outcome) == (CaseStatus.CLOSED, d.outcome(m))
    assert client.post(url("reopen", ok.reference)).status_code == 302
    ok.refresh_from_db()
    assert ok.status == CaseStatus.OPEN
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    detail = client.get(url("detail", ok.reference))
    timeline = [item for item in detail.context["timeline"] if item.changed_fields]
    assert len(timeline) == 2
    assert ("status", "Closed", "Open") in [
        (label, old, new) for label, old, new in timeline[0].changed_fields
    ]


def test_it_adds_a_journal_entry_and_serves_its_document(personas: Personas, case: Case) -> None:
    client = verified_client(personas.advisor)
    upload = SimpleUploadedFile("brev.pdf", b"%PDF-1.4 brev", content_type="application/pdf")
    data = {
        "kind": "document",
        "direction": "in",
        "occurred_at": "2026-03-03T10:15",
        "subject": "Afgørelse",
        "attachment": upload,
    }
    assert client.post(url("journal_add", case.reference), data).status_code == 302
    entry = JournalEntry.objects.get(case=case)
    response = client.get(url("document", case.reference, entry.public_id))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "brev.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 brev"
    assert AuditEvent.objects.filter(
        object_ref=case.reference, object_type="document", action=AuditAction.EXPORT
    ).exists()


def test_it_refuses_a_journal_upload_of_the_wrong_type(personas: Personas, case: Case) -> None:
    data = {
        "kind": "document",
        "direction": "in",
        "occurred_at": "2026-03-03T10:15",
        "attachment": SimpleUploadedFile("virus.exe", b"MZ"),
    }
    response = verified_client(personas.advisor).post(url("journal_add", case.reference), data)
    assert response.status_code == 200
    assert "attachment" in response.context["journal_form"].errors
    assert not JournalEntry.objects.exists()


def _document(personas: Personas, case: Case) -> JournalEntry:
    upload = SimpleUploadedFile("notat.txt", b"hemmeligt")
    return journal_add(actor=personas.advisor, case=case, kind="document", attachment=upload)


@pytest.mark.parametrize(
    "name", ["list", "inbox", "create", "detail", "edit", "close", "follow_up", "document"]
)
def test_it_hides_ishoj_cases_from_an_outsider(personas: Personas, case: Case, name: str) -> None:
    args: list[Any] = [] if name in ("list", "inbox", "create") else [case.reference]
    if name == "document":
        args.append(_document(personas, case).public_id)
    client = verified_client(personas.outsider)
    assert client.get(url(name, *args)).status_code == 404
    if name in ("create", "edit", "close", "follow_up"):
        assert client.post(url(name, *args), {}).status_code == 404


def test_it_hides_a_case_behind_the_wrong_municipality_in_the_url(
    personas: Personas, case: Case
) -> None:
    # The shared advisor is a member of Hvidovre, but the Ishøj case is not there.
    client = verified_client(personas.advisor)
    response = client.get(reverse("cases:detail", args=["hvidovre", case.reference]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["create", "edit", "close", "journal_add", "reopen", "follow_up"])
def test_it_forbids_a_reader_to_change_cases(personas: Personas, case: Case, name: str) -> None:
    args = [] if name == "create" else [case.reference]
    client = verified_client(personas.reader)
    assert client.post(url(name, *args), d.case_form(personas)).status_code == 403
    assert Case.objects.count() == 1


def test_it_shows_a_reader_the_case_without_edit_buttons_or_names(
    personas: Personas, case: Case
) -> None:
    response = verified_client(personas.reader).get(url("detail", case.reference))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="edit-case"' not in page and 'id="register-follow-up"' not in page
    assert case.citizen.name not in page


def test_it_lets_an_assistant_register_a_case(personas: Personas) -> None:
    client = verified_client(personas.assistant)
    assert client.post(url("create"), d.case_form(personas)).status_code == 302
    assert Case.objects.filter(municipality=personas.ishoj).count() == 1


def test_it_returns_only_the_results_to_htmx(personas: Personas, case: Case) -> None:
    client = verified_client(personas.advisor)
    full = client.get(url("list"))
    partial = client.get(url("list"), {"kind": "complaint"}, HTTP_HX_REQUEST="true")
    assert "<html" in full.content.decode()
    body = partial.content.decode()
    assert "<html" not in body and 'id="case-filters"' not in body
    assert case.reference in body
    assert 'hx-swap-oob="innerHTML"' in body
    assert "HX-Request" in partial["Vary"]


def test_it_shows_invalid_filters_as_errors_not_500(personas: Personas, case: Case) -> None:
    client = verified_client(personas.advisor)
    response = client.get(url("list"), {"from": "not-a-date", "centre": "x", "page": "abc"})
    assert response.status_code == 200
    assert {"from", "centre"} <= set(response.context["form"].errors)
    assert case.reference not in response.content.decode()


def test_it_paginates_the_list_by_25(personas: Personas) -> None:
    karen = d.citizen(personas.ishoj)
    for _ in range(26):
        d.make_case(personas.ishoj, citizen=karen)
    client = verified_client(personas.advisor)
    assert len(client.get(url("list")).context["page"]) == 25
    assert len(client.get(url("list"), {"page": 2}).context["page"]) == 1


def test_it_searches_citizens_for_the_picker(personas: Personas) -> None:
    d.citizen(personas.ishoj, "Karen Jensen")
    d.citizen(personas.hvidovre, "Karen Hvidovre")
    client = verified_client(personas.advisor)
    body = client.get(url("citizen_search"), {"citizen_query": "karen"}).content.decode()
    assert 'role="option"' in body and "Karen Jensen" in body and "Hvidovre" not in body
    assert verified_client(personas.reader).get(url("citizen_search")).status_code == 403


def test_it_lists_my_open_cases_in_the_inbox(personas: Personas, case: Case) -> None:
    other = d.make_case(personas.ishoj, handler=personas.assistant)
    unhandled = d.make_case(personas.ishoj)
    response = verified_client(personas.advisor).get(url("inbox"))
    assert [c.reference for c in response.context["mine"]] == [case.reference]
    assert [c.reference for c in response.context["unassigned"]] == [unhandled.reference]
    assert other.reference not in response.content.decode()


def test_it_sends_anonymous_users_to_log_in(case: Case) -> None:
    assert Client().get(url("detail", case.reference)).status_code == 302


def test_it_shows_a_busy_case_in_a_constant_number_of_queries(
    personas: Personas, case: Case, django_assert_max_num_queries: Any
) -> None:
    client = verified_client(personas.advisor)
    client.get(url("detail", case.reference))
    with django_assert_max_num_queries(16) as few:
        client.get(url("detail", case.reference))
    for n in range(5):
        journal_add(actor=personas.advisor, case=case, kind="note", body=f"Notat {n}")
        d.make_case(personas.ishoj, main_case=case, citizen=case.citizen)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("detail", case.reference))
    assert response.status_code == 200


def test_it_shows_a_full_inbox_in_a_constant_number_of_queries(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    karen = d.citizen(personas.ishoj)
    for _ in range(30):
        d.make_case(personas.ishoj, citizen=karen, handler=personas.advisor)
    client = verified_client(personas.advisor)
    with django_assert_max_num_queries(16):
        response = client.get(url("inbox"))
    assert len(response.context["mine"]) == 30


def test_it_reports_field_and_rule_errors_in_one_round(personas: Personas) -> None:
    data = d.case_form(
        personas, citizen=None, citizen_query="", status=CaseStatus.CLOSED, themes=None
    )
    response = verified_client(personas.advisor).post(url("create"), data)
    assert {"citizen_query", "themes"} <= set(response.context["form"].errors)


def test_it_puts_service_errors_beside_the_fields(personas: Personas) -> None:
    from django.core.exceptions import ValidationError

    from ombud.cases.forms import CITIZEN_ERROR_FIELDS, CaseForm, apply_errors

    form = CaseForm({}, municipality=personas.ishoj, user=personas.advisor)
    form.is_valid()
    error = ValidationError(
        {"centre": ["Vælg centret."], "email": ["Ugyldig."], "reference": ["Optaget."]}
    )
    apply_errors(form, error, CITIZEN_ERROR_FIELDS)
    assert "Vælg centret." in form.errors["centre"]
    assert "Ugyldig." in form.errors["new_citizen_email"]
    assert "Optaget." in form.non_field_errors()


def test_closing_a_main_case_with_open_follow_ups_asks_what_to_do(personas: Personas) -> None:
    m = personas.ishoj
    client = verified_client(personas.advisor)
    main = d.make_case(m)
    follow_up = d.make_case(m, main_case=main)
    page = client.get(url("close", main.reference)).content.decode()
    assert 'id="open-follow-ups"' in page
    assert follow_up.reference in page
    data = {"closed_on": "2026-04-01", "outcome": d.outcome(m).pk}
    # Not choosing is not an answer: nothing is closed.
    response = client.post(url("close", main.reference), data)
    assert "follow_ups" in response.context["form"].errors
    main.refresh_from_db()
    assert main.status != CaseStatus.CLOSED
    # Keep them open.
    assert (
        client.post(url("close", main.reference), {**data, "follow_ups": "keep"}).status_code == 302
    )
    follow_up.refresh_from_db()
    assert follow_up.status != CaseStatus.CLOSED
    client.post(url("reopen", main.reference))
    # Close them too, on the same date.
    assert (
        client.post(url("close", main.reference), {**data, "follow_ups": "close"}).status_code
        == 302
    )
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.closed_on) == (CaseStatus.CLOSED, dt.date(2026, 4, 1))


def test_closing_stops_when_a_follow_up_cannot_be_closed(personas: Personas) -> None:
    m = personas.ishoj
    client = verified_client(personas.advisor)
    main = d.make_case(m)
    follow_up = d.make_case(m, main_case=main, themes=[])  # a complaint without themes
    data = {"closed_on": "2026-04-01", "outcome": d.outcome(m).pk, "follow_ups": "close"}
    response = client.post(url("close", main.reference), data)
    assert response.status_code == 200
    assert follow_up.reference in " ".join(response.context["form"].non_field_errors())
    main.refresh_from_db()
    assert main.status != CaseStatus.CLOSED
