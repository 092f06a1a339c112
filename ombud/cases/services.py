"""Writes to citizens, cases and the journal. Each write is audited in the same transaction."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Centre,
    Channel,
    Citizen,
    ExternalBody,
    HandlingType,
    JournalDirection,
    JournalEntry,
    JournalKind,
    Outcome,
    ReferenceCounter,
    RejectionGround,
    Theme,
)
from ombud.cases.rules import CaseFacts, case_rule_errors
from ombud.core.audit import audit_record, model_changes
from ombud.core.crypto import blind_index, decrypt_text, encrypt_text
from ombud.core.models import AuditAction
from ombud.lib.cpr import InvalidCPRError, mask_cpr, normalise_cpr

# ---------------------------------------------------------------------------------------------
# Citizens

CITIZEN_FIELDS = (
    "name",
    "email",
    "phone",
    "address",
    "external_key",
    "representative_name",
    "representative_relation",
    "power_of_attorney_date",
    "consent_to_contact",
    "consent_date",
    "consent_scope",
    "notes",
)


def _set_cpr(citizen: Citizen, cpr: str | None) -> None:
    if cpr is None:
        return
    if cpr.strip() == "":
        citizen.cpr_encrypted, citizen.cpr_index, citizen.cpr_masked = None, "", ""
        return
    try:
        digits = normalise_cpr(cpr)
    except InvalidCPRError:
        raise ValidationError(
            {"cpr": _("Enter the CPR number as ten digits, e.g. 010190-1234.")}
        ) from None
    citizen.cpr_encrypted = encrypt_text(digits)
    citizen.cpr_index = blind_index(digits)
    citizen.cpr_masked = mask_cpr(digits)


def _citizen_snapshot(citizen: Citizen) -> dict[str, Any]:
    data = {name: getattr(citizen, name) for name in CITIZEN_FIELDS}
    data["cpr"] = citizen.cpr_masked  # never the number itself
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}


@transaction.atomic
def citizen_create(
    *, actor: User | None, municipality: Municipality, cpr: str | None = None, **fields: Any
) -> Citizen:
    unknown = set(fields) - set(CITIZEN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown citizen fields: {sorted(unknown)}")
    citizen = Citizen(municipality=municipality, **fields)
    _set_cpr(citizen, cpr)
    citizen.full_clean(exclude=["municipality"])
    citizen.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=citizen,
        summary="Citizen created",
    )
    return citizen


@transaction.atomic
def citizen_update(
    *, actor: User | None, citizen: Citizen, cpr: str | None = None, **fields: Any
) -> Citizen:
    before = _citizen_snapshot(citizen)
    for name, value in fields.items():
        if name not in CITIZEN_FIELDS:
            raise TypeError(f"Unknown citizen field: {name}")
        setattr(citizen, name, value)
    _set_cpr(citizen, cpr)
    citizen.full_clean(exclude=["municipality"])
    citizen.save()
    changes = model_changes(before, _citizen_snapshot(citizen))
    if changes:
        audit_record(
            actor=actor,
            municipality=citizen.municipality,
            action=AuditAction.UPDATE,
            obj=citizen,
            summary="Citizen changed",
            changes=changes,
        )
    return citizen


@transaction.atomic
def citizen_reveal_cpr(*, actor: User, citizen: Citizen) -> str:
    """Decrypt a CPR number for display. Every call is audit-logged."""
    if not citizen.cpr_encrypted:
        return ""
    audit_record(
        actor=actor,
        municipality=citizen.municipality,
        action=AuditAction.VIEW_CPR,
        obj=citizen,
        summary="CPR number shown",
    )
    return decrypt_text(bytes(citizen.cpr_encrypted))


def citizen_log_identity_view(*, actor: User, citizen: Citizen) -> None:
    """Record that a user opened a citizen's identity (name, contact details)."""
    audit_record(
        actor=actor,
        municipality=citizen.municipality,
        action=AuditAction.VIEW_IDENTITY,
        obj=citizen,
        summary="Citizen record opened",
    )


@transaction.atomic
def citizen_merge(*, actor: User, keep: Citizen, merge: Citizen) -> Citizen:
    """Move every case of `merge` onto `keep`, fill gaps in `keep`, and retire `merge`."""
    if keep.pk == merge.pk:
        raise ValidationError(_("A record cannot be merged with itself."))
    if keep.municipality_id != merge.municipality_id:
        raise ValidationError(_("Only records in the same municipality can be merged."))
    if keep.merged_into_id or merge.merged_into_id:
        raise ValidationError(_("One of the records has already been merged."))
    moved = Case.objects.filter(citizen=merge).update(citizen=keep, updated_at=timezone.now())
    for name in CITIZEN_FIELDS:
        if name != "external_key" and not getattr(keep, name) and getattr(merge, name):
            setattr(keep, name, getattr(merge, name))
    if not keep.cpr_encrypted and merge.cpr_encrypted:
        keep.cpr_encrypted, keep.cpr_index = merge.cpr_encrypted, merge.cpr_index
        keep.cpr_masked = merge.cpr_masked
    merge.merged_into = keep
    # The exchange key follows the person when the kept record has none, so a later import with
    # that key lands on the kept record. (A key must be unique, so it is cleared on `merge` first.)
    moved_key = ""
    if not keep.external_key and merge.external_key:
        moved_key, merge.external_key = merge.external_key, ""
    merge.save(update_fields=["merged_into", "external_key", "updated_at"])
    keep.external_key = keep.external_key or moved_key
    keep.save()
    audit_record(
        actor=actor,
        municipality=keep.municipality,
        action=AuditAction.MERGE,
        obj=keep,
        summary=f"Citizen {merge.public_id} merged into this record; {moved} cases moved",
        changes={"merged": str(merge.public_id), "cases_moved": moved},
    )
    # Also recorded on the duplicate, so the audit log finds the merge from either record.
    audit_record(
        actor=actor,
        municipality=keep.municipality,
        action=AuditAction.MERGE,
        obj=merge,
        summary=f"Citizen merged into {keep.public_id}",
        changes={"merged_into": str(keep.public_id), "cases_moved": moved},
    )
    return keep


# ---------------------------------------------------------------------------------------------
# References


def reference_next(*, municipality: Municipality, year: int) -> str:
    """Hand out the next free reference for the year, e.g. 2026-0042. Call inside a transaction.

    The counter row is locked (PostgreSQL) or the write lock is held (SQLite), so two advisors
    registering at once never get the same number. Imported references are skipped over.
    """
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
        municipality=municipality, year=year
    )
    number = max(counter.last_number, _highest_used(municipality, year)) + 1
    counter.last_number = number
    counter.save(update_fields=["last_number"])
    return f"{year}-{number:04d}"


def _highest_used(municipality: Municipality, year: int) -> int:
    prefix = f"{year}-"
    highest = 0
    refs = Case.objects.filter(municipality=municipality, reference__startswith=prefix)
    # Only the numeric tail counts; a foreign reference like 2021-A7 is ignored.
    for ref in refs.order_by().values_list("reference", flat=True):
        tail = ref[len(prefix) :]
        if tail.isdigit():
            highest = max(highest, int(tail))
    return highest


def reference_counter_sync(*, municipality: Municipality) -> None:
    """After an import, move each year's counter past the highest imported number."""
    years = (
        Case.objects.filter(municipality=municipality)
        .order_by()  # the default ordering would make DISTINCT return one row per case
        .values_list("opened_on__year", flat=True)
        .distinct()
    )
    for year in years:
        counter, _ = ReferenceCounter.objects.get_or_create(municipality=municipality, year=year)
        highest = _highest_used(municipality, year)
        if highest > counter.last_number:
            counter.last_number = highest
            counter.save(update_fields=["last_number"])


# ---------------------------------------------------------------------------------------------
# Cases


@dataclass
class CaseInput:
    """What a user enters for a case. Objects must belong to the case's municipality."""

    kind: str
    citizen: Citizen
    opened_on: dt.date
    concerns_municipality: bool = True
    centre: Centre | None = None
    external_body: ExternalBody | None = None
    channel: Channel | None = None
    themes: list[Theme] = field(default_factory=list)
    handling: HandlingType | None = None
    rejection_ground: RejectionGround | None = None
    outcome: Outcome | None = None
    status: str = CaseStatus.OPEN
    closed_on: dt.date | None = None
    handler: User | None = None
    summary: str = ""


def _check_ownership(municipality: Municipality, data: CaseInput) -> None:
    owned = [
        data.citizen,
        data.centre,
        data.external_body,
        data.channel,
        data.handling,
        data.rejection_ground,
        data.outcome,
        *data.themes,
    ]
    for obj in owned:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise ValidationError(_("A chosen value belongs to another municipality."))


def _validate(data: CaseInput) -> None:
    if data.status == CaseStatus.CLOSED and data.closed_on is None:
        data.closed_on = timezone.localdate()
    if data.status != CaseStatus.CLOSED:
        data.closed_on = None
    facts = CaseFacts(
        kind=data.kind,
        opened_on=data.opened_on,
        closed_on=data.closed_on,
        status=data.status,
        concerns_municipality=data.concerns_municipality,
        centre=data.centre,
        external_body=data.external_body,
        handling=data.handling,
        rejection_ground=data.rejection_ground,
        themes=list(data.themes),
    )
    errors = case_rule_errors(facts)
    if errors:
        raise ValidationError(errors)


def _apply(case: Case, data: CaseInput) -> None:
    for name in (
        "kind",
        "citizen",
        "opened_on",
        "concerns_municipality",
        "centre",
        "external_body",
        "channel",
        "handling",
        "rejection_ground",
        "outcome",
        "status",
        "closed_on",
        "handler",
        "summary",
    ):
        setattr(case, name, getattr(data, name))
    if case.kind == CaseKind.INQUIRY:
        # Outcomes (medhold …) describe complaints only.
        case.outcome = None


def _case_snapshot(case: Case) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in ("kind", "opened_on", "closed_on", "status", "concerns_municipality", "summary"):
        value = getattr(case, name)
        data[name] = value.isoformat() if isinstance(value, dt.date) else value
    for name in (
        "citizen",
        "centre",
        "external_body",
        "channel",
        "handling",
        "rejection_ground",
        "outcome",
        "handler",
        "main_case",
    ):
        related = getattr(case, name)
        data[name] = (
            str(related.public_id)
            if name == "citizen" and related
            else (str(related) if related else None)
        )
    if case.pk:
        data["themes"] = sorted(t.label for t in case.themes.all())
    return data


@transaction.atomic
def case_create(
    *,
    actor: User | None,
    municipality: Municipality,
    data: CaseInput,
    main_case: Case | None = None,
    reference: str | None = None,
) -> Case:
    _check_ownership(municipality, data)
    _validate(data)
    if main_case is not None:
        main_case = _main_case_for(municipality, main_case)
    case = Case(municipality=municipality, main_case=main_case)
    _apply(case, data)
    case.reference = reference or reference_next(
        municipality=municipality, year=data.opened_on.year
    )
    case.full_clean(exclude=["municipality", "citizen", "main_case"])
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        raise ValidationError(
            {"reference": _("The reference %(ref)s is already in use.") % {"ref": case.reference}}
        ) from None
    case.themes.set(data.themes)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=case,
        summary="Follow-up case created" if main_case else "Case created",
        changes=_case_snapshot(case),
    )
    return case


@transaction.atomic
def case_register(
    *,
    actor: User | None,
    municipality: Municipality,
    data: CaseInput,
    new_citizen: dict[str, Any] | None = None,
    main_case: Case | None = None,
) -> Case:
    """Create a case, and its citizen first when `new_citizen` is given, in one transaction.

    If the case breaks a rule, the new citizen is rolled back with it.
    """
    if new_citizen is not None:
        data.citizen = citizen_create(actor=actor, municipality=municipality, **new_citizen)
    return case_create(actor=actor, municipality=municipality, data=data, main_case=main_case)


def _main_case_for(municipality: Municipality, main_case: Case) -> Case:
    if main_case.municipality_id != municipality.pk:
        raise ValidationError(_("The main case belongs to another municipality."))
    # Follow-ups hang off the main case, never off another follow-up.
    return main_case.main_case if main_case.main_case_id else main_case  # type: ignore[return-value]


@transaction.atomic
def case_update(*, actor: User | None, case: Case, data: CaseInput) -> Case:
    _check_ownership(case.municipality, data)
    _validate(data)
    before = _case_snapshot(case)
    _apply(case, data)
    case.full_clean(exclude=["municipality", "citizen", "main_case"])
    case.save()
    case.themes.set(data.themes)
    changes = model_changes(before, _case_snapshot(case))
    if changes:
        audit_record(
            actor=actor,
            municipality=case.municipality,
            action=AuditAction.UPDATE,
            obj=case,
            summary="Case changed",
            changes=changes,
        )
    return case


def case_input_from(case: Case) -> CaseInput:
    """The case's current values, as a starting point for an edit or a follow-up."""
    return CaseInput(
        kind=case.kind,
        citizen=case.citizen,
        opened_on=case.opened_on,
        concerns_municipality=case.concerns_municipality,
        centre=case.centre,
        external_body=case.external_body,
        channel=case.channel,
        themes=list(case.themes.all()),
        handling=case.handling,
        rejection_ground=case.rejection_ground,
        outcome=case.outcome,
        status=case.status,
        closed_on=case.closed_on,
        handler=case.handler,
        summary=case.summary,
    )


def case_close(
    *,
    actor: User | None,
    case: Case,
    closed_on: dt.date | None = None,
    outcome: Outcome | None = None,
) -> Case:
    data = case_input_from(case)
    data.status = CaseStatus.CLOSED
    data.closed_on = closed_on or timezone.localdate()
    if outcome is not None:
        data.outcome = outcome
    return case_update(actor=actor, case=case, data=data)


def case_reopen(*, actor: User | None, case: Case) -> Case:
    data = case_input_from(case)
    data.status = CaseStatus.OPEN
    return case_update(actor=actor, case=case, data=data)


def follow_up_initial(main_case: Case) -> CaseInput:
    """A follow-up shares citizen, kind, channel, target and handler with its main case."""
    data = case_input_from(main_case)
    data.themes, data.handling, data.rejection_ground, data.outcome = [], None, None, None
    data.status, data.closed_on, data.summary = CaseStatus.OPEN, None, ""
    data.opened_on = timezone.localdate() if main_case.is_closed else main_case.opened_on
    return data


# ---------------------------------------------------------------------------------------------
# Journal

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
