"""Escalation above the handlers when a statutory clock is missed.

Only reports with the Act's deadlines are escalated (ombud/whistleblower/coverage.py): by default
not a citizen's report or one screened as extended or outside the scheme.

The notice goes to the scheme's escalation recipients (members of staff or plain addresses) and
says only which report (its reference) and which clock: no report text, no reporter data, no
link that would open anything to a recipient who is not a handler. Each report and clock is
escalated once: the `Escalation` row's unique constraint makes the job idempotent however often
the worker or the daily command runs, and the mail goes out only after that row is committed.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.core.outbox import mail_queue
from ombud.whistleblower.coverage import deadlines_apply_q
from ombud.whistleblower.deadlines import ClockState
from ombud.whistleblower.models import (
    ClockKind,
    Escalation,
    EscalationRecipient,
    EventKind,
    Report,
)
from ombud.whistleblower.selectors import (
    LIST_DEFERRED,
    report_clocks,
    scheme_deadlines_for_all,
)
from ombud.whistleblower.services.common import event_add

EVENT_FOR_CLOCK = {
    ClockKind.ACKNOWLEDGEMENT: EventKind.ESCALATED_ACKNOWLEDGEMENT,
    ClockKind.FEEDBACK: EventKind.ESCALATED_FEEDBACK,
}


def escalation_addresses(municipality: Municipality) -> list[str]:
    rows = EscalationRecipient.objects.filter(municipality=municipality).select_related("user")
    addresses = [r.email or (r.user.email if r.user and r.user.is_active else "") for r in rows]
    return sorted({a for a in addresses if a})


@transaction.atomic
def escalation_recipients_set(
    *, actor: User, municipality: Municipality, users: list[User], emails: list[str]
) -> list[EscalationRecipient]:
    """Replace the scheme's escalation recipients. Users must be members of the municipality."""
    members = set(
        User.objects.filter(
            memberships__municipality=municipality, memberships__is_active=True
        ).values_list("pk", flat=True)
    )
    if any(u.pk not in members for u in users):
        raise ValidationError(_("Only members of the municipality's staff can be chosen."))
    EscalationRecipient.objects.filter(municipality=municipality).delete()
    rows = [EscalationRecipient(municipality=municipality, user=u) for u in users]
    rows += [EscalationRecipient(municipality=municipality, email=e) for e in dict.fromkeys(emails)]
    for row in rows:
        row.full_clean()
    EscalationRecipient.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        object_type="whistleblower",
        object_ref="whistleblower-escalation",
        summary="Whistleblower escalation recipients changed",
        changes={"users": sorted(u.username for u in users), "emails": len(rows) - len(users)},
    )
    return rows


@dataclass(frozen=True)
class MissedClock:
    report: Report
    clock: ClockKind
    due: dt.date


def _missed(municipality: Municipality, today: dt.date) -> list[MissedClock]:
    # Only a report received more than 7 days ago can have missed either clock, and only one
    # the Act's deadlines apply to (coverage.py) has clocks at all.
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time()))
    for_all = scheme_deadlines_for_all(municipality)
    reports = (
        Report.objects.open()
        .filter(deadlines_apply_q(deadlines_for_all=for_all))
        .filter(municipality=municipality, received_at__lt=cutoff)
        .defer(*LIST_DEFERRED)
        .select_related("municipality")
        .prefetch_related("escalations")
    )
    missed: list[MissedClock] = []
    for report in reports:
        done = {e.clock for e in report.escalations.all()}
        clocks = report_clocks(report, today, deadlines_for_all=for_all)
        if clocks is None:
            continue
        for kind, clock, done_at in (
            (ClockKind.ACKNOWLEDGEMENT, clocks.acknowledgement, report.acknowledged_at),
            (ClockKind.FEEDBACK, clocks.feedback, report.feedback_at),
        ):
            if done_at is None and clock.state == ClockState.OVERDUE and kind not in done:
                missed.append(MissedClock(report, kind, clock.due))
    return missed


def _notice(municipality: Municipality, missed: MissedClock) -> tuple[str, str]:
    """Subject and body: the reference and the clock, nothing from the report itself."""
    clock = (
        _("the acknowledgement deadline (7 days)")
        if missed.clock == ClockKind.ACKNOWLEDGEMENT
        else _("the feedback deadline (3 months)")
    )
    values = {
        "municipality": municipality.name,
        "reference": missed.report.reference,
        "clock": clock,
        "due": missed.due.strftime("%d-%m-%Y"),
    }
    subject = _("Whistleblower deadline missed: %(reference)s") % values
    body = (
        _(
            "In the whistleblower scheme of %(municipality)s, %(clock)s for report %(reference)s "
            "ran out on %(due)s without the handlers recording it as met.\n\n"
            "You receive this notice because you are named as escalation recipient for the scheme. "
            "It deliberately contains no content from the report and nothing about the reporter. "
            "Please follow up with the scheme's designated handlers."
        )
        % values
    )
    return subject, body


def _escalate(missed: MissedClock, addresses: list[str]) -> bool:
    report = missed.report
    try:
        with transaction.atomic():
            Escalation.objects.create(
                report=report, clock=missed.clock, due_on=missed.due, recipients=len(addresses)
            )
    except IntegrityError:
        return False  # another run got there first
    event_add(report, EVENT_FOR_CLOCK[missed.clock], actor=None)
    audit_record(
        actor=None,
        municipality=report.municipality,
        action=AuditAction.ESCALATE,
        obj=report,
        summary=f"Whistleblower {missed.clock} deadline missed; escalated",
        changes={"recipients": len(addresses)},
    )
    if addresses:
        subject, body = _notice(report.municipality, missed)
        mail_queue(to=addresses, subject=subject, body=body, municipality_id=report.municipality_id)
    return True


@transaction.atomic
def escalations_run(*, municipality: Municipality, now: dt.datetime | None = None) -> int:
    """Escalate every clock of the municipality's open reports that was missed and not yet
    escalated. Returns how many escalations were made. Safe to run as often as wanted.

    An escalation is recorded even when no recipient is configured (the handlers still see the
    state on their list), so adding recipients later does not flood them with old misses.
    """
    today = timezone.localdate(now or timezone.now())
    addresses = escalation_addresses(municipality)
    return sum(_escalate(m, addresses) for m in _missed(municipality, today))
