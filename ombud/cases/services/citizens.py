"""Writes to citizens: create, change, reveal a CPR number, log a look, merge duplicates."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.models import Case, Citizen
from ombud.core.audit import audit_record, model_changes
from ombud.core.crypto import field_blind_index, field_decrypt, field_encrypt
from ombud.core.models import AuditAction
from ombud.lib.cpr import InvalidCPRError, mask_cpr, normalise_cpr

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
    citizen.cpr_encrypted = field_encrypt(digits)
    citizen.cpr_index = field_blind_index(digits)
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
    return field_decrypt(bytes(citizen.cpr_encrypted))


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
