"""Helpers shared by the whistleblower services (sealing, history, notifications)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.core.outbox import mail_queue
from ombud.lib.file_metadata import metadata_strip
from ombud.whistleblower import crypto
from ombud.whistleblower.models import (
    AuthorKind,
    Handler,
    HandlerRole,
    KeyGrant,
    Report,
    ReportEvent,
    ReportFile,
    ReportMessage,
    ReportStatus,
)


def seal_grant(
    report: Report, handler: Handler, report_key: bytes, identity_key: bytes | None
) -> KeyGrant:
    public = bytes(handler.public_key or b"")
    return KeyGrant(
        report=report,
        handler=handler,
        report_key=crypto.seal(public, report_key),
        identity_key=crypto.seal(public, identity_key) if identity_key is not None else None,
    )


def handlers_for_grants(municipality: Municipality) -> list[Handler]:
    return list(
        Handler.objects.filter(
            municipality=municipality,
            role=HandlerRole.HANDLER,
            is_active=True,
            public_key__isnull=False,
            approved_at__isnull=False,  # never a pending designation (services/custody.py)
        )
    )


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


def uploads_strip(uploads: list[Upload]) -> tuple[list[Upload], list[str]]:
    """The uploads with their metadata removed where we can, and one sentence per file for the
    reporter saying what was removed and what was not (lib/file_metadata.py)."""
    cleaned: list[Upload] = []
    notes: list[str] = []
    for upload in uploads:
        result = metadata_strip(upload.name, upload.content)
        cleaned.append(Upload(name=upload.name, content=result.content))
        if result.cleaned:
            note = _("%(name)s: removed %(removed)s.") % {
                "name": upload.name,
                "removed": ", ".join(result.removed),
            }
            if result.kept:
                note += " " + _("Still in the file: %(kept)s.") % {"kept": result.kept}
        else:
            note = _("%(name)s was sent as it was: %(reason)s.") % {
                "name": upload.name,
                "reason": result.kept,
            }
        notes.append(note)
    return cleaned, notes


def file_add(report: Report, report_key: bytes, upload: Upload, *, from_reporter: bool) -> None:
    ReportFile.objects.create(
        report=report,
        from_reporter=from_reporter,
        name_box=crypto.encrypt_text(report_key, upload.name),
        content_box=crypto.encrypt(report_key, upload.content),
        size=len(upload.content),
    )


def event_add(
    report: Report,
    kind: str,
    *,
    actor: Handler | None,
    detail: str = "",
    report_key: bytes | None = None,
) -> ReportEvent:
    box = crypto.encrypt_text(report_key, detail) if detail and report_key else None
    return ReportEvent.objects.create(report=report, kind=kind, actor=actor, detail_box=box)


def notify_handlers(municipality: Municipality) -> None:
    """Owe the handlers an e-mail that something arrived — never what. The e-mail itself is
    sent by the job `whistleblower_activity_mail` (at most one per handler every
    WHISTLEBLOWER_ACTIVITY_MAIL_MINUTES), so a flood of reports cannot flood their inboxes."""
    Handler.objects.filter(
        municipality=municipality,
        role=HandlerRole.HANDLER,
        is_active=True,
        activity_pending_since__isnull=True,
    ).update(activity_pending_since=timezone.now())


def activity_mail_send(now: dt.datetime) -> int:
    """Send each handler who is owed one (and has not had one within the interval) a single
    content-free e-mail. Idempotent: the mark is cleared in the same transaction."""
    interval = dt.timedelta(minutes=settings.WHISTLEBLOWER_ACTIVITY_MAIL_MINUTES)
    due = (
        Handler.objects.filter(activity_pending_since__isnull=False, is_active=True)
        .filter(Q(activity_mailed_at__isnull=True) | Q(activity_mailed_at__lte=now - interval))
        .select_related("user", "municipality")
    )
    sent = 0
    for handler in due:
        with transaction.atomic():
            claimed = Handler.objects.filter(
                pk=handler.pk, activity_pending_since__isnull=False
            ).update(activity_pending_since=None, activity_mailed_at=now)
            if not claimed or not handler.user.email:
                continue
            # Into the outbox in the same transaction as the mark it clears.
            _activity_mail(handler.user.email, handler)
            sent += 1
    return sent


def _activity_mail(email: str, handler: Handler) -> None:
    subject = _("New activity in the whistleblower scheme")
    body = _(
        "There is new activity in the whistleblower scheme of %(municipality)s. "
        "Log in to Ombud to read it."
    ) % {"municipality": handler.municipality.name}
    mail_queue(to=[email], subject=subject, body=body, municipality_id=handler.municipality_id)


def ensure_open(report: Report) -> None:
    if report.status == ReportStatus.CLOSED:
        raise PermissionDenied("The report is closed.")


def audit_report(
    handler: Handler, report: Report, summary: str, action: str = AuditAction.UPDATE
) -> None:
    audit_record(
        actor=handler.user,
        municipality=report.municipality,
        action=action,
        obj=report,
        summary=summary,
    )


def message_out(report: Report, handler: Handler, report_key: bytes, body: str) -> None:
    ReportMessage.objects.create(
        report=report,
        author_kind=AuthorKind.HANDLER,
        author=handler,
        body_box=crypto.encrypt_text(report_key, body),
    )
