"""Writes for the whistleblower scheme: set-up, handlers, submission, receipts, case handling.

Every function that reads or writes report content takes the unlocked key it needs; the
database never holds a key in the clear. Audit rows name the report's reference, never content.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import nacl.exceptions
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.whistleblower import crypto
from ombud.whistleblower.deadlines import ClockState
from ombud.whistleblower.models import (
    AuthorKind,
    Channel,
    EventKind,
    Handler,
    HandlerRole,
    IdentityDisclosure,
    KeyGrant,
    Outcome,
    PersonConcerned,
    ReceiptGuard,
    Report,
    ReportEvent,
    ReportFile,
    ReportMessage,
    ReportStatistic,
    ReportStatus,
    Scheme,
    Scope,
)
from ombud.whistleblower.selectors import report_clocks

FREE_RECEIPT_ATTEMPTS = 5
MAX_LOCK_SECONDS = 3600
FAILURE_WINDOW = dt.timedelta(hours=1)


# Set-up and handlers ----------------------------------------------------------------------------


@transaction.atomic
def scheme_setup(*, actor: User | None, municipality: Municipality) -> tuple[Scheme, str]:
    """Open the scheme and create its recovery key pair. Returns the recovery private key (hex):
    shown once, to be printed and kept by a second person; it is not stored anywhere."""
    if Scheme.objects.filter(municipality=municipality).exists():
        raise ValidationError(_("The whistleblower scheme is already set up."))
    pair = crypto.new_key_pair()
    scheme = Scheme(municipality=municipality, recovery_public_key=pair.public)
    scheme.full_clean()
    scheme.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=scheme,
        object_ref="whistleblower-scheme",
        summary="Whistleblower scheme set up with a new recovery key",
    )
    return scheme, pair.private.hex()


@transaction.atomic
def scheme_update(*, actor: User, scheme: Scheme, values: dict[str, Any]) -> Scheme:
    for name, value in values.items():
        setattr(scheme, name, value)
    scheme.full_clean()
    scheme.save()
    audit_record(
        actor=actor,
        municipality=scheme.municipality,
        action=AuditAction.UPDATE,
        obj=scheme,
        object_ref="whistleblower-scheme",
        summary="Whistleblower scheme texts and settings changed",
        changes={"fields": sorted(values)},
    )
    return scheme


@transaction.atomic
def handler_designate(
    *, actor: User | None, municipality: Municipality, user: User, role: str = HandlerRole.HANDLER
) -> Handler:
    handler, _created = Handler.objects.update_or_create(
        user=user, municipality=municipality, defaults={"role": role, "is_active": True}
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=handler,
        object_ref=user.username,
        summary=f"Designated as whistleblower {role}",
    )
    return handler


@transaction.atomic
def handler_revoke(*, actor: User | None, handler: Handler) -> None:
    handler.is_active = False
    handler.save(update_fields=["is_active", "updated_at"])
    KeyGrant.objects.filter(handler=handler).delete()
    audit_record(
        actor=actor,
        municipality=handler.municipality,
        action=AuditAction.UPDATE,
        obj=handler,
        object_ref=handler.user.username,
        summary="Whistleblower designation revoked; key grants removed",
    )


class UnlockError(Exception):
    pass


def handler_unlock(*, handler: Handler, password: str) -> bytes:
    """Return the handler's private key, creating the key pair on first use.

    The password is checked against the account first, so a typo never creates keys locked with
    a password that does not log in.
    """
    if not handler.is_active or not handler.user.check_password(password):
        raise UnlockError
    if not handler.has_keys:
        return _handler_create_keys(handler=handler, password=password)
    locked = crypto.LockedPrivateKey(
        salt=bytes(handler.private_key_salt or b""), box=bytes(handler.private_key_box or b"")
    )
    try:
        private_key = crypto.unlock_private_key(locked, password)
    except nacl.exceptions.CryptoError:
        # The account password changed since the key was locked: recovery is needed.
        raise UnlockError from None
    grants_complete(handler=handler, private_key=private_key)
    return private_key


@transaction.atomic
def _handler_create_keys(*, handler: Handler, password: str) -> bytes:
    pair = crypto.new_key_pair()
    locked = crypto.lock_private_key(pair.private, password)
    handler.public_key = pair.public
    handler.private_key_box = locked.box
    handler.private_key_salt = locked.salt
    handler.save(update_fields=["public_key", "private_key_box", "private_key_salt", "updated_at"])
    audit_record(
        actor=handler.user,
        municipality=handler.municipality,
        action=AuditAction.UPDATE,
        obj=handler,
        object_ref=handler.user.username,
        summary="Whistleblower key pair created",
    )
    return pair.private


@transaction.atomic
def handler_rekey(*, handler: Handler, old_password: str, new_password: str) -> None:
    """Re-lock the private key after a password change (the key pair itself stays)."""
    locked = crypto.LockedPrivateKey(
        salt=bytes(handler.private_key_salt or b""), box=bytes(handler.private_key_box or b"")
    )
    private_key = crypto.unlock_private_key(locked, old_password)
    relocked = crypto.lock_private_key(private_key, new_password)
    handler.private_key_box = relocked.box
    handler.private_key_salt = relocked.salt
    handler.save(update_fields=["private_key_box", "private_key_salt", "updated_at"])


@transaction.atomic
def handler_reset_keys(*, actor: User | None, handler: Handler) -> None:
    """After a lost password: forget the old key pair. The next unlock creates a new one, and
    another handler's unlock or the recovery key re-grants access (`grants_complete`)."""
    KeyGrant.objects.filter(handler=handler).delete()
    handler.public_key = None
    handler.private_key_box = None
    handler.private_key_salt = None
    handler.save(update_fields=["public_key", "private_key_box", "private_key_salt", "updated_at"])
    audit_record(
        actor=actor,
        municipality=handler.municipality,
        action=AuditAction.UPDATE,
        obj=handler,
        object_ref=handler.user.username,
        summary="Whistleblower key pair reset",
    )


def _seal_grant(
    report: Report, handler: Handler, report_key: bytes, identity_key: bytes | None
) -> KeyGrant:
    public = bytes(handler.public_key or b"")
    return KeyGrant(
        report=report,
        handler=handler,
        report_key=crypto.seal(public, report_key),
        identity_key=crypto.seal(public, identity_key) if identity_key is not None else None,
    )


def _handlers_for_grants(municipality: Municipality) -> list[Handler]:
    return list(
        Handler.objects.filter(
            municipality=municipality,
            role=HandlerRole.HANDLER,
            is_active=True,
            public_key__isnull=False,
        )
    )


@transaction.atomic
def grants_complete(*, handler: Handler, private_key: bytes) -> int:
    """Seal every report this handler can open to the other active handlers who lack it."""
    if handler.role != HandlerRole.HANDLER:
        return 0
    others = _handlers_for_grants(handler.municipality)
    own = KeyGrant.objects.filter(handler=handler).select_related("report")
    existing = set(
        KeyGrant.objects.filter(report__municipality=handler.municipality).values_list(
            "report_id", "handler_id"
        )
    )
    new: list[KeyGrant] = []
    for grant in own:
        missing = [h for h in others if (grant.report_id, h.pk) not in existing]
        if not missing:
            continue
        report_key = crypto.unseal(private_key, bytes(grant.report_key))
        identity_key = (
            crypto.unseal(private_key, bytes(grant.identity_key)) if grant.identity_key else None
        )
        new.extend(_seal_grant(grant.report, h, report_key, identity_key) for h in missing)
    KeyGrant.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def grants_recover(
    *, actor: User | None, municipality: Municipality, recovery_private_key: bytes
) -> int:
    """Use the escrowed recovery key to seal every report to every active handler lacking it."""
    handlers = _handlers_for_grants(municipality)
    existing = set(
        KeyGrant.objects.filter(report__municipality=municipality).values_list(
            "report_id", "handler_id"
        )
    )
    new: list[KeyGrant] = []
    for report in Report.objects.filter(municipality=municipality):
        missing = [h for h in handlers if (report.pk, h.pk) not in existing]
        if not missing:
            continue
        report_key = crypto.unseal(recovery_private_key, bytes(report.recovery_report_key))
        identity_key = crypto.unseal(recovery_private_key, bytes(report.recovery_identity_key))
        new.extend(_seal_grant(report, h, report_key, identity_key) for h in missing)
    KeyGrant.objects.bulk_create(new)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        object_type="whistleblower",
        object_ref="recovery",
        summary=f"Recovery key used to grant {len(new)} report keys",
    )
    return len(new)


# Submission -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportInput:
    category: str
    reporter_category: str
    what: str
    when: str = ""
    who: str = ""
    how_known: str = ""
    evidence: str = ""
    is_anonymous: bool = True
    name: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


@dataclass(frozen=True)
class Submission:
    report: Report
    receipt: str
    report_key: bytes = field(repr=False)


def _content_json(data: ReportInput) -> str:
    keys = ("what", "when", "who", "how_known", "evidence")
    return json.dumps({k: getattr(data, k) for k in keys}, ensure_ascii=False)


def _next_reference(municipality: Municipality, year: int) -> str:
    prefix = f"WB-{year}-"
    count = Report.objects.filter(municipality=municipality, reference__startswith=prefix).count()
    return f"{prefix}{count + 1:03d}"


@transaction.atomic
def report_submit(
    *,
    municipality: Municipality,
    data: ReportInput,
    uploads: list[Upload] | None = None,
    channel: str = Channel.WEB,
    actor: User | None = None,
) -> Submission:
    """Store a new report encrypted; return it with its receipt code (shown once, never kept)."""
    scheme = Scheme.objects.get(municipality=municipality, is_open=True)
    report_key, identity_key = crypto.new_key(), crypto.new_key()
    receipt, salt = crypto.new_receipt(), crypto.new_salt()
    keys = crypto.receipt_keys(receipt, salt)
    recovery = bytes(scheme.recovery_public_key)
    now = timezone.now()
    has_identity = not data.is_anonymous and bool(data.name or data.contact)
    identity = json.dumps({"name": data.name, "contact": data.contact}, ensure_ascii=False)
    report = Report(
        municipality=municipality,
        reference=_next_reference(municipality, timezone.localdate(now).year),
        channel=channel,
        category=data.category,
        reporter_category=data.reporter_category,
        is_anonymous=not has_identity,
        received_at=now,
        content_box=crypto.encrypt_text(report_key, _content_json(data)),
        identity_box=crypto.encrypt_text(identity_key, identity) if has_identity else None,
        recovery_report_key=crypto.seal(recovery, report_key),
        recovery_identity_key=crypto.seal(recovery, identity_key),
        receipt_index=crypto.receipt_index(receipt),
        receipt_salt=salt,
        receipt_verifier=keys.verifier,
        reporter_key_box=crypto.encrypt(keys.wrap_key, report_key),
    )
    report.full_clean(exclude=["investigator"])
    report.save()
    KeyGrant.objects.bulk_create(
        _seal_grant(report, h, report_key, identity_key) for h in _handlers_for_grants(municipality)
    )
    for upload in uploads or []:
        _file_add(report, report_key, upload, from_reporter=actor is None)
    _event(report, EventKind.RECEIVED, actor=None)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=report,
        summary="Whistleblower report received",
    )
    _notify_handlers(municipality)
    return Submission(report=report, receipt=receipt, report_key=report_key)


def _file_add(report: Report, report_key: bytes, upload: Upload, *, from_reporter: bool) -> None:
    ReportFile.objects.create(
        report=report,
        from_reporter=from_reporter,
        name_box=crypto.encrypt_text(report_key, upload.name),
        content_box=crypto.encrypt(report_key, upload.content),
        size=len(upload.content),
    )


def _event(
    report: Report,
    kind: str,
    *,
    actor: Handler | None,
    detail: str = "",
    report_key: bytes | None = None,
) -> ReportEvent:
    box = crypto.encrypt_text(report_key, detail) if detail and report_key else None
    return ReportEvent.objects.create(report=report, kind=kind, actor=actor, detail_box=box)


def _notify_handlers(municipality: Municipality) -> None:
    """E-mail designated handlers that something arrived — never what."""
    recipients = list(
        Handler.objects.filter(municipality=municipality, role=HandlerRole.HANDLER, is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    subject = _("New activity in the whistleblower scheme")
    body = _(
        "There is new activity in the whistleblower scheme of %(municipality)s. "
        "Log in to Ombud to read it."
    ) % {"municipality": municipality.name}
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))


def _notify_investigator(investigator: Handler) -> None:
    email = investigator.user.email
    if not email:
        return
    subject = _("A whistleblower report has been forwarded to you")
    body = _(
        "A whistleblower report has been forwarded to you for investigation. Log in to Ombud to "
        "read it. You are bound by a special duty of confidentiality."
    )
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))


# Receipt login ----------------------------------------------------------------------------------


class ReceiptRefusedError(Exception):
    def __init__(self, locked_until: dt.datetime | None = None) -> None:
        super().__init__("receipt refused")
        self.locked_until = locked_until


def _guard(municipality: Municipality) -> ReceiptGuard:
    guard, _created = ReceiptGuard.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    return guard


def _guard_fail(guard: ReceiptGuard, now: dt.datetime) -> None:
    """Count a wrong code; past the free attempts, lock with an exponentially growing delay.

    The counter is per municipality and never records who guessed. A success does not reset it
    (a guesser holding one valid receipt of their own could otherwise reset it at will); it decays
    after an hour without failures.
    """
    if guard.last_failure_at is None or now - guard.last_failure_at > FAILURE_WINDOW:
        guard.failures = 0
    guard.failures += 1
    guard.last_failure_at = now
    excess = guard.failures - FREE_RECEIPT_ATTEMPTS
    guard.locked_until = (
        now + dt.timedelta(seconds=min(2**excess, MAX_LOCK_SECONDS)) if excess >= 0 else None
    )
    guard.save()


@dataclass(frozen=True)
class ReporterAccess:
    report: Report
    report_key: bytes = field(repr=False)


def reporter_login(*, municipality: Municipality, receipt: str) -> ReporterAccess:
    """Open the reporter's copy of the report key, or raise ReceiptRefusedError.

    The failure is counted in its own committed transaction before raising, so a refusal
    cannot roll back the count.
    """
    code = crypto.normalise_receipt(receipt)
    now = timezone.now()
    with transaction.atomic():
        guard = _guard(municipality)
        locked_until = (
            guard.locked_until if guard.locked_until and guard.locked_until > now else None
        )
        access = None if locked_until else _reporter_find(municipality, code)
        if access is None and locked_until is None:
            _guard_fail(guard, now)
            locked_until = guard.locked_until if guard.locked_until else None
    if access is None:
        raise ReceiptRefusedError(locked_until)
    return access


def _reporter_find(municipality: Municipality, code: str) -> ReporterAccess | None:
    report = Report.objects.filter(
        municipality=municipality, receipt_index=crypto.receipt_index(code)
    ).first()
    if report is None:
        return None
    access = _reporter_unwrap(report, code)
    if access is None:
        Report.objects.filter(pk=report.pk).update(reporter_failures=F("reporter_failures") + 1)
    return access


def _reporter_unwrap(report: Report, code: str) -> ReporterAccess | None:
    if report.receipt_salt is None or report.reporter_key_box is None:
        return None
    keys = crypto.receipt_keys(code, bytes(report.receipt_salt))
    if not crypto.verifier_matches(bytes(report.receipt_verifier or b""), keys.verifier):
        return None
    return ReporterAccess(report, crypto.decrypt(keys.wrap_key, bytes(report.reporter_key_box)))


def _ensure_open(report: Report) -> None:
    if report.status == ReportStatus.CLOSED:
        raise PermissionDenied("The report is closed.")


@transaction.atomic
def reporter_message_add(
    *, report: Report, report_key: bytes, body: str, uploads: list[Upload] | None = None
) -> ReportMessage | None:
    _ensure_open(report)
    message = None
    if body.strip():
        message = ReportMessage.objects.create(
            report=report,
            author_kind=AuthorKind.REPORTER,
            body_box=crypto.encrypt_text(report_key, body),
        )
        _event(report, EventKind.MESSAGE_FROM_REPORTER, actor=None)
    for upload in uploads or []:
        _file_add(report, report_key, upload, from_reporter=True)
        _event(report, EventKind.FILE_ADDED, actor=None)
    _notify_handlers(report.municipality)
    return message


@transaction.atomic
def reporter_meeting_request(*, report: Report) -> None:
    _ensure_open(report)
    if report.meeting_requested_at is None:
        report.meeting_requested_at = timezone.now()
        report.save(update_fields=["meeting_requested_at", "updated_at"])
        _event(report, EventKind.MEETING_REQUESTED, actor=None)
        _notify_handlers(report.municipality)


# Case handling ----------------------------------------------------------------------------------


def _audit(
    handler: Handler, report: Report, summary: str, action: str = AuditAction.UPDATE
) -> None:
    audit_record(
        actor=handler.user,
        municipality=report.municipality,
        action=action,
        obj=report,
        summary=summary,
    )


def _message_out(report: Report, handler: Handler, report_key: bytes, body: str) -> None:
    ReportMessage.objects.create(
        report=report,
        author_kind=AuthorKind.HANDLER,
        author=handler,
        body_box=crypto.encrypt_text(report_key, body),
    )


@transaction.atomic
def report_acknowledge(
    *, actor: Handler, report: Report, report_key: bytes, message: str
) -> Report:
    if report.acknowledged_at is not None:
        raise ValidationError(_("The report has already been acknowledged."))
    _message_out(report, actor, report_key, message)
    report.acknowledged_at = timezone.now()
    report.status = ReportStatus.ACKNOWLEDGED
    report.save(update_fields=["acknowledged_at", "status", "updated_at"])
    _event(report, EventKind.ACKNOWLEDGED, actor=actor)
    _audit(actor, report, "Whistleblower report acknowledged")
    return report


@transaction.atomic
def report_message_send(
    *, actor: Handler, report: Report, report_key: bytes, body: str, is_feedback: bool = False
) -> None:
    _ensure_open(report)
    _message_out(report, actor, report_key, body)
    kind = EventKind.FEEDBACK if is_feedback else EventKind.MESSAGE_TO_REPORTER
    if is_feedback and report.feedback_at is None:
        report.feedback_at = timezone.now()
        report.save(update_fields=["feedback_at", "updated_at"])
    _event(report, kind, actor=actor)
    _audit(actor, report, "Message sent to the whistleblower")


@transaction.atomic
def report_note_add(*, actor: Handler, report: Report, report_key: bytes, body: str) -> None:
    ReportMessage.objects.create(
        report=report,
        author_kind=AuthorKind.HANDLER,
        author=actor,
        is_internal=True,
        body_box=crypto.encrypt_text(report_key, body),
    )
    _event(report, EventKind.NOTE, actor=actor)
    _audit(actor, report, "Internal note added")


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
    _ensure_open(report)
    report.scope = scope
    report.screened_at = timezone.now()
    report.save(update_fields=["scope", "screened_at", "updated_at"])
    _event(report, EventKind.SCREENED, actor=actor, detail=reason, report_key=report_key)
    _audit(actor, report, f"Screened: {scope}")
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
    _ensure_open(report)
    if investigator.municipality_id != report.municipality_id or not investigator.has_keys:
        raise ValidationError(_("The investigator has not activated their access yet."))
    KeyGrant.objects.filter(report=report, handler=investigator).delete()
    _seal_grant(report, investigator, report_key, None).save()
    report.investigator = investigator
    report.forwarded_at = timezone.now()
    report.status = ReportStatus.FORWARDED
    report.save(update_fields=["investigator", "forwarded_at", "status", "updated_at"])
    _notify_investigator(investigator)
    detail = f"{investigator.user}: {note}" if note else str(investigator.user)
    _event(report, EventKind.FORWARDED, actor=actor, detail=detail, report_key=report_key)
    _audit(actor, report, f"Forwarded to investigator {investigator.user.username}")
    return report


@transaction.atomic
def report_informed_record(*, actor: Handler, report: Report, report_key: bytes, who: str) -> None:
    """Record that e.g. the finance committee was informed (the recipient text is encrypted)."""
    _event(report, EventKind.INFORMED, actor=actor, detail=who, report_key=report_key)
    _audit(actor, report, "Recorded that others were informed")


@transaction.atomic
def report_close(
    *, actor: Handler, report: Report, report_key: bytes, outcome: str, message: str = ""
) -> Report:
    _ensure_open(report)
    if message.strip():
        _message_out(report, actor, report_key, message)
        if report.feedback_at is None:
            report.feedback_at = timezone.now()
    report.outcome = outcome
    report.proceedings_pending = outcome == Outcome.PROCEEDINGS
    report.status = ReportStatus.CLOSED
    report.closed_at = timezone.now()
    report.save()
    _event(report, EventKind.CLOSED, actor=actor)
    _audit(actor, report, f"Closed: {outcome}")
    return report


# Retention --------------------------------------------------------------------------------------


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
        is_anonymous=report.is_anonymous,
        scope=report.scope,
        was_forwarded=report.forwarded_at is not None,
        outcome=report.outcome,
        acknowledgement_days=_days(report.received_at, report.acknowledged_at),
        feedback_days=_days(report.received_at, report.feedback_at),
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


@transaction.atomic
def report_proceedings_end(*, actor: Handler, report: Report) -> None:
    report.proceedings_pending = False
    report.save(update_fields=["proceedings_pending", "updated_at"])
    _audit(actor, report, "Proceedings ended; normal retention applies")


# Oral reports -----------------------------------------------------------------------------------


@transaction.atomic
def report_record_oral(
    *,
    actor: Handler,
    data: ReportInput,
    channel: str,
    recording_consent: bool = False,
) -> Submission:
    """A handler records a telephone or meeting report (minutes or transcript in `what`).

    The receipt goes to the reporter, who checks the minutes in the inbox and approves them
    or writes corrections (Directive art. 18).
    """
    if channel not in (Channel.PHONE, Channel.MEETING, Channel.LETTER):
        raise ValidationError(_("Choose telephone, meeting or letter."))
    submission = report_submit(
        municipality=actor.municipality, data=data, channel=channel, actor=actor.user
    )
    report = submission.report
    report.recording_consent = recording_consent
    report.save(update_fields=["recording_consent", "updated_at"])
    _event(report, EventKind.ORAL_RECORDED, actor=actor)
    return submission


@transaction.atomic
def reporter_minutes_approve(*, report: Report) -> None:
    if report.channel == Channel.WEB or report.minutes_approved_at is not None:
        return
    report.minutes_approved_at = timezone.now()
    report.save(update_fields=["minutes_approved_at", "updated_at"])
    _event(report, EventKind.MINUTES_APPROVED, actor=None)
    _notify_handlers(report.municipality)


# Identity disclosure ----------------------------------------------------------------------------


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
    _event(
        report, EventKind.DISCLOSURE_REQUESTED, actor=actor, detail=recipient, report_key=report_key
    )
    _audit(actor, report, f"Identity disclosure proposed ({legal_ground})")
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
    _event(disclosure.report, EventKind.DISCLOSURE_APPROVED, actor=actor)
    _audit(actor, disclosure.report, "Identity disclosure approved by a second handler")
    return disclosure


# Escalation -------------------------------------------------------------------------------------


def clocks_notify(*, municipality: Municipality) -> tuple[int, int]:
    """E-mail the handlers how many open reports have a clock about to run out or missed.

    Only counts and references are sent, never content. Returns (warnings, overdue).
    """
    today = timezone.localdate()
    warn: list[str] = []
    overdue: list[str] = []
    for report in Report.objects.open().filter(municipality=municipality):
        clocks = report_clocks(report, today)
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
        send_mail(_("Whistleblower deadlines"), body, settings.DEFAULT_FROM_EMAIL, recipients)
    return len(warn), len(overdue)


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
    _event(report, EventKind.PERSON_ADDED, actor=actor)
    _audit(actor, report, f"Person registered ({role})")
    return person


@transaction.atomic
def report_meeting_record(
    *, actor: Handler, report: Report, report_key: bytes, held_on: dt.date, minutes: str
) -> None:
    """Minutes of a physical meeting (Directive art. 9(2), 18(4)): kept in the history and sent
    to the reporter's inbox, where they can check and correct them by answering."""
    _ensure_open(report)
    detail = f"{held_on.isoformat()}\n\n{minutes}"
    _event(report, EventKind.MEETING_HELD, actor=actor, detail=detail, report_key=report_key)
    body = _(
        "Minutes of our meeting on %(date)s. Please check them and answer if anything "
        "should be corrected:"
    ) % {"date": held_on.strftime("%d-%m-%Y")}
    _message_out(report, actor, report_key, f"{body}\n\n{minutes}")
    _audit(actor, report, "Meeting minutes recorded")
