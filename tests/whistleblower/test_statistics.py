import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ombud.whistleblower import crypto, services
from ombud.whistleblower.models import Handler, Outcome, Report, Scheme, Scope
from ombud.whistleblower.statistics import suppress, whistleblower_figures
from tests.helpers.personas import PASSWORD, Personas, verified_client
from tests.helpers.whistleblower import WbSetup, handler_user, sample_input

pytestmark = [pytest.mark.django_db, pytest.mark.clock_sensitive]


def _submit(personas: Personas, **kwargs: Any) -> services.Submission:
    return services.report_submit(municipality=personas.ishoj, data=sample_input(**kwargs))


def test_it_suppresses_small_numbers():
    assert [suppress(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


def test_it_counts_reports_and_deadlines_including_deleted_ones(wb: WbSetup, personas) -> None:
    subs = [_submit(personas, anonymous=i % 2 == 0) for i in range(6)]
    late = subs[0].report
    Report.objects.filter(pk=late.pk).update(received_at=timezone.now() - dt.timedelta(days=10))
    late.refresh_from_db()
    services.report_acknowledge(
        actor=wb.handler, report=late, report_key=subs[0].report_key, message="Tak"
    )
    services.report_acknowledge(
        actor=wb.handler, report=subs[1].report, report_key=subs[1].report_key, message="Tak"
    )
    services.report_screen(
        actor=wb.handler,
        report=subs[2].report,
        report_key=subs[2].report_key,
        scope=Scope.OUTSIDE,
        reason="Uden for",
    )
    services.report_delete(actor=None, report=Report.objects.get(pk=subs[2].report.pk))
    # The last 30 days, not "this year": early in January the late report was received last year.
    today = timezone.localdate()
    figures = whistleblower_figures(personas.ishoj, today - dt.timedelta(days=30), today)
    assert figures.received == 6
    assert figures.anonymous == 3 and figures.confidential == 3
    assert figures.acknowledged_on_time == 1 and figures.acknowledged_late == 1
    assert figures.by_scope[Scope.OUTSIDE] == 1
    assert figures.by_outcome[Outcome.OUT_OF_SCOPE] == 1
    published = figures.as_published()
    assert published["received"] == 6 and published["anonymous"] == "<5"


def test_it_shows_statistics_to_handlers_only(wb: WbSetup, personas) -> None:
    _submit(personas)
    url = reverse("whistleblower:statistics", args=["ishoj"])
    assert verified_client(personas.advisor).get(url).status_code == 403
    response = verified_client(wb.handler_user).get(url)
    assert response.status_code == 200
    assert b'id="wb-stats"' in response.content


def test_it_sets_up_designates_and_recovers_through_commands(personas: Personas, monkeypatch):
    out = io.StringIO()
    call_command("whistleblower_setup", municipality="hvidovre", stdout=out)
    recovery_hex = out.getvalue().splitlines()[1]
    assert len(recovery_hex) == 64
    assert Scheme.objects.filter(municipality=personas.hvidovre).exists()
    user = handler_user("henrik", personas, municipality="hvidovre")
    call_command("whistleblower_handler", municipality="hvidovre", username="henrik", stdout=out)
    handler = Handler.objects.get(user=user)
    services.report_submit(municipality=personas.hvidovre, data=sample_input())
    services.handler_unlock(handler=handler, password=PASSWORD)  # keys made after the report
    handler.refresh_from_db()
    monkeypatch.setattr("sys.stdin", io.StringIO(recovery_hex + "\n"))
    call_command("whistleblower_recover", municipality="hvidovre", stdout=out)
    assert "0 report keys granted" in out.getvalue()  # pending: nothing is sealed to it
    code = crypto.approval_code(bytes(handler.public_key or b""))
    monkeypatch.setattr("sys.stdin", io.StringIO(recovery_hex + "\n"))
    call_command(
        "whistleblower_handler",
        municipality="hvidovre",
        username="henrik",
        approve_with_recovery_key=True,
        code=code.lower(),
        stdout=out,
    )
    assert "henrik approved; 1 report keys granted" in out.getvalue()
    call_command("whistleblower_retention", municipality="hvidovre", stdout=out)
    assert "0 reports deleted" in out.getvalue()


def test_it_escalates_missed_deadlines_without_content(
    wb: WbSetup, personas, django_capture_on_commit_callbacks
) -> None:
    from django.core import mail

    wb.handler_user.email = "hanne@ishoj.example"
    wb.handler_user.save()
    submission = _submit(personas)
    Report.objects.filter(pk=submission.report.pk).update(
        received_at=timezone.now() - dt.timedelta(days=9)
    )
    mail.outbox.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        call_command("whistleblower_clocks", municipality="ishoj", stdout=out)
    assert "1 overdue" in out.getvalue()
    assert submission.report.reference in mail.outbox[-1].body
    assert "svoger" not in mail.outbox[-1].body


def test_a_deadline_passed_with_nothing_sent_counts_as_missed(wb: WbSetup, personas) -> None:
    ignored, answered, _fresh = (_submit(personas) for _ in range(3))
    now = timezone.now()
    Report.objects.filter(pk=ignored.report.pk).update(received_at=now - dt.timedelta(days=120))
    Report.objects.filter(pk=answered.report.pk).update(received_at=now - dt.timedelta(days=9))
    answered.report.refresh_from_db()
    services.report_acknowledge(
        actor=wb.handler, report=answered.report, report_key=answered.report_key, message="Tak"
    )
    today = timezone.localdate()

    figures = whistleblower_figures(personas.ishoj, today - dt.timedelta(days=365), today)

    # 120 days ago with no answer: both clocks missed. 9 days ago, acknowledged on day 9: late,
    # not missed, and its feedback clock still runs. Today's report: nothing due yet.
    assert figures.acknowledgement_missed == 1 and figures.feedback_missed == 1
    assert figures.acknowledged_late == 1 and figures.acknowledged_on_time == 0
    published = figures.as_published()
    assert published["acknowledgement_missed"] == "<5"
    # As of a day before the first deadline passed, nothing was missed yet.
    earlier = whistleblower_figures(
        personas.ishoj, today - dt.timedelta(days=365), today, today=today - dt.timedelta(days=116)
    )
    assert earlier.acknowledgement_missed == 0 and earlier.feedback_missed == 0
