"""Writes for records and data protection."""

from django.db import transaction

from ombud.accounts.models import Municipality, User
from ombud.accounts.services import municipality_accessibility_url_set
from ombud.core.audit import audit_record, model_changes
from ombud.core.models import AuditAction
from ombud.records.selectors import records_settings_get


@transaction.atomic
def records_settings_save(
    *, actor: User, municipality: Municipality, retention_years: int, accessibility_url: str
) -> None:
    row = records_settings_get(municipality)
    before = {"retention_years": row.retention_years if row.pk else None}
    row.retention_years = retention_years
    row.full_clean()
    row.save()
    changes = model_changes(before, {"retention_years": retention_years})
    if changes:
        audit_record(
            actor=actor,
            municipality=municipality,
            action=AuditAction.UPDATE,
            obj=row,
            summary="Retention period changed",
            changes=changes,
        )
    municipality_accessibility_url_set(
        actor=actor, municipality=municipality, url=accessibility_url
    )
