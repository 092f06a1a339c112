"""A case's journal as a list of documents with date, sender, recipient and short topic (the
minimum offentlighedsloven § 15 asks for), from the journal and the requests to centres."""

import datetime as dt
from dataclasses import dataclass

from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from ombud.cases.models import Case, JournalDirection, JournalEntry, JournalKind
from ombud.cooperation.models import CentreRequest


@dataclass(frozen=True)
class Document:
    at: dt.datetime
    kind: str  # a JournalKind, or "centre_request" / "centre_reply"
    direction: str  # a JournalDirection
    sender: str
    recipient: str
    topic: str
    text: str
    author: str = ""
    file: FieldFile | None = None
    file_name: str = ""
    entry_id: str = ""

    @property
    def is_email(self) -> bool:
        return self.kind == JournalKind.EMAIL


def _advisor() -> str:
    return _("The citizens' advisor")


def _from_entry(entry: JournalEntry, citizen: str) -> Document:
    advisor = _advisor()
    parties = {
        JournalDirection.INCOMING: (citizen, advisor),
        JournalDirection.OUTGOING: (advisor, citizen),
    }
    author = entry.author.display_name if entry.author else ""
    sender, recipient = parties.get(JournalDirection(entry.direction), (author or advisor, ""))
    return Document(
        at=entry.occurred_at,
        kind=entry.kind,
        direction=entry.direction,
        sender=sender,
        recipient=recipient,
        topic=entry.subject or entry.get_kind_display(),
        text=entry.body,
        author=author,
        file=entry.attachment or None,
        file_name=entry.attachment_name,
        entry_id=str(entry.public_id),
    )


def _from_request(row: CentreRequest) -> list[Document]:
    advisor, centre = _advisor(), row.recipient_label
    sent = Document(
        at=row.sent_at,
        kind="centre_request",
        direction=JournalDirection.OUTGOING,
        sender=advisor,
        recipient=f"{centre} ({row.recipient_name})" if row.recipient_name else centre,
        topic=_("Request to %(centre)s") % {"centre": centre},
        text=row.question,
    )
    if row.replied_at is None:
        return [sent]
    reply = Document(
        at=row.replied_at,
        kind="centre_reply",
        direction=JournalDirection.INCOMING,
        sender=row.reply_by or centre,
        recipient=advisor,
        topic=_("Reply from %(centre)s") % {"centre": centre},
        text=row.reply_text,
    )
    return [sent, reply]


def case_documents(case: Case) -> list[Document]:
    """Every document of the case, oldest first."""
    citizen = str(case.citizen)
    entries = case.journal.select_related("author").order_by("occurred_at", "id")
    documents = [_from_entry(entry, citizen) for entry in entries]
    for row in CentreRequest.objects.filter(case=case).order_by("sent_at", "id"):
        documents += _from_request(row)
    return sorted(documents, key=lambda document: document.at)
