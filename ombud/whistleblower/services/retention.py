"""Retention, deletion with an anonymous statistics row, and deadline escalation."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.core.outbox import mail_queue
from ombud.whistleblower.coverage import deadlines_apply_q, report_coverage
from ombud.whistleblower.deadlines import ClockState
from ombud.whistleblower.models import (
    Handler,
    HandlerRole,
    Report,
    ReportStatistic,
    Scheme,
    Scope,
)
from ombud.whistleblower.selectors import report_clocks, scheme_deadlines_for_all


def _days(start: dt.datetime, end: dt.datetime | None) -> int | None:
    return None if end is None else (timezone.localdate(end) - timezone.localdate(start)).days


@transaction.atomic
def report_delete(*, actor: User | None, report: Report) -> ReportStatistic:
    """Really delete a report with its messages, files, keys and history; keep anonymous figures."""
    stat = ReportStatistic.objects.create(
        municipality=report.municipality,
        received_on=timezone.localdate(report.received_at),
        channel=report.channel,
        category=report.category,
        department=report.department,
        is_anonymous=report.is_anonymous,
        scope=report.scope,
        was_forwarded=report.forwarded_at is not None,
        outcome=report.outcome,
        acknowledgement_days=_days(report.received_at, report.acknowledged_at),
        feedback_days=_days(report.received_at, report.feedback_at),
        # Not the reporter category itself: whether the Act covered the report is enough for
        # the statistics and says less about who reported.
        coverage=report_coverage(report.reporter_category, report.scope),
    )
    reference = report.reference
    report.delete()
    audit_record(
        actor=actor,
        municipality=stat.municipality,
        action=AuditAction.DELETE,
        object_type="report",
        object_ref=reference,
        summary="Whistleblower report deleted under the retention rules",
    )
    return stat


def retention_due(municipality: Municipality, now: dt.datetime) -> list[Report]:
    scheme = Scheme.objects.get(municipality=municipality)
    closed = Report.objects.closed().filter(municipality=municipality, proceedings_pending=False)
    outside = closed.filter(
        scope=Scope.OUTSIDE,
        closed_at__lte=now - dt.timedelta(days=scheme.out_of_scope_retention_days),
    )
    other = closed.exclude(scope=Scope.OUTSIDE).filter(
        closed_at__lte=now - dt.timedelta(days=scheme.closed_retention_days)
    )
    return list(outside) + list(other)


def retention_run(*, actor: User | None, municipality: Municipality) -> int:
    due = retention_due(municipality, timezone.now())
    for report in due:
        report_delete(actor=actor, report=report)
    return len(due)


def clocks_notify(*, municipality: Municipality) -> tuple[int, int]:
    """E-mail the handlers how many open reports have a clock about to run out or missed.

    Only counts and references are sent, never content; reports without the Act's deadlines
    (coverage.py) are left out. Returns (warnings, overdue).
    """
    today = timezone.localdate()
    warn: list[str] = []
    overdue: list[str] = []
    for_all = scheme_deadlines_for_all(municipality)
    reports = Report.objects.open().filter(
        deadlines_apply_q(deadlines_for_all=for_all), municipality=municipality
    )
    for report in reports:
        clocks = report_clocks(report, today, deadlines_for_all=for_all)
        if clocks is None:
            continue
        pending = [
            c
            for c, done in (
                (clocks.acknowledgement, report.acknowledged_at),
                (clocks.feedback, report.feedback_at),
            )
            if done is None
        ]
        if any(c.state == ClockState.OVERDUE for c in pending):
            overdue.append(report.reference)
        elif any(c.state == ClockState.WARNING for c in pending):
            warn.append(report.reference)
    recipients = list(
        Handler.objects.filter(municipality=municipality, role=HandlerRole.HANDLER, is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if recipients and (warn or overdue):
        body = _(
            "Whistleblower reports in %(municipality)s with a statutory deadline that has been "
            "missed: %(overdue)s. About to run out: %(warn)s. Log in to Ombud to act on them."
        ) % {
            "municipality": municipality.name,
            "overdue": ", ".join(overdue) or "-",
            "warn": ", ".join(warn) or "-",
        }
        mail_queue(
            to=recipients,
            subject=_("Whistleblower deadlines"),
            body=body,
            municipality_id=municipality.pk,
        )
    return len(warn), len(overdue)
