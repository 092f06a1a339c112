"""Reads of reports: the handlers' lists, a report's clocks, keys and escalations."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone

from ombud.accounts.models import Municipality
from ombud.whistleblower import crypto, deadlines
from ombud.whistleblower.coverage import deadlines_apply, deadlines_apply_q, report_coverage
from ombud.whistleblower.models import (
    Escalation,
    Handler,
    HandlerRole,
    KeyGrant,
    Report,
    Scheme,
)
from ombud.whistleblower.models.report import ReportQuerySet


def report_list_for_handler(handler: Handler) -> ReportQuerySet:
    reports = Report.objects.filter(municipality=handler.municipality)
    if handler.role == HandlerRole.INVESTIGATOR:
        reports = reports.filter(investigator=handler)
    return reports.select_related("investigator__user")


# The encrypted columns a list never needs: leaving them out keeps a page of 50 cheap.
LIST_DEFERRED = (
    "content_box",
    "identity_box",
    "recovery_report_key",
    "recovery_identity_key",
    "reporter_key_box",
    "receipt_salt",
    "receipt_verifier",
    "meeting_box",
)


def report_list_filtered(
    handler: Handler, status: str, *, category: str = "", department: str = ""
) -> ReportQuerySet:
    """`open` (default), `closed` or `all`, optionally one category and/or department, without
    the encrypted columns; `escalated` tells whether a missed clock was escalated."""
    reports = (
        report_list_for_handler(handler)
        .defer(*LIST_DEFERRED)
        .annotate(escalated=Exists(Escalation.objects.filter(report=OuterRef("pk"))))
    )
    if category:
        reports = reports.filter(category=category)
    if department:
        reports = reports.filter(department=department)
    if status == "closed":
        return reports.closed()
    if status == "all":
        return reports
    return reports.open()


def report_get_for_handler(handler: Handler, public_id: str) -> Report:
    report = report_list_for_handler(handler).filter(public_id=public_id).first()
    if report is None:
        raise Http404
    return report


@dataclass(frozen=True)
class Clocks:
    acknowledgement: deadlines.Clock
    feedback: deadlines.Clock


def scheme_deadlines_for_all(municipality: Municipality) -> bool:
    """The scheme's setting "apply the Act's deadlines to all reports" (off without a scheme)."""
    setting = (
        Scheme.objects.filter(municipality=municipality)
        .values_list("deadlines_for_all", flat=True)
        .first()
    )
    return bool(setting)


def report_clocks(
    report: Report, today: dt.date | None = None, *, deadlines_for_all: bool
) -> Clocks | None:
    """The two statutory clocks, or None for a report the deadlines do not apply to (see
    coverage.py). `deadlines_for_all` is the scheme's setting, read once by the caller."""
    coverage = report_coverage(report.reporter_category, report.scope)
    if not deadlines_apply(coverage, deadlines_for_all=deadlines_for_all):
        return None
    today = today or timezone.localdate()
    received = timezone.localdate(report.received_at)
    acknowledged = timezone.localdate(report.acknowledged_at) if report.acknowledged_at else None
    feedback = timezone.localdate(report.feedback_at) if report.feedback_at else None
    return Clocks(
        acknowledgement=deadlines.acknowledgement_clock(received, acknowledged, today),
        feedback=deadlines.feedback_clock(received, acknowledged, feedback, today),
    )


@dataclass(frozen=True)
class HandlerKeys:
    report_key: bytes
    identity_key: bytes | None


def report_keys_for_handler(handler: Handler, private_key: bytes, report: Report) -> HandlerKeys:
    grant = KeyGrant.objects.filter(report=report, handler=handler).first()
    if grant is None:
        raise Http404
    report_key = crypto.unseal(private_key, bytes(grant.report_key))
    identity_key = (
        crypto.unseal(private_key, bytes(grant.identity_key)) if grant.identity_key else None
    )
    return HandlerKeys(report_key=report_key, identity_key=identity_key)


def report_escalations(report: Report) -> list[Escalation]:
    return list(Escalation.objects.filter(report=report))


@dataclass(frozen=True)
class DeadlineCounts:
    """Open reports whose statutory clock is close (`*_soon`) or already missed (`*_missed`),
    counting only clocks not yet met. Dates only: no encrypted column is read."""

    acknowledgement_soon: int = 0
    acknowledgement_missed: int = 0
    feedback_soon: int = 0
    feedback_missed: int = 0


def deadline_counts(handler: Handler, today: dt.date) -> DeadlineCounts:
    for_all = scheme_deadlines_for_all(handler.municipality)
    rows = (
        report_list_for_handler(handler)
        .open()
        .filter(deadlines_apply_q(deadlines_for_all=for_all))
        .values_list("received_at", "acknowledged_at", "feedback_at")
    )
    counts = {"ack_soon": 0, "ack_missed": 0, "fb_soon": 0, "fb_missed": 0}
    states = {deadlines.ClockState.WARNING: "soon", deadlines.ClockState.OVERDUE: "missed"}
    for received_at, acknowledged_at, feedback_at in rows:
        received = timezone.localdate(received_at)
        acknowledged = timezone.localdate(acknowledged_at) if acknowledged_at else None
        if acknowledged is None:
            ack = deadlines.acknowledgement_clock(received, None, today)
            if ack.state in states:
                counts[f"ack_{states[ack.state]}"] += 1
        if feedback_at is None:
            fb = deadlines.feedback_clock(received, acknowledged, None, today)
            if fb.state in states:
                counts[f"fb_{states[fb.state]}"] += 1
    return DeadlineCounts(
        counts["ack_soon"], counts["ack_missed"], counts["fb_soon"], counts["fb_missed"]
    )
