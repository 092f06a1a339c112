"""Escalation above the handlers when a statutory clock is missed: once per report and clock,
content-free, only to the scheme's own recipients, recorded in the history and the audit log."""

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from ombud.accounts.models import User
from ombud.core.jobs import jobs_run_due
from ombud.core.models import AuditEvent
from ombud.whistleblower import services
from ombud.whistleblower.models import Escalation, EventKind, Report, ReportEvent
from tests.helpers.personas import PASSWORD, Personas, verified_client
from tests.helpers.whistleblower import (
    REPORTER_EMAIL,
    REPORTER_NAME,
    SECRET_TEXT,
    WbSetup,
    make_setup,
    sample_input,
)

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def wb(personas: Personas) -> WbSetup:
    setup = make_setup(personas)
    # The director of Ishøj (an ordinary advisor here: never a handler) and a shared mailbox.
    personas.advisor.email = "anne@ishoj.example"
    personas.advisor.save()
    services.escalation_recipients_set(
        actor=personas.admin,
        municipality=personas.ishoj,
        users=[personas.advisor],
        emails=["direktion@ishoj.example"],
    )
    return setup


def _at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=CPH)


def _report(personas: Personas, received: dt.datetime, **dates: dt.datetime) -> Report:
    report = services.report_submit(municipality=personas.ishoj, data=sample_input()).report
    Report.objects.filter(pk=report.pk).update(received_at=received, **dates)
    report.refresh_from_db()
    return report


def _escalation_mails() -> list[Any]:
    return [m for m in mail.outbox if "direktion@ishoj.example" in m.to]


def test_it_escalates_a_missed_acknowledgement_once_across_a_month_end(
    wb: WbSetup, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    report = _report(personas, _at(2027, 1, 24, 23))  # due 31-01-2027
    mail.outbox.clear()
    for now, expected in (
        (_at(2027, 1, 31, 23), 0),  # the last day is still within the deadline
        (_at(2027, 2, 1, 0), 1),
        (_at(2027, 2, 1, 18), 0),  # the worker runs again: nothing twice
        (_at(2027, 3, 1), 0),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            count = services.escalations_run(municipality=personas.ishoj, now=now)
        assert count == expected, now
    assert len(_escalation_mails()) == 1
    escalation = Escalation.objects.get(report=report)
    assert (escalation.clock, escalation.due_on) == ("acknowledgement", dt.date(2027, 1, 31))
    assert (
        ReportEvent.objects.filter(report=report, kind=EventKind.ESCALATED_ACKNOWLEDGEMENT).count()
        == 1
    )
    assert AuditEvent.objects.filter(object_ref=report.reference, action="escalate").count() == 1


def test_it_escalates_a_missed_feedback_once_at_the_end_of_february(
    wb: WbSetup, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    # Acknowledged 30-11-2026: feedback due 28-02-2027 (no 30 February).
    report = _report(personas, _at(2026, 11, 26), acknowledged_at=_at(2026, 11, 30))
    mail.outbox.clear()
    results = []
    for now in (_at(2027, 2, 28, 23), _at(2027, 3, 1, 0), _at(2027, 3, 2), _at(2027, 3, 31)):
        with django_capture_on_commit_callbacks(execute=True):
            results.append(services.escalations_run(municipality=personas.ishoj, now=now))
    assert results == [0, 1, 0, 0]
    assert [e.clock for e in Escalation.objects.filter(report=report)] == ["feedback"]
    assert ReportEvent.objects.filter(report=report, kind=EventKind.ESCALATED_FEEDBACK).exists()
    assert len(_escalation_mails()) == 1
    assert "28-02-2027" in _escalation_mails()[0].body


def test_the_notice_has_no_content_and_reaches_only_this_municipality(
    wb: WbSetup, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    brondby_chief = User.objects.create(username="chef", email="chef@brondby.example")
    from ombud.accounts.models import Role
    from ombud.accounts.services import membership_grant

    membership_grant(actor=None, user=brondby_chief, municipality=personas.brondby, role=Role.ADMIN)
    services.escalation_recipients_set(
        actor=personas.admin,
        municipality=personas.brondby,
        users=[brondby_chief],
        emails=["borgmester@brondby.example"],
    )
    wb.other_handler.user.email = "bjarne@brondby.example"
    wb.other_handler.user.save()
    report = _report(personas, _at(2027, 1, 1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.escalations_run(municipality=personas.ishoj, now=_at(2027, 5, 1))
        services.escalations_run(municipality=personas.brondby, now=_at(2027, 5, 1))
    # Both clocks were missed: two notices, each to Ishøj's recipients only.
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert sorted(message.to) == ["anne@ishoj.example", "direktion@ishoj.example"]
        text = message.subject + message.body
        assert report.reference in text
        for secret in (SECRET_TEXT, "svoger", REPORTER_NAME, REPORTER_EMAIL, "Kassereren"):
            assert secret not in text
        assert str(report.public_id) not in text
    sent_to = {address for m in mail.outbox for address in m.to}
    assert not sent_to & {"chef@brondby.example", "borgmester@brondby.example"}
    assert "bjarne@brondby.example" not in sent_to


def test_a_recipient_who_is_an_ordinary_advisor_still_sees_nothing(
    wb: WbSetup, personas: Personas
) -> None:
    report = _report(personas, _at(2027, 1, 1))
    services.escalations_run(municipality=personas.ishoj, now=_at(2027, 1, 20))
    anne = verified_client(personas.advisor)
    assert anne.get(reverse("whistleblower:handler_list", args=["ishoj"])).status_code == 403
    detail = reverse("whistleblower:detail", args=["ishoj", report.public_id])
    assert anne.get(detail).status_code == 403
    assert verified_client(personas.outsider).get(detail).status_code == 404


def test_the_handler_sees_the_escalated_state(wb: WbSetup, personas: Personas) -> None:
    late = _report(personas, _at(2026, 1, 1))
    services.escalations_run(municipality=personas.ishoj)
    on_time = services.report_submit(municipality=personas.ishoj, data=sample_input()).report
    client = verified_client(wb.handler_user)
    client.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": PASSWORD})
    page = client.get(reverse("whistleblower:handler_list", args=["ishoj"])).content.decode()
    late_row = page[page.index(late.reference) :].split("</tr>")[0]
    on_time_row = page[page.index(on_time.reference) :].split("</tr>")[0]
    assert "Eskaleret" in late_row and "Overskredet" in late_row
    assert "Eskaleret" not in on_time_row
    detail = client.get(reverse("whistleblower:detail", args=["ishoj", late.public_id]))
    text = detail.content.decode()
    assert 'id="wb-escalations"' in text and "Overskredet" in text
    assert "Frist for bekræftelse overskredet; eskaleret" in text  # in the history
    csv_text = client.get(reverse("whistleblower:csv", args=["ishoj"])).content.decode()
    late_line = next(line for line in csv_text.splitlines() if late.reference in line)
    assert late_line.endswith(";1")


def test_closed_and_met_clocks_are_not_escalated(wb: WbSetup, personas: Personas) -> None:
    _report(personas, _at(2027, 1, 1), acknowledged_at=_at(2027, 1, 3))
    closed = _report(personas, _at(2027, 1, 1))
    Report.objects.filter(pk=closed.pk).update(status="closed", closed_at=_at(2027, 1, 4))
    assert services.escalations_run(municipality=personas.ishoj, now=_at(2027, 2, 1)) == 0


def test_the_worker_and_the_daily_command_escalate_idempotently(
    wb: WbSetup, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    _report(personas, _at(2026, 1, 1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_run_due()["whistleblower_escalations"] == 2
        assert jobs_run_due()["whistleblower_escalations"] == 0
    out = io.StringIO()
    call_command("whistleblower_clocks", municipality="ishoj", stdout=out)
    assert "0 newly escalated" in out.getvalue()
    assert len(_escalation_mails()) == 2


def test_only_administrators_choose_the_recipients(wb: WbSetup, personas: Personas) -> None:
    url = reverse("whistleblower:escalation", args=["ishoj"])
    assert verified_client(wb.handler_user).get(url).status_code == 403
    assert verified_client(personas.advisor).get(url).status_code == 403
    assert verified_client(personas.outsider).get(url).status_code == 404
    admin = verified_client(personas.admin)
    page = admin.get(url).content.decode()
    assert "direktion@ishoj.example" in page
    response = admin.post(url, {"users": [], "emails": "ikke-en-adresse"})
    assert response.status_code == 200 and "ikke-en-adresse" in response.content.decode()
    response = admin.post(url, {"users": [personas.admin.pk], "emails": "kd@ishoj.example\n"})
    assert response.status_code == 302
    assert services.escalation_addresses(personas.ishoj) == ["kd@ishoj.example"]
    ole = admin.post(url, {"users": [personas.outsider.pk], "emails": ""})
    assert ole.status_code == 200  # not a member of Ishøj: not offered
    assert AuditEvent.objects.filter(object_ref="whistleblower-escalation").count() == 2
