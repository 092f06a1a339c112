"""Opening a report: decrypting its content, messages, files, events, disclosures and persons
with a key the reader holds (a handler's private key or the reporter's report key). Opening is a
read that is always audit-logged."""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.whistleblower import crypto
from ombud.whistleblower.models import (
    Handler,
    HandlerRole,
    IdentityDisclosure,
    PersonConcerned,
    Report,
    ReportEvent,
    ReportFile,
    ReportMessage,
)
from ombud.whistleblower.selectors.reports import report_keys_for_handler


@dataclass(frozen=True)
class OpenedMessage:
    author_kind: str
    author: str
    is_internal: bool
    body: str
    created_at: dt.datetime


@dataclass(frozen=True)
class OpenedFile:
    public_id: str
    name: str
    size: int
    from_reporter: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class OpenedEvent:
    kind: str
    label: str
    actor: str
    detail: str
    created_at: dt.datetime


@dataclass(frozen=True)
class OpenedDisclosure:
    pk: int
    legal_ground: str
    recipient: str
    reason: str
    reporter_told_on: dt.date
    requested_by: str
    requested_by_id: int
    approved_by: str
    approved_at: dt.datetime | None


@dataclass(frozen=True)
class OpenedPerson:
    role: str
    name: str
    note: str


@dataclass(frozen=True)
class MeetingProposal:
    starts_at: dt.datetime
    place: str
    proposed_at: dt.datetime | None
    accepted_at: dt.datetime | None


def meeting_proposal(report: Report, key: bytes) -> MeetingProposal | None:
    if report.meeting_box is None:
        return None
    data = json.loads(crypto.decrypt_text(key, bytes(report.meeting_box)))
    return MeetingProposal(
        starts_at=dt.datetime.fromisoformat(data["starts_at"]),
        place=data["place"],
        proposed_at=report.meeting_proposed_at,
        accepted_at=report.meeting_accepted_at,
    )


@dataclass(frozen=True)
class OpenedReport:
    report: Report
    answers: list["OpenedAnswer"]
    identity: dict[str, str] | None
    messages: list[OpenedMessage]
    files: list[OpenedFile]
    events: list[OpenedEvent]
    disclosures: list[OpenedDisclosure] = field(default_factory=list)
    persons: list[OpenedPerson] = field(default_factory=list)
    meeting: MeetingProposal | None = None

    @property
    def content(self) -> dict[str, str]:
        """The answers by question key (`content["what"]` is the description or minutes)."""
        return {a.key: a.value for a in self.answers}


def _messages(report: Report, key: bytes, *, internal: bool) -> list[OpenedMessage]:
    rows = ReportMessage.objects.filter(report=report).select_related("author__user")
    if not internal:
        rows = rows.filter(is_internal=False)
    return [
        OpenedMessage(
            author_kind=m.author_kind,
            author=str(m.author.user) if m.author and internal else "",
            is_internal=m.is_internal,
            body=crypto.decrypt_text(key, bytes(m.body_box)),
            created_at=m.created_at,
        )
        for m in rows
    ]


def _files(report: Report, key: bytes) -> list[OpenedFile]:
    return [
        OpenedFile(
            public_id=str(f.public_id),
            name=crypto.decrypt_text(key, bytes(f.name_box)),
            size=f.size,
            from_reporter=f.from_reporter,
            created_at=f.created_at,
        )
        for f in ReportFile.objects.filter(report=report).defer("content_box")
    ]


def _events(report: Report, key: bytes) -> list[OpenedEvent]:
    return [
        OpenedEvent(
            kind=e.kind,
            label=e.get_kind_display(),
            actor=str(e.actor.user) if e.actor else "",
            detail=crypto.decrypt_text(key, bytes(e.detail_box)) if e.detail_box else "",
            created_at=e.created_at,
        )
        for e in ReportEvent.objects.filter(report=report).select_related("actor__user")
    ]


def _disclosures(report: Report, key: bytes) -> list[OpenedDisclosure]:
    rows = IdentityDisclosure.objects.filter(report=report).select_related(
        "requested_by__user", "approved_by__user"
    )
    return [
        OpenedDisclosure(
            pk=d.pk,
            legal_ground=d.get_legal_ground_display(),
            recipient=crypto.decrypt_text(key, bytes(d.recipient_box)),
            reason=crypto.decrypt_text(key, bytes(d.reason_box)),
            reporter_told_on=d.reporter_told_on,
            requested_by=str(d.requested_by.user),
            requested_by_id=d.requested_by_id,
            approved_by=str(d.approved_by.user) if d.approved_by else "",
            approved_at=d.approved_at,
        )
        for d in rows
    ]


def _persons(report: Report, key: bytes) -> list[OpenedPerson]:
    return [
        OpenedPerson(
            role=p.get_role_display(),
            name=crypto.decrypt_text(key, bytes(p.name_box)),
            note=crypto.decrypt_text(key, bytes(p.note_box)),
        )
        for p in PersonConcerned.objects.filter(report=report)
    ]


# Reports submitted before the questionnaire became configurable store {"what": …, …} without
# labels; they were asked under these (then fixed) questions.
LEGACY_LABELS = {
    "what": _("What happened?"),
    "when": _("When did it happen?"),
    "who": _("Who is involved?"),
    "how_known": _("How do you know about it?"),
    "evidence": _("Is there evidence or are there witnesses?"),
}


@dataclass(frozen=True)
class OpenedAnswer:
    key: str
    label: str
    value: str


def _content(report: Report, key: bytes) -> list[OpenedAnswer]:
    data = json.loads(crypto.decrypt_text(key, bytes(report.content_box)))
    if "answers" not in data:
        return [OpenedAnswer(k, str(LEGACY_LABELS.get(k, k)), str(v)) for k, v in data.items()]
    return [OpenedAnswer(a["key"], a["label"], a["value"]) for a in data["answers"]]


def report_read(*, handler: Handler, private_key: bytes, report: Report) -> OpenedReport:
    """Decrypt a report for a handler (identity only for handlers, never investigators)."""
    keys = report_keys_for_handler(handler, private_key, report)
    full = handler.role == HandlerRole.HANDLER
    identity = None
    if full and keys.identity_key and report.identity_box:
        identity = json.loads(crypto.decrypt_text(keys.identity_key, bytes(report.identity_box)))
    audit_record(
        actor=handler.user,
        municipality=report.municipality,
        action=AuditAction.VIEW_IDENTITY if identity else AuditAction.VIEW_REPORT,
        obj=report,
        summary="Whistleblower report read" + (" including identity" if identity else ""),
    )
    return OpenedReport(
        report=report,
        answers=_content(report, keys.report_key),
        identity=identity,
        messages=_messages(report, keys.report_key, internal=full),
        files=_files(report, keys.report_key),
        events=_events(report, keys.report_key) if full else [],
        disclosures=_disclosures(report, keys.report_key) if full else [],
        persons=_persons(report, keys.report_key) if full else [],
        meeting=meeting_proposal(report, keys.report_key) if full else None,
    )


def report_read_for_reporter(report: Report, report_key: bytes) -> OpenedReport:
    return OpenedReport(
        report=report,
        answers=_content(report, report_key),
        identity=None,
        messages=_messages(report, report_key, internal=False),
        files=_files(report, report_key),
        events=[],
        meeting=meeting_proposal(report, report_key),
    )


def report_file_content(report: Report, report_key: bytes, public_id: str) -> tuple[str, bytes]:
    row = ReportFile.objects.filter(report=report, public_id=public_id).first()
    if row is None:
        raise Http404
    return (
        crypto.decrypt_text(report_key, bytes(row.name_box)),
        crypto.decrypt(report_key, bytes(row.content_box)),
    )


def report_file_for_handler(
    *, handler: Handler, private_key: bytes, report: Report, file_id: str
) -> tuple[str, bytes]:
    """Decrypt one attachment for a handler; the download is audit-logged like a read."""
    keys = report_keys_for_handler(handler, private_key, report)
    name, content = report_file_content(report, keys.report_key, file_id)
    audit_record(
        actor=handler.user,
        municipality=report.municipality,
        action=AuditAction.VIEW_REPORT,
        obj=report,
        summary="Whistleblower attachment downloaded",
    )
    return name, content
