"""The rules a case must satisfy, shared by the forms, the services and the import.

Each rule returns messages keyed by field name so a form can show them beside the field and an
import can report them by column. Kept free of database queries: callers pass resolved objects.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from ombud.cases.models import (
    CaseKind,
    CaseStatus,
    Centre,
    ExternalBody,
    HandlingType,
    RejectionGround,
    Theme,
)


@dataclass
class CaseFacts:
    kind: str
    opened_on: date | None
    closed_on: date | None = None
    status: str = CaseStatus.OPEN
    concerns_municipality: bool = True
    centre: Centre | None = None
    external_body: ExternalBody | None = None
    handling: HandlingType | None = None
    rejection_ground: RejectionGround | None = None
    themes: list[Theme] = field(default_factory=list)


Errors = dict[str, list[str]]


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def case_rule_errors(facts: CaseFacts, *, require_complete: bool = False) -> Errors:
    """Check a case. `require_complete` adds the rules for closing (and for imported rows)."""
    errors: Errors = {}
    if facts.kind not in CaseKind.values:
        _add(errors, "kind", _("Choose complaint or other inquiry."))
    if facts.opened_on is None:
        _add(errors, "opened_on", _("Enter the date the case was opened."))
    if facts.closed_on and facts.opened_on and facts.closed_on < facts.opened_on:
        _add(errors, "closed_on", _("The case cannot be closed before it was opened."))
    _check_target(facts, errors)
    _check_handling(facts, errors)
    closing = require_complete or facts.status == CaseStatus.CLOSED or facts.closed_on is not None
    if closing:
        _check_complete(facts, errors)
    return errors


def _check_target(facts: CaseFacts, errors: Errors) -> None:
    if facts.concerns_municipality:
        if facts.centre is None:
            _add(errors, "centre", _("Choose the centre the case concerns."))
        if facts.external_body is not None:
            _add(
                errors,
                "external_body",
                _("A case that concerns the municipality has no outside body."),
            )
    else:
        if facts.external_body is None:
            _add(errors, "external_body", _("Choose the outside body the case concerns."))
        if facts.centre is not None:
            _add(errors, "centre", _("A case about an outside body has no centre."))


def _check_handling(facts: CaseFacts, errors: Errors) -> None:
    handling = facts.handling
    if handling is not None and handling.applies_to != facts.kind:
        if facts.kind == CaseKind.COMPLAINT:
            message = _("'%(label)s' is a handling for other inquiries, not for complaints.")
        else:
            message = _("'%(label)s' is a handling for complaints, not for other inquiries.")
        _add(errors, "handling", message % {"label": handling.label})
    is_rejection = bool(handling and handling.is_rejection)
    if is_rejection and facts.rejection_ground is None:
        _add(errors, "rejection_ground", _("A rejected complaint needs a rejection ground."))
    if not is_rejection and facts.rejection_ground is not None:
        _add(
            errors,
            "rejection_ground",
            _("A rejection ground is only given when the handling is a rejection."),
        )


def _check_complete(facts: CaseFacts, errors: Errors) -> None:
    if facts.handling is None:
        _add(errors, "handling", _("Choose how the case was handled."))
    if facts.kind == CaseKind.COMPLAINT and not facts.themes:
        _add(errors, "themes", _("A complaint needs at least one complaint theme."))
