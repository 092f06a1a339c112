"""Writes to the per-municipality taxonomy: default set-up, add, rename, retire."""

from typing import Any

from django.db import transaction

from ombud.accounts.models import Municipality, User
from ombud.cases import defaults
from ombud.cases.models import (
    CaseKind,
    Centre,
    Channel,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    TaxonomyEntry,
    Theme,
    ThemeGroup,
)
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction


def _install(
    model: type[TaxonomyEntry], municipality: Municipality, rows: list[dict[str, Any]]
) -> None:
    """Bulk-create the rows whose label (case-insensitive, per group for themes) is missing."""

    def key(group_id: object, label: str) -> tuple[object, str]:
        return (group_id, label.casefold())

    scope = model.objects.filter(municipality=municipality)
    existing = {key(getattr(e, "group_id", None), e.label) for e in scope}
    missing = [
        model(municipality=municipality, **row)
        for row in rows
        if key(getattr(row.get("group"), "pk", None), row["label"]) not in existing
    ]
    model.objects.bulk_create(missing)


@transaction.atomic
def taxonomy_install_defaults(*, municipality: Municipality) -> None:
    """Fill a municipality with the Danish defaults. Idempotent: existing labels stay."""
    m = municipality
    _install(
        Centre,
        m,
        [
            {"label": label, "chief_email": email, "sort_order": i}
            for i, (label, email) in enumerate(defaults.CENTRES)
        ],
    )
    _install(
        ExternalBody,
        m,
        [{"label": label, "sort_order": i} for i, label in enumerate(defaults.EXTERNAL_BODIES)],
    )
    _install(
        ThemeGroup,
        m,
        [{"label": label, "sort_order": i} for i, label in enumerate(defaults.THEMES)],
    )
    groups = {g.label.casefold(): g for g in ThemeGroup.objects.filter(municipality=m)}
    _install(
        Theme,
        m,
        [
            {"label": label, "group": groups[group_label.casefold()], "sort_order": i}
            for group_label, themes in defaults.THEMES.items()
            for i, label in enumerate(themes)
        ],
    )
    handling = [
        {
            "label": label,
            "applies_to": CaseKind.COMPLAINT,
            "is_rejection": rejection,
            "sort_order": i,
        }
        for i, (label, rejection) in enumerate(defaults.COMPLAINT_HANDLING)
    ]
    handling += [
        {"label": label, "applies_to": CaseKind.INQUIRY, "sort_order": i}
        for i, label in enumerate(defaults.INQUIRY_HANDLING)
    ]
    for kind in CaseKind.values:
        existing = {
            h.label.casefold() for h in HandlingType.objects.filter(municipality=m, applies_to=kind)
        }
        HandlingType.objects.bulk_create(
            [
                HandlingType(municipality=m, **row)
                for row in handling
                if row["applies_to"] == kind and str(row["label"]).casefold() not in existing
            ]
        )
    _install(
        RejectionGround,
        m,
        [{"label": label, "sort_order": i} for i, label in enumerate(defaults.REJECTION_GROUNDS)],
    )
    _install(
        Outcome, m, [{"label": label, "sort_order": i} for i, label in enumerate(defaults.OUTCOMES)]
    )
    _install(
        Channel,
        m,
        [
            {"label": label, "code": code, "sort_order": i}
            for i, (label, code) in enumerate(defaults.CHANNELS)
        ],
    )


@transaction.atomic
def municipality_create(
    *, slug: str, name: str, actor: User | None = None
) -> tuple[Municipality, bool]:
    """Create a municipality with the default taxonomy. Idempotent on the slug."""
    municipality, created = Municipality.objects.get_or_create(slug=slug, defaults={"name": name})
    if created:
        taxonomy_install_defaults(municipality=municipality)
        audit_record(
            actor=actor,
            municipality=municipality,
            action=AuditAction.CREATE,
            obj=municipality,
            summary=f"Municipality {name} created",
        )
    return municipality, created
