"""Data-subject requests: registration with the one-month clock, one extension of up to two
months with a reason and a letter, and the decision with its ground (GDPR art. 12(3), 15-21)."""

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.models import Case, Citizen, JournalKind
from ombud.cases.services import journal_add
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.records.extract import extract_collect, extract_zip
from ombud.records.models import DataRequest, RequestKind, RequestOutcome
from ombud.records.services.anonymise import citizen_erase

MAX_EXTENSION_MONTHS = 2


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31-01 + 1 = 28-02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _audit(actor: User, row: DataRequest, summary: str, changes: Mapping[str, object]) -> None:
    audit_record(
        actor=actor,
        municipality=row.municipality,
        action=AuditAction.UPDATE if row.pk else AuditAction.CREATE,
        obj=row,
        summary=summary,
        changes=dict(changes),
    )


@transaction.atomic
def data_request_register(
    *,
    actor: User,
    municipality: Municipality,
    citizen: Citizen,
    kind: str,
    received_on: dt.date,
    description: str = "",
) -> DataRequest:
    if citizen.municipality_id != municipality.pk:
        raise ValidationError(_("The citizen is not in this municipality's register."))
    row = DataRequest(
        municipality=municipality,
        citizen=citizen,
        kind=kind,
        received_on=received_on,
        description=description,
        deadline=months_later(received_on, 1),
        registered_by=actor,
    )
    row.full_clean()
    row.save()
    _audit(actor, row, "Data-subject request registered", {"kind": kind})
    return row


def _must_be_open(row: DataRequest) -> None:
    if not row.is_open:
        raise ValidationError(_("The request has been decided and can no longer be changed."))


@transaction.atomic
def data_request_extend(
    *, actor: User, data_request: DataRequest, months: int, reason: str, letter: str
) -> DataRequest:
    """Art. 12(3): once, by at most two months, telling the citizen why within the first month."""
    row = data_request
    _must_be_open(row)
    if row.extended_to is not None:
        raise ValidationError(_("The deadline has already been extended once."))
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise ValidationError({"months": _("Extend by one or two months.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Write why more time is needed.")})
    if not letter.strip():
        raise ValidationError({"letter": _("Write the letter to the citizen.")})
    row.extended_to = months_later(row.deadline, months)
    row.extension_reason, row.extension_letter = reason, letter
    row.save(update_fields=["extended_to", "extension_reason", "extension_letter", "updated_at"])
    changes = {"extended_to": row.extended_to.isoformat(), "reason": reason}
    _audit(actor, row, "Data-subject request deadline extended", changes)
    return row


@dataclass(frozen=True)
class Decision:
    outcome: str
    ground: str = ""
    # Rectification: the correction note, and the case whose journal gets it.
    correction: str = ""
    case: Case | None = None


def _check(row: DataRequest, decision: Decision) -> None:
    errors: dict[str, str] = {}
    if decision.outcome != RequestOutcome.GRANTED and not decision.ground.strip():
        errors["ground"] = _("Write the ground for refusing all or part of the request.")
    fixes = row.kind == RequestKind.RECTIFICATION and decision.outcome != RequestOutcome.REFUSED
    if fixes and not decision.correction.strip():
        errors["correction"] = _("Write the correction note.")
    if fixes and decision.case is None:
        errors["case"] = _("Choose the case whose journal gets the correction note.")
    if decision.case is not None and decision.case.citizen_id != row.citizen_id:
        errors["case"] = _("Choose one of the citizen's own cases.")
    if errors:
        raise ValidationError(errors)


def _carry_out(actor: User, row: DataRequest, decision: Decision) -> None:
    granted = decision.outcome != RequestOutcome.REFUSED
    if row.kind == RequestKind.RECTIFICATION and granted and decision.case is not None:
        # Art. 16 by adding, never rewriting: the wrong data stay, with the correction beside.
        journal_add(
            actor=actor,
            case=decision.case,
            kind=JournalKind.NOTE,
            subject=_("Correction (GDPR art. 16)"),
            body=decision.correction,
        )
    if row.kind == RequestKind.ERASURE and decision.outcome == RequestOutcome.GRANTED:
        citizen_erase(actor=actor, citizen=row.citizen, data_request=row)


@transaction.atomic
def data_request_decide(*, actor: User, data_request: DataRequest, decision: Decision) -> None:
    """Record the decision and its ground, and carry it out: a rectification adds a correction
    note; a granted erasure anonymises the citizen and their cases. An erasure refused under art.
    17(3)(b) (the duty to keep a journal) is recorded with that ground and changes nothing."""
    row = data_request
    _must_be_open(row)
    _check(row, decision)
    _carry_out(actor, row, decision)
    row.outcome, row.ground = decision.outcome, decision.ground
    row.decided_on, row.decided_by = timezone.localdate(), actor
    row.save(update_fields=["outcome", "ground", "decided_on", "decided_by", "updated_at"])
    changes = {"outcome": decision.outcome, "ground": decision.ground}
    _audit(actor, row, "Data-subject request decided", changes)


@transaction.atomic
def citizen_extract_write(*, actor: User | None, citizen: Citizen, output: IO[bytes]) -> list[str]:
    """Write the citizen's access extract (ZIP) to `output`; audit-logged, as it shows the CPR
    number. Returns the files that could not be read."""
    missing = extract_zip(extract_collect(citizen), output)
    audit_record(
        actor=actor,
        municipality=citizen.municipality,
        action=AuditAction.EXPORT,
        obj=citizen,
        summary="Access extract made (GDPR art. 15)",
    )
    return missing
