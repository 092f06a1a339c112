"""The municipality's data-protection settings."""

from django.db import transaction

from ombud.accounts.models import Municipality, User
from ombud.accounts.services import municipality_accessibility_url_set
from ombud.core.audit import audit_record, model_changes
from ombud.core.models import AuditAction
from ombud.records.selectors import records_settings_get


@transaction.atomic
def records_settings_save(
    *,
    actor: User,
    municipality: Municipality,
    retention_years: int,
    accessibility_url: str,
    extract_staff_names: bool = False,
) -> None:
    row = records_settings_get(municipality)
    names = ("retention_years", "extract_staff_names")
    before = {name: getattr(row, name) for name in names} if row.pk else {}
    row.retention_years = retention_years
    row.extract_staff_names = extract_staff_names
    row.full_clean()
    row.save()
    changes = model_changes(before, {name: getattr(row, name) for name in names})
    if changes:
        audit_record(
            actor=actor,
            municipality=municipality,
            action=AuditAction.UPDATE,
            obj=row,
            summary="Data protection settings changed",
            changes=changes,
        )
    municipality_accessibility_url_set(
        actor=actor, municipality=municipality, url=accessibility_url
    )
