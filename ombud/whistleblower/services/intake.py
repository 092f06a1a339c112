"""Reports coming in: submission, oral reports, receipt login and the reporter's own actions."""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.whistleblower import crypto, defaults
from ombud.whistleblower.models import (
    AuthorKind,
    Category,
    Channel,
    Department,
    EventKind,
    Handler,
    KeyGrant,
    Question,
    QuestionKind,
    ReceiptGuard,
    Report,
    ReportMessage,
    Scheme,
)
from ombud.whistleblower.services.common import (
    Upload,
    ensure_open,
    event_add,
    file_add,
    handlers_for_grants,
    notify_handlers,
    seal_grant,
)

FAILURE_WINDOW = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Answer:
    """One answer, with the question's label as the reporter saw it (stored with the answer)."""

    key: str
    label: str
    value: str
    kind: str = QuestionKind.LONG


@dataclass(frozen=True)
class ReportInput:
    """A report. `answers` come from the configured questionnaire; callers without one (oral
    reports from scripts, the benchmark) may give the five classic fields instead, which are
    labelled with the municipality's questions of the same key."""

    category: str
    reporter_category: str
    what: str = ""
    when: str = ""
    who: str = ""
    how_known: str = ""
    evidence: str = ""
    is_anonymous: bool = True
    name: str = ""
    contact: str = ""
    answers: tuple[Answer, ...] = ()
    department: str = ""


@dataclass(frozen=True)
class Submission:
    report: Report
    receipt: str
    report_key: bytes = field(repr=False)


CLASSIC_KEYS = ("what", "when", "who", "how_known", "evidence")


def _answers(municipality: Municipality, data: ReportInput) -> list[Answer]:
    if data.answers:
        return list(data.answers)
    labels = {key: label for key, label, *_rest in defaults.QUESTIONS}
    labels.update(
        Question.objects.filter(municipality=municipality, key__in=CLASSIC_KEYS).values_list(
            "key", "label"
        )
    )
    return [Answer(key=k, label=labels[k], value=getattr(data, k)) for k in CLASSIC_KEYS]


def _content_json(municipality: Municipality, data: ReportInput) -> str:
    """The encrypted payload: every answer with its label, in the order asked."""
    answers = [vars(a) for a in _answers(municipality, data)]
    return json.dumps({"answers": answers}, ensure_ascii=False)


def _next_reference(municipality: Municipality, year: int) -> str:
    prefix = f"WB-{year}-"
    count = Report.objects.filter(municipality=municipality, reference__startswith=prefix).count()
    return f"{prefix}{count + 1:03d}"


def _check_classification(municipality: Municipality, data: ReportInput) -> None:
    """Only categories and departments the scheme offers (active rows) can be chosen."""
    if not Category.objects.filter(
        municipality=municipality, key=data.category, is_active=True
    ).exists():
        raise ValidationError({"category": _("Choose one of the categories offered.")})
    if (
        data.department
        and not Department.objects.filter(
            municipality=municipality, key=data.department, is_active=True
        ).exists()
    ):
        raise ValidationError({"department": _("Choose one of the departments offered.")})


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
    # Locked so that a recovery-key rotation (which locks the same row) cannot re-seal the
    # existing reports and switch keys between our reading the public key and our commit.
    scheme = Scheme.objects.select_for_update().get(municipality=municipality, is_open=True)
    _check_classification(municipality, data)
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
        department=data.department,
        reporter_category=data.reporter_category,
        is_anonymous=not has_identity,
        received_at=now,
        content_box=crypto.encrypt_text(report_key, _content_json(municipality, data)),
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
        seal_grant(report, h, report_key, identity_key) for h in handlers_for_grants(municipality)
    )
    for upload in uploads or []:
        file_add(report, report_key, upload, from_reporter=actor is None)
    event_add(report, EventKind.RECEIVED, actor=None)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=report,
        summary="Whistleblower report received",
    )
    notify_handlers(municipality)
    return Submission(report=report, receipt=receipt, report_key=report_key)


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
    """Count a wrong code for the scheme (never who typed it). Past the scheme's high ceiling
    within an hour, the scheme is in *ceiling mode* for the rest of the hour: only a client's first
    try is still checked (see `reporter_login`). The count decays after an hour without failures.
    """
    if guard.last_failure_at is None or now - guard.last_failure_at > FAILURE_WINDOW:
        guard.failures = 0
    guard.failures += 1
    guard.last_failure_at = now
    ceiling = settings.WHISTLEBLOWER_RECEIPT_SCHEME_CEILING_PER_HOUR
    guard.locked_until = now + FAILURE_WINDOW if guard.failures >= ceiling else None
    guard.save()


@dataclass(frozen=True)
class ReporterAccess:
    report: Report
    report_key: bytes = field(repr=False)


def reporter_login(
    *, municipality: Municipality, receipt: str, client_failed_before: bool = False
) -> ReporterAccess:
    """Open the reporter's copy of the report key, or raise ReceiptRefusedError.

    Wrong codes are slowed down per client by the view (a keyed hash in the cache); here the
    scheme only keeps a high ceiling. In ceiling mode a client that has already typed a wrong
    code in this window is refused unchecked (`locked_until` set), but a client's first code is
    always checked: a reporter with the right code is never refused because others guessed.
    The failure is counted in its own committed transaction before raising, so a refusal
    cannot roll back the count.
    """
    code = crypto.normalise_receipt(receipt)
    now = timezone.now()
    with transaction.atomic():
        guard = _guard(municipality)
        ceiling_until = (
            guard.locked_until if guard.locked_until and guard.locked_until > now else None
        )
        if ceiling_until is not None and client_failed_before:
            raise ReceiptRefusedError(ceiling_until)
        access = _reporter_find(municipality, code)
        if access is None:
            _guard_fail(guard, now)
    if access is None:
        raise ReceiptRefusedError(None)
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


@transaction.atomic
def reporter_message_add(
    *, report: Report, report_key: bytes, body: str, uploads: list[Upload] | None = None
) -> ReportMessage | None:
    ensure_open(report)
    message = None
    if body.strip():
        message = ReportMessage.objects.create(
            report=report,
            author_kind=AuthorKind.REPORTER,
            body_box=crypto.encrypt_text(report_key, body),
        )
        event_add(report, EventKind.MESSAGE_FROM_REPORTER, actor=None)
    for upload in uploads or []:
        file_add(report, report_key, upload, from_reporter=True)
        event_add(report, EventKind.FILE_ADDED, actor=None)
    notify_handlers(report.municipality)
    return message


@transaction.atomic
def reporter_meeting_request(*, report: Report) -> None:
    ensure_open(report)
    if report.meeting_requested_at is None:
        report.meeting_requested_at = timezone.now()
        report.save(update_fields=["meeting_requested_at", "updated_at"])
        event_add(report, EventKind.MEETING_REQUESTED, actor=None)
        notify_handlers(report.municipality)


@transaction.atomic
def reporter_meeting_accept(*, report: Report) -> None:
    """The reporter accepts the handlers' latest meeting proposal."""
    ensure_open(report)
    if report.meeting_box is None:
        raise ValidationError(_("There is no proposed meeting to accept."))
    if report.meeting_accepted_at is None:
        report.meeting_accepted_at = timezone.now()
        report.save(update_fields=["meeting_accepted_at", "updated_at"])
        event_add(report, EventKind.MEETING_ACCEPTED, actor=None)
        notify_handlers(report.municipality)


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
    event_add(report, EventKind.ORAL_RECORDED, actor=actor)
    return submission


@transaction.atomic
def reporter_minutes_approve(*, report: Report) -> None:
    if report.channel == Channel.WEB or report.minutes_approved_at is not None:
        return
    report.minutes_approved_at = timezone.now()
    report.save(update_fields=["minutes_approved_at", "updated_at"])
    event_add(report, EventKind.MINUTES_APPROVED, actor=None)
    notify_handlers(report.municipality)
