"""Writes to a case's journal: notes, letters and uploaded documents (checked on the way in)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import User
from ombud.cases.models import Case, JournalDirection, JournalEntry, JournalKind
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction

ALLOWED_UPLOAD_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
    "rtf": "application/rtf",
    "eml": "message/rfc822",
    "msg": "application/vnd.ms-outlook",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "heic": "image/heic",
}
# Magic numbers checked for the types a browser can be fooled into rendering or running.
_MAGIC = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
}


def upload_check(upload: "UploadedFile[bytes]") -> str:
    """Return the file's content type, or raise a ValidationError a user understands."""
    name = upload.name or ""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ALLOWED_UPLOAD_TYPES:
        allowed = ", ".join(sorted(ALLOWED_UPLOAD_TYPES))
        raise ValidationError(
            {
                "attachment": _("Files of this type cannot be uploaded. Allowed: %(types)s.")
                % {"types": allowed}
            }
        )
    limit = settings.OMBUD_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "attachment": _("The file is too large. The limit is %(mb)d MB.")
                % {"mb": limit // (1024 * 1024)}
            }
        )
    if upload.size == 0:
        raise ValidationError({"attachment": _("The file is empty.")})
    head = upload.read(8)
    upload.seek(0)
    magic = _MAGIC.get(suffix)
    if magic and not head.startswith(magic):
        raise ValidationError(
            {
                "attachment": _("The file's content does not match its name (.%(suffix)s).")
                % {"suffix": suffix}
            }
        )
    return ALLOWED_UPLOAD_TYPES[suffix]


@transaction.atomic
def journal_add(
    *,
    actor: User | None,
    case: Case,
    kind: str,
    direction: str = JournalDirection.INTERNAL,
    occurred_at: dt.datetime | None = None,
    subject: str = "",
    body: str = "",
    attachment: "UploadedFile[bytes] | None" = None,
) -> JournalEntry:
    entry = JournalEntry(
        case=case,
        kind=kind,
        direction=direction,
        occurred_at=occurred_at or timezone.now(),
        subject=subject,
        body=body,
        author=actor,
    )
    if attachment is not None:
        entry.attachment_type = upload_check(attachment)
        entry.attachment_name = (attachment.name or "")[:255]
        entry.attachment_size = attachment.size
        entry.attachment = attachment
    if kind == JournalKind.DOCUMENT and attachment is None:
        raise ValidationError({"attachment": _("Choose a file to upload.")})
    if not (subject or body or attachment):
        raise ValidationError({"body": _("Write something or attach a file.")})
    entry.full_clean(exclude=["case", "author", "attachment"])
    entry.save()
    audit_record(
        actor=actor,
        municipality=case.municipality,
        action=AuditAction.CREATE,
        obj=case,
        object_type="journalentry",
        summary=f"Journal entry added ({entry.kind}, {entry.direction})",
    )
    return entry
