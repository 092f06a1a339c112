"""Writing audit events. Call inside the same transaction as the change it records.

The actor is any user and the municipality any row of the municipality table: core imports no
app (docs/architecture.md), so both are typed by what audit needs of them.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils import timezone

from ombud.core.bulk import bulk_insert_values
from ombud.core.models import AuditAction, AuditEvent


def _actor_name(actor: AbstractBaseUser | None) -> str:
    if actor is None:
        return "system"
    return actor.get_username()


def _actor_id(actor: AbstractBaseUser | None) -> Any:
    return actor.pk if actor is not None and actor.pk else None


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    municipality: models.Model | None,
    action: AuditAction | str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_ref: str = "",
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.model_name or ""
        object_ref = object_ref or _object_ref(obj)
    return AuditEvent.objects.create(
        municipality_id=municipality.pk if municipality is not None else None,
        actor_id=_actor_id(actor),
        actor_name=_actor_name(actor),
        action=action,
        object_type=object_type,
        object_ref=object_ref[:100],
        summary=summary[:500],
        changes=changes or {},
    )


def audit_record_many(
    *,
    actor: AbstractBaseUser | None,
    municipality: models.Model | None,
    action: AuditAction | str,
    objects: Iterable[models.Model],
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> int:
    """Bulk variant for imports: the rows go in as plain values, without model instances (an
    import writes one event per created row, and building instances cost more than the INSERT).
    Every row gets the same `changes`.
    """
    template = AuditEvent(
        municipality_id=municipality.pk if municipality is not None else None,
        actor_id=_actor_id(actor),
        actor_name=_actor_name(actor),
        action=action,
        summary=summary[:500],
        changes=changes or {},
        created_at=timezone.now(),
    )
    per_object = {
        "object_type": lambda obj: obj._meta.model_name or "",
        "object_ref": lambda obj: _object_ref(obj)[:100],
    }
    return bulk_insert_values(template, per_object, list(objects))


def _object_ref(obj: models.Model) -> str:
    for attr in ("reference", "public_id", "slug"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return str(obj.pk)


def model_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Field-by-field differences, as {field: [old, new]}, for the audit event."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
