"""Case handling by designated handlers. Each step is dated in the history and audit-logged."""

import datetime as dt
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.core.outbox import mail_queue
from ombud.whistleblower import crypto
from ombud.whistleblower.models import (
    AuthorKind,
    EventKind,
    Handler,
    IdentityDisclosure,
    KeyGrant,
    Outcome,
    PersonConcerned,
    Report,
    ReportMessage,
    ReportStatus,
    Scope,
)
from ombud.whistleblower.services.common import (
    audit_report,
    ensure_open,
    event_add,
    message_out,
    seal_grant,
)


@transaction.atomic
def report_acknowledge(
    *, actor: Handler, report: Report, report_key: bytes, message: str
) -> Report:
    if report.acknowledged_at is not None:
        raise ValidationError(_("The report has already been acknowledged."))
    message_out(report, actor, report_key, message)
    report.acknowledged_at = timezone.now()
    report.status = ReportStatus.ACKNOWLEDGED
    report.save(update_fields=["acknowledged_at", "status", "updated_at"])
    event_add(report, EventKind.ACKNOWLEDGED, actor=actor)
    audit_report(actor, report, "Whistleblower report acknowledged")
    return report


@transaction.atomic
def report_message_send(
    *, actor: Handler, report: Report, report_key: bytes, body: str, is_feedback: bool = False
) -> None:
    ensure_open(report)
    message_out(report, actor, report_key, body)
    kind = EventKind.FEEDBACK if is_feedback else EventKind.MESSAGE_TO_REPORTER
    if is_feedback and report.feedback_at is None:
        report.feedback_at = timezone.now()
        report.save(update_fields=["feedback_at", "updated_at"])
    event_add(report, kind, actor=actor)
    audit_report(actor, report, "Message sent to the whistleblower")


@transaction.atomic
def report_note_add(*, actor: Handler, report: Report, report_key: bytes, body: str) -> None:
    ReportMessage.objects.create(
        report=report,
        author_kind=AuthorKind.HANDLER,
        author=actor,
        is_internal=True,
        body_box=crypto.encrypt_text(report_key, body),
    )
    event_add(report, EventKind.NOTE, actor=actor)
    audit_report(actor, report, "Internal note added")


@transaction.atomic
def report_screen(
    *,
    actor: Handler,
    report: Report,
    report_key: bytes,
    scope: str,
    reason: str,
    guidance: str = "",
) -> Report:
    """Record the screening. Outside the scheme: close with the reason and guidance sent."""
    ensure_open(report)
    report.scope = scope
    report.screened_at = timezone.now()
    report.save(update_fields=["scope", "screened_at", "updated_at"])
    event_add(report, EventKind.SCREENED, actor=actor, detail=reason, report_key=report_key)
    audit_report(actor, report, f"Screened: {scope}")
    if scope == Scope.OUTSIDE:
        text = "\n\n".join(part for part in (reason, guidance) if part.strip())
        report_close(
            actor=actor,
            report=report,
            report_key=report_key,
            outcome=Outcome.OUT_OF_SCOPE,
            message=text,
        )
    return report


@transaction.atomic
def report_forward(
    *, actor: Handler, report: Report, report_key: bytes, investigator: Handler, note: str = ""
) -> Report:
    """Give a named investigator the report key (never the identity key): a limited view."""
    ensure_open(report)
    if (
        investigator.municipality_id != report.municipality_id
        or not investigator.is_active
        or not investigator.has_keys
        or not investigator.is_approved
    ):
        raise ValidationError(_("The investigator has not activated their access yet."))
    KeyGrant.objects.filter(report=report, handler=investigator).delete()
    seal_grant(report, investigator, report_key, None).save()
    report.investigator = investigator
    report.forwarded_at = timezone.now()
    report.status = ReportStatus.FORWARDED
    report.save(update_fields=["investigator", "forwarded_at", "status", "updated_at"])
    _notify_investigator(investigator)
    detail = f"{investigator.user}: {note}" if note else str(investigator.user)
    event_add(report, EventKind.FORWARDED, actor=actor, detail=detail, report_key=report_key)
    audit_report(actor, report, f"Forwarded to investigator {investigator.user.username}")
    return report


def _notify_investigator(investigator: Handler) -> None:
    email = investigator.user.email
    if not email:
        return
    subject = _("A whistleblower report has been forwarded to you")
    body = _(
        "A whistleblower report has been forwarded to you for investigation. Log in to Ombud to "
        "read it. You are bound by a special duty of confidentiality."
    )
    mail_queue(to=[email], subject=subject, body=body, municipality_id=investigator.municipality_id)


@transaction.atomic
def report_informed_record(*, actor: Handler, report: Report, report_key: bytes, who: str) -> None:
    """Record that e.g. the finance committee was informed (the recipient text is encrypted)."""
    event_add(report, EventKind.INFORMED, actor=actor, detail=who, report_key=report_key)
    audit_report(actor, report, "Recorded that others were informed")


@transaction.atomic
def report_close(
    *, actor: Handler, report: Report, report_key: bytes, outcome: str, message: str = ""
) -> Report:
    ensure_open(report)
    if message.strip():
        message_out(report, actor, report_key, message)
        if report.feedback_at is None:
            report.feedback_at = timezone.now()
    report.outcome = outcome
    report.proceedings_pending = outcome == Outcome.PROCEEDINGS
    report.status = ReportStatus.CLOSED
    report.closed_at = timezone.now()
    # Named fields only: a full save would write back escrow copies loaded before a concurrent
    # recovery-key rotation (services/recovery.py).
    report.save(
        update_fields=[
            "feedback_at",
            "outcome",
            "proceedings_pending",
            "status",
            "closed_at",
            "updated_at",
        ]
    )
    event_add(report, EventKind.CLOSED, actor=actor)
    audit_report(actor, report, f"Closed: {outcome}")
    return report


@transaction.atomic
def disclosure_request(
    *,
    actor: Handler,
    report: Report,
    report_key: bytes,
    legal_ground: str,
    recipient: str,
    reason: str,
    reporter_told_on: dt.date,
) -> IdentityDisclosure:
    """Propose passing on the identity. Records the ground, the recipient, and the date the
    reporter was told (with the reasons given); a second handler must approve it."""
    if report.is_anonymous:
        raise ValidationError(_("The report is anonymous; there is no identity to disclose."))
    disclosure = IdentityDisclosure(
        report=report,
        legal_ground=legal_ground,
        recipient_box=crypto.encrypt_text(report_key, recipient),
        reason_box=crypto.encrypt_text(report_key, reason),
        reporter_told_on=reporter_told_on,
        requested_by=actor,
    )
    disclosure.full_clean()
    disclosure.save()
    event_add(
        report, EventKind.DISCLOSURE_REQUESTED, actor=actor, detail=recipient, report_key=report_key
    )
    audit_report(actor, report, f"Identity disclosure proposed ({legal_ground})")
    return disclosure


@transaction.atomic
def disclosure_approve(*, actor: Handler, disclosure: IdentityDisclosure) -> IdentityDisclosure:
    if disclosure.requested_by_id == actor.pk:
        raise PermissionDenied(_("A second handler must approve the disclosure."))
    if disclosure.approved_at is not None:
        raise ValidationError(_("The disclosure is already approved."))
    disclosure.approved_by = actor
    disclosure.approved_at = timezone.now()
    disclosure.save(update_fields=["approved_by", "approved_at"])
    event_add(disclosure.report, EventKind.DISCLOSURE_APPROVED, actor=actor)
    audit_report(actor, disclosure.report, "Identity disclosure approved by a second handler")
    return disclosure


@transaction.atomic
def person_concerned_add(
    *, actor: Handler, report: Report, report_key: bytes, role: str, name: str, note: str = ""
) -> PersonConcerned:
    person = PersonConcerned(
        report=report,
        role=role,
        name_box=crypto.encrypt_text(report_key, name),
        note_box=crypto.encrypt_text(report_key, note),
        added_by=actor,
    )
    person.full_clean()
    person.save()
    event_add(report, EventKind.PERSON_ADDED, actor=actor)
    audit_report(actor, report, f"Person registered ({role})")
    return person


@transaction.atomic
def report_meeting_record(
    *, actor: Handler, report: Report, report_key: bytes, held_on: dt.date, minutes: str
) -> None:
    """Minutes of a physical meeting (Directive art. 9(2), 18(4)): kept in the history and sent
    to the reporter's inbox, where they can check and correct them by answering."""
    ensure_open(report)
    detail = f"{held_on.isoformat()}\n\n{minutes}"
    event_add(report, EventKind.MEETING_HELD, actor=actor, detail=detail, report_key=report_key)
    body = _(
        "Minutes of our meeting on %(date)s. Please check them and answer if anything "
        "should be corrected:"
    ) % {"date": held_on.strftime("%d-%m-%Y")}
    message_out(report, actor, report_key, f"{body}\n\n{minutes}")
    audit_report(actor, report, "Meeting minutes recorded")


@transaction.atomic
def report_meeting_propose(
    *, actor: Handler, report: Report, report_key: bytes, starts_at: dt.datetime, place: str
) -> None:
    """Propose a time and place for a physical meeting (Directive art. 9(2)); the reporter sees
    it in the inbox and accepts it, or answers with another time. A new proposal replaces the
    previous one. Time and place are encrypted: together they could identify the reporter."""
    ensure_open(report)
    payload = json.dumps({"starts_at": starts_at.isoformat(), "place": place}, ensure_ascii=False)
    report.meeting_box = crypto.encrypt_text(report_key, payload)
    report.meeting_proposed_at = timezone.now()
    report.meeting_accepted_at = None
    report.save(
        update_fields=["meeting_box", "meeting_proposed_at", "meeting_accepted_at", "updated_at"]
    )
    when = timezone.localtime(starts_at).strftime("%d-%m-%Y %H:%M")
    event_add(
        report,
        EventKind.MEETING_PROPOSED,
        actor=actor,
        detail=f"{when}, {place}",
        report_key=report_key,
    )
    audit_report(actor, report, "Meeting proposed to the reporter")


@transaction.atomic
def report_proceedings_end(*, actor: Handler, report: Report) -> None:
    report.proceedings_pending = False
    report.save(update_fields=["proceedings_pending", "updated_at"])
    audit_report(actor, report, "Proceedings ended; normal retention applies")
