import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from ombud.whistleblower import selectors, services
from ombud.whistleblower.models import Channel, Handler, IdentityDisclosure, LegalGround, Report
from tests.helpers.personas import PASSWORD, Personas, verified_client
from tests.helpers.whistleblower import (
    WbSetup,
    all_rows_bytes,
    designate_approved,
    handler_user,
    sample_input,
)

pytestmark = pytest.mark.django_db


def _second_handler(wb: WbSetup, personas: Personas):
    return designate_approved(wb, personas, handler_user("sanne", personas))


def test_it_records_an_oral_report_the_reporter_approves(wb: WbSetup) -> None:
    submission = services.report_record_oral(
        actor=wb.handler, data=sample_input(), channel=Channel.PHONE, recording_consent=True
    )
    report = submission.report
    assert report.channel == Channel.PHONE and report.recording_consent
    access = services.reporter_login(municipality=report.municipality, receipt=submission.receipt)
    services.reporter_minutes_approve(report=access.report)
    report.refresh_from_db()
    assert report.minutes_approved_at is not None


def test_it_records_an_oral_report_through_the_page(wb: WbSetup) -> None:
    client = verified_client(wb.handler_user)
    client.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": PASSWORD})
    response = client.post(
        reverse("whistleblower:oral_report", args=["ishoj"]),
        {
            "channel": "meeting",
            "reporter_category": "employee",
            "category": "harassment",
            "what": "Referat af mødet",
            "is_anonymous": "1",
        },
    )
    assert response.status_code == 200
    match = re.search(r'id="wb-receipt">([\d ]+)<', response.content.decode())
    assert match is not None
    reporter = Client()
    reporter.post(reverse("whistleblower:inbox_login", args=["ishoj"]), {"receipt": match.group(1)})
    assert b"Referat af m" in reporter.get(reverse("whistleblower:inbox", args=["ishoj"])).content
    reporter.post(reverse("whistleblower:minutes_approve", args=["ishoj"]))
    assert Report.objects.get().minutes_approved_at is not None


def test_it_needs_a_second_handler_to_approve_a_disclosure(wb: WbSetup, personas) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    disclosure = services.disclosure_request(
        actor=wb.handler,
        report=submission.report,
        report_key=submission.report_key,
        legal_ground=LegalGround.COUNTER_BREACH,
        recipient="Politiet",
        reason="Anmeldelse af bedrageri",
        reporter_told_on=dt.date(2026, 3, 2),
    )
    with pytest.raises(PermissionDenied):
        services.disclosure_approve(actor=wb.handler, disclosure=disclosure)
    second = _second_handler(wb, personas)
    services.disclosure_approve(actor=second, disclosure=disclosure)
    disclosure.refresh_from_db()
    assert disclosure.approved_by == second
    opened = selectors.report_read(
        handler=wb.handler, private_key=wb.private_key, report=submission.report
    )
    assert opened.disclosures[0].recipient == "Politiet"
    assert b"Politiet" not in bytes(IdentityDisclosure.objects.get().recipient_box)


def test_it_enforces_the_second_person_in_the_database(wb: WbSetup, personas) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    disclosure = services.disclosure_request(
        actor=wb.handler,
        report=submission.report,
        report_key=submission.report_key,
        legal_ground=LegalGround.CONSENT,
        recipient="HR",
        reason="Samtykke",
        reporter_told_on=dt.date(2026, 3, 2),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        IdentityDisclosure.objects.filter(pk=disclosure.pk).update(approved_by=wb.handler)


def test_it_refuses_disclosure_for_anonymous_reports(wb: WbSetup, personas) -> None:
    submission = services.report_submit(
        municipality=personas.ishoj, data=sample_input(anonymous=True)
    )
    with pytest.raises(ValidationError):
        services.disclosure_request(
            actor=wb.handler,
            report=submission.report,
            report_key=submission.report_key,
            legal_ground=LegalGround.CONSENT,
            recipient="HR",
            reason="x",
            reporter_told_on=dt.date(2026, 3, 2),
        )


def test_it_forbids_investigators_to_act_on_reports(wb: WbSetup, personas) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    inv_user = handler_user("ivan", personas)
    investigator = designate_approved(wb, personas, inv_user, role="investigator")
    client = verified_client(inv_user)
    client.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": PASSWORD})
    args = ["ishoj", submission.report.public_id]
    assert client.get(reverse("whistleblower:detail", args=args)).status_code == 404
    services.report_forward(
        actor=wb.handler,
        report=submission.report,
        report_key=submission.report_key,
        investigator=investigator,
    )
    page = client.get(reverse("whistleblower:detail", args=args))
    assert page.status_code == 200
    assert b"Karin" not in page.content  # no identity in the limited view
    response = client.post(reverse("whistleblower:note", args=args), {"body": "x"})
    assert response.status_code == 403


def test_it_lets_an_administrator_designate_but_not_an_advisor(wb: WbSetup, personas) -> None:
    url = reverse("whistleblower:handlers", args=["ishoj"])
    assert verified_client(personas.advisor).get(url).status_code == 403
    assert verified_client(personas.outsider).get(url).status_code == 404
    admin = verified_client(personas.admin)
    assert admin.get(url).status_code == 200
    response = admin.post(url, {"user": personas.assistant.pk, "role": "handler"})
    assert response.status_code == 302
    designated = Handler.objects.get(user=personas.assistant)
    assert not designated.has_keys
    admin.post(reverse("whistleblower:handler_change", args=["ishoj", designated.pk, "revoke"]))
    designated.refresh_from_db()
    assert not designated.is_active


def test_it_lets_an_administrator_edit_the_texts_without_reading_reports(wb: WbSetup, personas):
    url = reverse("whistleblower:scheme_settings", args=["ishoj"])
    assert verified_client(personas.advisor).get(url).status_code == 403
    admin = verified_client(personas.admin)
    assert admin.get(url).status_code == 200
    response = admin.post(
        url,
        {
            "is_open": "on",
            "open_to": ["employee"],
            "categories": ["crime"],
            "privacy_text": "Ishøjs privatlivspolitik",
            "out_of_scope_retention_days": "14",
            "closed_retention_days": "60",
        },
    )
    assert response.status_code == 302
    wb.scheme.refresh_from_db()
    assert wb.scheme.out_of_scope_retention_days == 14 and not wb.scheme.allow_anonymous


def test_it_keeps_an_encrypted_register_of_persons_concerned(wb: WbSetup, personas) -> None:
    from ombud.whistleblower.models import PersonConcerned

    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    client = verified_client(wb.handler_user)
    client.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": PASSWORD})
    args = ["ishoj", submission.report.public_id]
    response = client.post(
        reverse("whistleblower:person_add", args=args),
        {"person-role": "concerned", "person-name": "Kasserer Kjeld", "person-note": ""},
    )
    assert response.status_code == 302
    assert b"Kjeld" not in bytes(PersonConcerned.objects.get().name_box)
    assert (
        "Kasserer Kjeld" in client.get(reverse("whistleblower:detail", args=args)).content.decode()
    )


def test_it_records_meeting_minutes_for_the_reporter_to_check(wb: WbSetup, personas) -> None:
    from ombud.whistleblower.models import ReportMessage

    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    client = verified_client(wb.handler_user)
    client.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": PASSWORD})
    args = ["ishoj", submission.report.public_id]
    client.post(
        reverse("whistleblower:meeting", args=args),
        {"meeting-held_on": "03-03-2026", "meeting-minutes": "Vi talte om bilagene."},
    )
    opened = selectors.report_read_for_reporter(submission.report, submission.report_key)
    assert "03-03-2026" in opened.messages[0].body
    assert "Vi talte om bilagene." in opened.messages[0].body
    assert ReportMessage.objects.count() == 1


def test_it_offers_only_the_categories_the_municipality_chose(wb: WbSetup) -> None:
    from ombud.whistleblower.models import Category

    Category.objects.filter(municipality=wb.scheme.municipality).exclude(
        key__in=["crime", "harassment"]
    ).update(is_active=False)
    page = Client().get(reverse("whistleblower:report", args=["ishoj"])).content.decode()
    assert 'value="harassment"' in page and 'value="eu_law"' not in page


def test_it_schedules_a_meeting_the_reporter_accepts(wb: WbSetup, personas) -> None:
    from ombud.whistleblower.models import EventKind

    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    reporter = Client()
    reporter.post(
        reverse("whistleblower:inbox_login", args=["ishoj"]), {"receipt": submission.receipt}
    )
    inbox = reverse("whistleblower:inbox", args=["ishoj"])
    accept = reverse("whistleblower:meeting_accept", args=["ishoj"])
    reporter.post(reverse("whistleblower:meeting_request", args=["ishoj"]))
    assert reporter.post(accept).status_code == 302  # nothing proposed yet: no effect
    report = Report.objects.get()
    assert report.meeting_accepted_at is None
    handler = verified_client(wb.handler_user)
    handler.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": PASSWORD})
    args = ["ishoj", report.public_id]
    response = handler.post(
        reverse("whistleblower:meeting_propose", args=args),
        {
            "propose-date": "2026-03-31",
            "propose-time": "14:30",
            "propose-place": "Lokale 7, Rådhuset",
        },
    )
    assert response.status_code == 302
    page = reporter.get(inbox).content.decode()
    assert "31-03-2026 14:30" in page and "Lokale 7, Rådhuset" in page
    assert 'id="wb-meeting-accept"' in page
    assert b"Lokale 7" not in all_rows_bytes()  # time and place are encrypted
    assert reporter.post(accept).status_code == 302
    report.refresh_from_db()
    assert report.meeting_accepted_at is not None
    assert 'id="wb-meeting-accept"' not in reporter.get(inbox).content.decode()
    detail = handler.get(reverse("whistleblower:detail", args=args)).content.decode()
    assert re.search(r'id="wb-meeting">[^<]*Lokale 7', detail)
    opened = selectors.report_read(handler=wb.handler, private_key=wb.private_key, report=report)
    kinds = [e.kind for e in opened.events]
    assert EventKind.MEETING_REQUESTED in kinds
    assert EventKind.MEETING_PROPOSED in kinds and EventKind.MEETING_ACCEPTED in kinds
    proposed = next(e for e in opened.events if e.kind == EventKind.MEETING_PROPOSED)
    assert proposed.detail == "31-03-2026 14:30, Lokale 7, Rådhuset"
    # A new proposal replaces the old one and waits for a new acceptance.
    services.report_meeting_propose(
        actor=wb.handler,
        report=report,
        report_key=submission.report_key,
        starts_at=dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC),
        place="Biblioteket",
    )
    assert report.meeting_accepted_at is None
    assert 'id="wb-meeting-accept"' in reporter.get(inbox).content.decode()
    # Reporters cannot propose, and an outsider cannot reach the handler action.
    outsider = verified_client(personas.outsider)
    assert outsider.post(reverse("whistleblower:meeting_propose", args=args)).status_code == 404
