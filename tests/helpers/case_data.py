"""Helpers that set up cases through the real services (so audit rows exist)."""

import datetime as dt
from typing import Any

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
from ombud.cases.services import CaseInput, case_create, citizen_create
from tests.helpers.personas import Personas


def centre(municipality: Municipality, label: str = "Center for Voksne og Velfærd") -> Centre:
    return Centre.objects.get(municipality=municipality, label=label)


def external_body(municipality: Municipality, label: str = "Udbetaling Danmark") -> ExternalBody:
    return ExternalBody.objects.get(municipality=municipality, label=label)


def theme(municipality: Municipality, label: str = "Sagsbehandlingstid") -> Theme:
    return Theme.objects.get(municipality=municipality, label=label)


def handling(municipality: Municipality, label: str = "Styrket dialog") -> HandlingType:
    return HandlingType.objects.get(municipality=municipality, label=label)


def rejection_ground(municipality: Municipality) -> RejectionGround:
    return RejectionGround.objects.filter(municipality=municipality).first()  # type: ignore[return-value]


def outcome(municipality: Municipality, label: str = "Medhold") -> Outcome:
    return Outcome.objects.get(municipality=municipality, label=label)


def channel(municipality: Municipality, code: str = "phone") -> Channel:
    return Channel.objects.get(municipality=municipality, code=code)


def citizen(municipality: Municipality, name: str = "Anna Andersen", **fields: Any) -> Citizen:
    return citizen_create(actor=None, municipality=municipality, name=name, **fields)


def make_case(
    municipality: Municipality,
    *,
    actor: User | None = None,
    main_case: Case | None = None,
    **overrides: Any,
) -> Case:
    """A valid open complaint about the first default centre, changed by `overrides`."""
    values: dict[str, Any] = {
        "kind": CaseKind.COMPLAINT,
        "opened_on": dt.date(2026, 3, 2),
        "centre": centre(municipality),
        "themes": [theme(municipality)],
        "handling": handling(municipality),
    }
    values.update(overrides)
    if "citizen" not in values:
        values["citizen"] = citizen(municipality)
    return case_create(
        actor=actor, municipality=municipality, data=CaseInput(**values), main_case=main_case
    )


def case_form(personas: Personas, **overrides: Any) -> dict[str, Any]:
    """The case form's fields for an open complaint in Ishøj, changed by `overrides`."""
    m = personas.ishoj
    data: dict[str, Any] = {
        "citizen": str(citizen(m, "Karen Jensen").public_id),
        "citizen_query": "Karen Jensen",
        "kind": CaseKind.COMPLAINT,
        "channel": channel(m).pk,
        "concerns_municipality": "yes",
        "centre": centre(m).pk,
        "themes": [theme(m).pk],
        "handling": handling(m).pk,
        "summary": "Venter på svar om hjælpemiddel",
        "status": CaseStatus.OPEN,
        "opened_on": "27-11-2026",
        "handler": str(personas.advisor.public_id),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
