"""Writes to cases: register, change, close, reopen, follow-ups."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
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
    Outcome,
    RejectionGround,
    Theme,
)
from ombud.cases.rules import CaseFacts, case_rule_errors
from ombud.cases.services.citizens import citizen_create
from ombud.cases.services.references import reference_next
from ombud.cases.signals import cases_registered
from ombud.core.audit import audit_record, model_changes
from ombud.core.events import announce_on_commit
from ombud.core.models import AuditAction


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
    cases_registered_announce(actor=actor, municipality=municipality, case_ids=[case.pk])
    return case


def cases_registered_announce(
    *, actor: User | None, municipality: Municipality, case_ids: list[int], imported: bool = False
) -> None:
    """Tell the other apps, once committed, that new cases are in the register. `case_create`
    does it for every case it makes; the import, which inserts in bulk, does it once (with
    `imported=True`)."""
    announce_on_commit(
        cases_registered,
        sender=Case,
        municipality=municipality,
        case_ids=case_ids,
        actor=actor,
        imported=imported,
    )


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

    If the case breaks a rule, the new citizen is rolled back with it. Announced as
    `cases_registered` after commit, like every case `case_create` makes.
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


@transaction.atomic
def case_close(
    *,
    actor: User | None,
    case: Case,
    closed_on: dt.date | None = None,
    outcome: Outcome | None = None,
    close_follow_ups: bool = False,
) -> Case:
    """Close the case; with `close_follow_ups`, its open follow-up cases too, on the same date
    and in the same transaction (a follow-up that cannot be closed, e.g. a complaint without
    an outcome, stops it all with the follow-up's reference in the message)."""
    data = case_input_from(case)
    data.status = CaseStatus.CLOSED
    data.closed_on = closed_on or timezone.localdate()
    if outcome is not None:
        data.outcome = outcome
    closed = case_update(actor=actor, case=case, data=data)
    if close_follow_ups:
        for follow_up in case.follow_ups.exclude(status=CaseStatus.CLOSED).order_by("pk"):
            try:
                case_close(actor=actor, case=follow_up, closed_on=data.closed_on)
            except ValidationError as error:
                message = _("Follow-up case %(ref)s cannot be closed: %(why)s") % {
                    "ref": follow_up.reference,
                    "why": " ".join(error.messages),
                }
                raise ValidationError(message) from error
    return closed


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
