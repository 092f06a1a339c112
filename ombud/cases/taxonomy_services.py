"""Writes to the per-municipality taxonomy: default set-up, add, rename, retire."""

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
    Theme,
    ThemeGroup,
)
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction


@transaction.atomic
def taxonomy_install_defaults(*, municipality: Municipality) -> None:
    """Fill an empty municipality with the Danish defaults. Idempotent: existing labels stay."""
    for i, (label, email) in enumerate(defaults.CENTRES):
        Centre.objects.get_or_create(
            municipality=municipality,
            label__iexact=label,
            defaults={"label": label, "chief_email": email, "sort_order": i},
        )
    for i, label in enumerate(defaults.EXTERNAL_BODIES):
        ExternalBody.objects.get_or_create(
            municipality=municipality,
            label__iexact=label,
            defaults={"label": label, "sort_order": i},
        )
    for g, (group_label, themes) in enumerate(defaults.THEMES.items()):
        group, _ = ThemeGroup.objects.get_or_create(
            municipality=municipality,
            label__iexact=group_label,
            defaults={"label": group_label, "sort_order": g},
        )
        for t, theme_label in enumerate(themes):
            Theme.objects.get_or_create(
                municipality=municipality,
                group=group,
                label__iexact=theme_label,
                defaults={"label": theme_label, "sort_order": t},
            )
    for i, (label, is_rejection) in enumerate(defaults.COMPLAINT_HANDLING):
        HandlingType.objects.get_or_create(
            municipality=municipality,
            applies_to=CaseKind.COMPLAINT,
            label__iexact=label,
            defaults={"label": label, "is_rejection": is_rejection, "sort_order": i},
        )
    for i, label in enumerate(defaults.INQUIRY_HANDLING):
        HandlingType.objects.get_or_create(
            municipality=municipality,
            applies_to=CaseKind.INQUIRY,
            label__iexact=label,
            defaults={"label": label, "sort_order": i},
        )
    for i, label in enumerate(defaults.REJECTION_GROUNDS):
        RejectionGround.objects.get_or_create(
            municipality=municipality,
            label__iexact=label,
            defaults={"label": label, "sort_order": i},
        )
    for i, label in enumerate(defaults.OUTCOMES):
        Outcome.objects.get_or_create(
            municipality=municipality,
            label__iexact=label,
            defaults={"label": label, "sort_order": i},
        )
    for i, (label, code) in enumerate(defaults.CHANNELS):
        Channel.objects.get_or_create(
            municipality=municipality,
            label__iexact=label,
            defaults={"label": label, "code": code, "sort_order": i},
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
