"""Helpers shared by the whistleblower services (sealing, history, notifications)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.core.outbox import mail_queue
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
        )
    )


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


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
    mail_queue(to=recipients, subject=subject, body=body, municipality_id=municipality.pk)


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
