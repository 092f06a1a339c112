import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from ombud.cases.models import CaseKind, CaseStatus, Citizen, JournalKind
from ombud.cases.services import (
    CaseInput,
    case_close,
    case_register,
    case_reopen,
    follow_up_initial,
    journal_add,
)
from ombud.core.models import AuditEvent
from tests.helpers import case_data as d
from tests.helpers.personas import Personas

pytestmark = pytest.mark.django_db


def test_it_numbers_references_per_municipality_and_year(personas: Personas) -> None:
    ishoj, hvidovre = personas.ishoj, personas.hvidovre
    first = d.make_case(ishoj)
    second = d.make_case(ishoj)
    other_year = d.make_case(ishoj, opened_on=dt.date(2025, 12, 30))
    other_municipality = d.make_case(hvidovre)
    assert (first.reference, second.reference) == ("2026-0001", "2026-0002")
    assert other_year.reference == "2025-0001"
    assert other_municipality.reference == "2026-0001"


def test_it_hangs_a_follow_up_of_a_follow_up_on_the_main_case(personas: Personas) -> None:
    main = d.make_case(personas.ishoj)
    follow_up = d.make_case(personas.ishoj, main_case=main, citizen=main.citizen)
    second = d.make_case(personas.ishoj, main_case=follow_up, citizen=main.citizen)
    assert follow_up.main_case == main
    assert second.main_case == main


def test_it_prefills_a_follow_up_with_what_it_shares(personas: Personas) -> None:
    main = d.make_case(personas.ishoj, actor=personas.advisor, handler=personas.advisor)
    data = follow_up_initial(main)
    assert (data.citizen, data.centre, data.kind) == (main.citizen, main.centre, main.kind)
    assert data.handler == personas.advisor
    assert data.themes == [] and data.handling is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"status": CaseStatus.CLOSED, "closed_on": dt.date(2026, 3, 1)}, "closed_on"),
        ({"status": CaseStatus.CLOSED, "themes": []}, "themes"),
        ({"handling": "Afvist"}, "rejection_ground"),
        ({"rejection_ground": True}, "rejection_ground"),
        ({"centre": None}, "centre"),
        ({"concerns_municipality": False}, "centre"),
        ({"concerns_municipality": False, "centre": None}, "external_body"),
    ],
)
def test_it_refuses_a_case_that_breaks_a_rule(
    personas: Personas, overrides: dict[str, object], field: str
) -> None:
    ishoj = personas.ishoj
    if overrides.get("handling") == "Afvist":
        overrides["handling"] = d.handling(ishoj, "Afvist")
    if overrides.get("rejection_ground") is True:
        overrides["rejection_ground"] = d.rejection_ground(ishoj)
    with pytest.raises(ValidationError) as raised:
        d.make_case(ishoj, **overrides)
    assert field in raised.value.message_dict


def test_it_closes_and_reopens_a_case(personas: Personas) -> None:
    case = d.make_case(personas.ishoj)
    case_close(actor=personas.advisor, case=case, closed_on=dt.date(2026, 4, 1))
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_on == dt.date(2026, 4, 1)
    case_reopen(actor=personas.advisor, case=case)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.closed_on is None
    assert AuditEvent.objects.filter(object_ref=case.reference, summary="Case changed").count() == 2


def test_it_will_not_close_a_complaint_without_themes(personas: Personas) -> None:
    case = d.make_case(personas.ishoj, themes=[])
    with pytest.raises(ValidationError) as raised:
        case_close(actor=personas.advisor, case=case)
    assert "themes" in raised.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


@pytest.mark.clock_sensitive
def test_it_rolls_back_a_new_citizen_when_the_case_is_refused(personas: Personas) -> None:
    ishoj = personas.ishoj
    data = CaseInput(kind=CaseKind.INQUIRY, citizen=None, opened_on=timezone.localdate())  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        case_register(
            actor=personas.advisor, municipality=ishoj, data=data, new_citizen={"name": "Ny Borger"}
        )
    assert not Citizen.objects.filter(name="Ny Borger").exists()
    data.centre = d.centre(ishoj)
    case = case_register(
        actor=personas.advisor, municipality=ishoj, data=data, new_citizen={"name": "Ny Borger"}
    )
    assert case.citizen.name == "Ny Borger"


def test_it_adds_a_journal_entry_with_a_pdf(personas: Personas) -> None:
    case = d.make_case(personas.ishoj)
    upload = SimpleUploadedFile("afgoerelse.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    entry = journal_add(
        actor=personas.advisor, case=case, kind=JournalKind.DOCUMENT, attachment=upload
    )
    assert entry.attachment_type == "application/pdf"
    assert entry.attachment_name == "afgoerelse.pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [("script.exe", b"MZ..."), ("fake.pdf", b"<html>not a pdf</html>")],
)
def test_it_refuses_an_upload_of_the_wrong_type(
    personas: Personas, name: str, content: bytes
) -> None:
    case = d.make_case(personas.ishoj)
    with pytest.raises(ValidationError) as raised:
        journal_add(
            actor=personas.advisor,
            case=case,
            kind=JournalKind.DOCUMENT,
            attachment=SimpleUploadedFile(name, content),
        )
    assert "attachment" in raised.value.message_dict


@override_settings(OMBUD_MAX_UPLOAD_BYTES=10)
def test_it_refuses_a_too_large_upload(personas: Personas) -> None:
    case = d.make_case(personas.ishoj)
    with pytest.raises(ValidationError) as raised:
        journal_add(
            actor=personas.advisor,
            case=case,
            kind=JournalKind.NOTE,
            attachment=SimpleUploadedFile("notat.txt", b"x" * 11),
        )
    assert "attachment" in raised.value.message_dict
