"""Which reports get the Whistleblower Act's deadlines (ombud/whistleblower/coverage.py): reports
under the Act do, reports from people outside it (citizens, council members) only when the scheme
applies the deadlines to all reports, and reports screened as outside the scheme never do. Clocks,
warning e-mails, escalation and statistics all follow the same rule."""

import dataclasses
import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ombud.core.jobs import jobs_run_due
from ombud.core.models import AuditEvent
from ombud.whistleblower import services
from ombud.whistleblower.coverage import (
    STATUTORY_REPORTER_CATEGORIES,
    Coverage,
    deadlines_apply,
    deadlines_apply_q,
    report_coverage,
)
from ombud.whistleblower.models import (
    Escalation,
    Report,
    ReporterCategory,
    ReportStatistic,
    Scheme,
    Scope,
)
from ombud.whistleblower.selectors import report_clocks
from ombud.whistleblower.statistics import whistleblower_figures
from tests.helpers.personas import Personas, verified_client
from tests.helpers.whistleblower import WbSetup, make_setup, sample_input, unlocked_handler_client

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
RECEIVED = dt.datetime(2027, 1, 4, 12, tzinfo=CPH)
# Both clocks of a report received on RECEIVED have run out by then.
LONG_AFTER = dt.datetime(2027, 6, 1, 12, tzinfo=CPH)


@pytest.fixture
def wb(personas: Personas) -> WbSetup:
    setup = make_setup(personas)
    # Ishøj opens its scheme to citizens and council members, beyond the Act.
    Scheme.objects.filter(pk=setup.scheme.pk).update(
        open_to=["employee", "council_member", "citizen"]
    )
    services.escalation_recipients_set(
        actor=personas.admin,
        municipality=personas.ishoj,
        users=[],
        emails=["direktion@ishoj.example"],
    )
    return setup


def _report(personas: Personas, reporter: str, received: dt.datetime = RECEIVED) -> Report:
    data = dataclasses.replace(sample_input(), reporter_category=reporter)
    report = services.report_submit(municipality=personas.ishoj, data=data).report
    Report.objects.filter(pk=report.pk).update(received_at=received)
    report.refresh_from_db()
    return report


def _set_deadlines_for_all(wb: WbSetup, on: bool) -> None:
    Scheme.objects.filter(pk=wb.scheme.pk).update(deadlines_for_all=on)


def _escalate(personas: Personas) -> int:
    return services.escalations_run(municipality=personas.ishoj, now=LONG_AFTER)


def _row(page: str, reference: str) -> str:
    return page[page.index(reference) :].split("</tr>")[0]


# The mapping itself.


def test_the_act_covers_work_related_reporters_but_not_citizens_or_the_council() -> None:
    assert {
        ReporterCategory.EMPLOYEE,
        ReporterCategory.FORMER_EMPLOYEE,
        ReporterCategory.APPLICANT,
        ReporterCategory.TRAINEE,
        ReporterCategory.VOLUNTEER,
        ReporterCategory.BOARD_MEMBER,
        ReporterCategory.CONTRACTOR,
    } == STATUTORY_REPORTER_CATEGORIES
    assert report_coverage("citizen", "") == Coverage.EXTENDED
    assert report_coverage("council_member", "") == Coverage.EXTENDED
    assert report_coverage("volunteer", "") == Coverage.STATUTORY
    # Once screened, the screening decides, whoever reported.
    assert report_coverage("employee", Scope.EXTENDED) == Coverage.EXTENDED
    assert report_coverage("citizen", Scope.ACT) == Coverage.STATUTORY
    assert report_coverage("employee", Scope.OUTSIDE) == Coverage.OUTSIDE
    assert deadlines_apply(Coverage.EXTENDED, deadlines_for_all=True)
    assert not deadlines_apply(Coverage.EXTENDED, deadlines_for_all=False)
    assert not deadlines_apply(Coverage.OUTSIDE, deadlines_for_all=True)


def test_the_database_filter_follows_the_same_rule(wb: WbSetup, personas: Personas) -> None:
    for reporter in ReporterCategory.values:
        for scope in ["", *Scope.values]:
            report = _report(personas, reporter)
            Report.objects.filter(pk=report.pk).update(scope=scope)
    reports = list(Report.objects.all())
    assert len(reports) == len(ReporterCategory.values) * 4
    for for_all in (False, True):
        in_sql = set(
            Report.objects.filter(deadlines_apply_q(deadlines_for_all=for_all)).values_list(
                "pk", flat=True
            )
        )
        in_python = {
            r.pk
            for r in reports
            if deadlines_apply(
                report_coverage(r.reporter_category, r.scope), deadlines_for_all=for_all
            )
        }
        assert in_sql == in_python


# Clocks and escalation.


def test_an_employees_report_has_clocks_and_escalates_when_missed(
    wb: WbSetup, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    report = _report(personas, "employee")
    clocks = report_clocks(report, RECEIVED.date(), deadlines_for_all=False)
    assert clocks is not None and clocks.acknowledgement.due == dt.date(2027, 1, 11)
    with django_capture_on_commit_callbacks(execute=True):
        assert _escalate(personas) == 2
    assert Escalation.objects.filter(report=report).count() == 2
    assert len([m for m in mail.outbox if "direktion@ishoj.example" in m.to]) == 2


@pytest.mark.parametrize("reporter", ["citizen", "council_member"])
def test_a_report_from_outside_the_act_has_no_clocks_and_is_not_escalated_by_default(
    wb: WbSetup, personas: Personas, reporter: str, django_capture_on_commit_callbacks: Any
) -> None:
    report = _report(personas, reporter)
    assert report_clocks(report, LONG_AFTER.date(), deadlines_for_all=False) is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _escalate(personas) == 0
        assert jobs_run_due(LONG_AFTER)["whistleblower_escalations"] == 0
    assert not Escalation.objects.exists()
    assert mail.outbox == []


def test_with_the_setting_on_a_citizens_report_gets_the_clocks_and_escalates(
    wb: WbSetup, personas: Personas
) -> None:
    report = _report(personas, "citizen")
    _set_deadlines_for_all(wb, True)
    assert report_clocks(report, LONG_AFTER.date(), deadlines_for_all=True) is not None
    assert _escalate(personas) == 2
    assert {e.clock for e in Escalation.objects.filter(report=report)} == {
        "acknowledgement",
        "feedback",
    }


def test_screening_as_extended_stops_an_employees_clocks_unless_the_setting_is_on(
    wb: WbSetup, personas: Personas
) -> None:
    report = _report(personas, "employee")
    services.report_screen(
        actor=wb.handler,
        report=report,
        report_key=_key(wb, report),
        scope=Scope.EXTENDED,
        reason="Ikke omfattet af loven, men af kommunens udvidede ordning",
    )
    report.refresh_from_db()
    assert report.status != "closed"  # still being handled, only without the Act's clocks
    assert report_clocks(report, LONG_AFTER.date(), deadlines_for_all=False) is None
    assert _escalate(personas) == 0
    _set_deadlines_for_all(wb, True)
    assert _escalate(personas) == 2


@pytest.mark.clock_sensitive
def test_screening_as_outside_stops_the_clocks_even_with_the_setting_on(
    wb: WbSetup, personas: Personas
) -> None:
    report = _report(personas, "employee", received=timezone.now() - dt.timedelta(days=3))
    assert report_clocks(report, deadlines_for_all=False) is not None
    services.report_screen(
        actor=wb.handler,
        report=report,
        report_key=_key(wb, report),
        scope=Scope.OUTSIDE,
        reason="Uden for ordningen",
    )
    report.refresh_from_db()
    _set_deadlines_for_all(wb, True)
    assert report_clocks(report, deadlines_for_all=True) is None
    today = timezone.localdate()
    figures = whistleblower_figures(personas.ishoj, dt.date(today.year - 1, 1, 1), today)
    assert (figures.with_deadlines, figures.without_deadlines) == (0, 1)


def _key(wb: WbSetup, report: Report) -> bytes:
    from ombud.whistleblower.selectors import report_keys_for_handler

    return report_keys_for_handler(wb.handler, wb.private_key, report).report_key


@pytest.mark.clock_sensitive
@pytest.mark.parametrize("for_all", [False, True])
def test_the_daily_warning_mail_names_only_reports_with_clocks(
    wb: WbSetup, personas: Personas, for_all: bool, django_capture_on_commit_callbacks: Any
) -> None:
    wb.handler_user.email = "hanne@ishoj.example"
    wb.handler_user.save()
    old = timezone.now() - dt.timedelta(days=30)
    employee = _report(personas, "employee", received=old)
    citizen = _report(personas, "citizen", received=old)
    _set_deadlines_for_all(wb, for_all)
    mail.outbox.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        call_command("whistleblower_clocks", municipality="ishoj", stdout=out)
    # The last mail to her: the outbox also sends the earlier "new activity" notices.
    body = [m.body for m in mail.outbox if "hanne@ishoj.example" in m.to][-1]
    assert employee.reference in body
    assert (citizen.reference in body) is for_all
    assert f"{2 if for_all else 1} overdue" in out.getvalue()


# What the handlers see.


@pytest.mark.clock_sensitive
def test_the_list_and_the_report_page_say_there_is_no_statutory_deadline(
    wb: WbSetup, personas: Personas
) -> None:
    old = timezone.now() - dt.timedelta(days=30)
    employee = _report(personas, "employee", received=old)
    citizen = _report(personas, "citizen", received=old)
    client = unlocked_handler_client(wb)
    page = client.get(reverse("whistleblower:handler_list", args=["ishoj"])).content.decode()
    assert "Overskredet" in _row(page, employee.reference)
    citizen_row = _row(page, citizen.reference)
    assert "Ingen lovbestemt frist" in citizen_row and "Overskredet" not in citizen_row
    detail = client.get(reverse("whistleblower:detail", args=["ishoj", citizen.public_id]))
    text = detail.content.decode()
    assert 'id="wb-no-deadline"' in text and "Ingen lovbestemt frist" in text
    assert "ikke omfattet af whistleblowerloven" in text
    assert "Borger" in text  # the reporter's connection
    csv_text = client.get(reverse("whistleblower:csv", args=["ishoj"])).content.decode()
    citizen_line = next(line for line in csv_text.splitlines() if citizen.reference in line)
    assert ";none;" in citizen_line
    employee_line = next(line for line in csv_text.splitlines() if employee.reference in line)
    assert ";overdue;" in employee_line


@override_settings(LANGUAGE_CODE="en")
def test_the_report_page_says_so_in_english_too(wb: WbSetup, personas: Personas) -> None:
    citizen = _report(personas, "citizen")
    client = unlocked_handler_client(wb)
    detail = client.get(reverse("whistleblower:detail", args=["ishoj", citizen.public_id]))
    assert "No statutory deadline" in detail.content.decode()


# The setting.


def test_the_administrator_turns_the_setting_on_and_it_is_audited(
    wb: WbSetup, personas: Personas
) -> None:
    assert Scheme.objects.get(pk=wb.scheme.pk).deadlines_for_all is False  # the default
    url = reverse("whistleblower:scheme_settings", args=["ishoj"])
    admin = verified_client(personas.admin)
    page = admin.get(url).content.decode()
    assert "Brug lovens frister på alle indberetninger" in page
    response = admin.post(
        url,
        {
            "is_open": "on",
            "allow_anonymous": "on",
            "open_to": ["employee", "citizen"],
            "deadlines_for_all": "on",
            "out_of_scope_retention_days": "30",
            "closed_retention_days": "60",
        },
    )
    assert response.status_code == 302
    assert Scheme.objects.get(pk=wb.scheme.pk).deadlines_for_all is True
    event = AuditEvent.objects.filter(object_ref="whistleblower-scheme").latest("pk")
    assert "deadlines_for_all" in event.changes["fields"]
    # Access is unchanged: an advisor may not, another municipality's user gets a 404.
    assert verified_client(personas.advisor).get(url).status_code == 403
    assert verified_client(personas.outsider).get(url).status_code == 404


def test_the_setting_of_one_municipality_does_not_affect_another(
    wb: WbSetup, personas: Personas
) -> None:
    Scheme.objects.filter(municipality=personas.brondby).update(deadlines_for_all=True)
    _report(personas, "citizen")
    assert _escalate(personas) == 0


# Statistics.


@pytest.mark.clock_sensitive
def test_statistics_count_deadlines_only_for_reports_with_clocks(
    wb: WbSetup, personas: Personas
) -> None:
    received = timezone.now() - dt.timedelta(days=200)
    _report(personas, "employee", received=received)
    _report(personas, "citizen", received=received)
    deleted = _report(personas, "council_member", received=received)
    services.report_delete(actor=None, report=deleted)
    assert ReportStatistic.objects.get().coverage == Coverage.EXTENDED
    # A row deleted before coverage was recorded counts as it always did: with the deadlines.
    ReportStatistic.objects.create(
        municipality=personas.ishoj,
        received_on=timezone.localdate(received),
        channel="web",
        category="crime",
        is_anonymous=True,
    )
    start = timezone.localdate(received) - dt.timedelta(days=1)
    figures = whistleblower_figures(personas.ishoj, start, timezone.localdate())
    assert figures.received == 4
    assert (figures.with_deadlines, figures.without_deadlines) == (2, 2)
    assert figures.acknowledgement_missed == 2 and figures.feedback_missed == 2
    _set_deadlines_for_all(wb, True)
    figures = whistleblower_figures(personas.ishoj, start, timezone.localdate())
    assert (figures.with_deadlines, figures.without_deadlines) == (4, 0)
    assert figures.acknowledgement_missed == 4
    published = figures.as_published()
    assert published["with_deadlines"] == "<5" and published["without_deadlines"] == 0
