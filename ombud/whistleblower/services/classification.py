"""The scheme's own categories and departments, and a handler's (re)classification of a report.

Entries are added, renamed, reordered and retired, never deleted: a report stores the entry's
key, so a retired entry still labels old reports and still counts in the statistics.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.models import Centre
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.whistleblower.models import (
    Category,
    Department,
    EventKind,
    Handler,
    Report,
    ReportCategory,
)
from ombud.whistleblower.models.lists import SchemeListItem
from ombud.whistleblower.services.common import ensure_open, event_add

ListModel = type[Category] | type[Department]


def categories_install_defaults(*, municipality: Municipality) -> int:
    """Give the municipality the built-in categories it lacks (by key). Idempotent."""
    existing = set(Category.objects.filter(municipality=municipality).values_list("key", flat=True))
    rows = [
        Category(municipality=municipality, key=key, order=order)
        for order, key in enumerate(ReportCategory.values)
        if key not in existing
    ]
    Category.objects.bulk_create(rows)
    return len(rows)


@dataclass(frozen=True)
class ListValues:
    label: str
    order: int = 0
    is_active: bool = True


def _check_labels(model: ListModel, municipality: Municipality) -> None:
    rows = list(model.objects.filter(municipality=municipality))
    labels = [r.display_label.strip().casefold() for r in rows]
    if len(labels) != len(set(labels)):
        raise ValidationError(_("Two entries have the same name."))
    if model is Category and not any(r.is_active for r in rows):
        raise ValidationError(_("At least one category must be offered in the form."))


def _list_update(
    model: ListModel,
    *,
    actor: User,
    municipality: Municipality,
    changes: list[tuple[SchemeListItem, ListValues]],
    new: list[ListValues],
) -> list[SchemeListItem]:
    saved: list[SchemeListItem] = []
    for item, values in changes:
        if item.municipality_id != municipality.pk or not isinstance(item, model):
            raise ValidationError(_("Unknown entry."))
        item.label, item.order, item.is_active = (
            values.label.strip(),
            values.order,
            values.is_active,
        )
        saved.append(item)
    last = model.objects.filter(municipality=municipality).aggregate(m=Max("order"))["m"] or 0
    for values in new:
        if not values.label.strip():
            raise ValidationError(_("A new entry needs a name."))
        last = values.order or last + 1
        item = model(
            municipality=municipality,
            key=f"{model.__name__[0].lower()}_{secrets.token_hex(4)}",
            label=values.label.strip(),
            order=last,
            is_active=values.is_active,
        )
        saved.append(item)
    for item in saved:
        if not item.label and item.key not in ReportCategory.values:
            # Only a built-in category may go without a name (it shows the standard text).
            raise ValidationError(_("Every entry needs a name."))
        item.full_clean()
        item.save()
    _check_labels(model, municipality)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        object_type="whistleblower",
        object_ref=f"whistleblower-{model.__name__.lower()}",
        summary=f"Whistleblower {model.__name__.lower()} list changed",
        changes={"entries": sorted(i.key for i in saved)},
    )
    return saved


@transaction.atomic
def categories_update(
    *,
    actor: User,
    municipality: Municipality,
    changes: list[tuple[SchemeListItem, ListValues]],
    new: list[ListValues] | None = None,
) -> list[SchemeListItem]:
    """Rename, reorder, retire or add categories. At least one stays offered in the form."""
    return _list_update(
        Category, actor=actor, municipality=municipality, changes=changes, new=new or []
    )


@transaction.atomic
def departments_update(
    *,
    actor: User,
    municipality: Municipality,
    changes: list[tuple[SchemeListItem, ListValues]],
    new: list[ListValues] | None = None,
) -> list[SchemeListItem]:
    """Rename, reorder, retire or add departments. Labels are required and unique."""
    return _list_update(
        Department, actor=actor, municipality=municipality, changes=changes, new=new or []
    )


@transaction.atomic
def departments_import_centres(*, actor: User, municipality: Municipality) -> int:
    """Copy the case register's active centres as departments (a snapshot, not a link), skipping
    names the scheme already has. Idempotent."""
    have = {
        d.label.strip().casefold() for d in Department.objects.filter(municipality=municipality)
    }
    centres = Centre.objects.filter(municipality=municipality, is_active=True)
    new = [
        ListValues(label=c.label)
        for c in centres.order_by("sort_order", "label")
        if c.label.strip().casefold() not in have
    ]
    if new:
        _list_update(Department, actor=actor, municipality=municipality, changes=[], new=new)
    return len(new)


def _known(model: ListModel, municipality_id: int, key: str) -> bool:
    return model.objects.filter(municipality_id=municipality_id, key=key).exists()


@transaction.atomic
def report_classify(*, actor: Handler, report: Report, category: str, department: str) -> bool:
    """A handler sets or corrects the category and department (during screening or later).

    Both are stored in the clear, so the history and the audit row may name the keys. Returns
    whether anything changed.
    """
    ensure_open(report)
    if not _known(Category, report.municipality_id, category):
        raise ValidationError(_("Unknown category."))
    if department and not _known(Department, report.municipality_id, department):
        raise ValidationError(_("Unknown department."))
    changes = {
        name: [getattr(report, name), value]
        for name, value in (("category", category), ("department", department))
        if getattr(report, name) != value
    }
    if not changes:
        return False
    report.category, report.department = category, department
    report.save(update_fields=["category", "department", "updated_at"])
    event_add(report, EventKind.CLASSIFIED, actor=actor)
    audit_record(
        actor=actor.user,
        municipality=report.municipality,
        action=AuditAction.UPDATE,
        obj=report,
        summary="Whistleblower report category or department changed",
        changes=changes,
    )
    return True
