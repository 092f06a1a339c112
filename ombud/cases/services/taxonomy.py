"""Writes to the per-municipality taxonomy: default set-up, add, rename, retire, reorder."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases import defaults
from ombud.cases.models import (
    Case,
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
from ombud.core.audit import audit_record, audit_record_many, model_changes
from ombud.core.models import AuditAction

EntryT = TypeVar("EntryT", bound=TaxonomyEntry)


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


# ---------------------------------------------------------------------------------------------
# Editing entries. Entries are retired, not deleted, once a case uses them: old cases and old
# statistics keep their foreign key, and a rename shows everywhere (the audit log keeps the old
# label).

# Which field of Case points at each kind of entry (ThemeGroup is reached through its themes).
_CASE_FIELD: dict[type[TaxonomyEntry], str] = {
    Centre: "centre",
    ExternalBody: "external_body",
    Theme: "themes",
    HandlingType: "handling",
    RejectionGround: "rejection_ground",
    Outcome: "outcome",
    Channel: "channel",
}
EDITABLE_FIELDS: dict[type[TaxonomyEntry], tuple[str, ...]] = {
    Centre: ("chief_name", "chief_email"),
    Theme: ("group",),
    HandlingType: ("is_rejection",),
    Channel: ("code",),
}


def _siblings(entry: TaxonomyEntry) -> QuerySet[Any]:
    """The list the entry is ordered and named uniquely within."""
    scope: dict[str, Any] = {"municipality_id": entry.municipality_id}
    if isinstance(entry, Theme):
        scope["group_id"] = entry.group_id
    if isinstance(entry, HandlingType):
        scope["applies_to"] = entry.applies_to
    return type(entry).objects.filter(**scope)


def _check_unique(entry: TaxonomyEntry) -> None:
    others = _siblings(entry).exclude(pk=entry.pk)
    if others.filter(label__iexact=entry.label.strip()).exists():
        raise ValidationError(
            {"label": _("An entry called “%(label)s” already exists.") % {"label": entry.label}}
        )
    if isinstance(entry, Channel) and entry.code and others.filter(code=entry.code).exists():
        raise ValidationError({"code": _("Another channel already has this code.")})


def _save_entry(entry: TaxonomyEntry) -> None:
    entry.label = entry.label.strip()
    _check_unique(entry)
    entry.full_clean(exclude=["municipality"])
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:  # a concurrent save with the same label
        raise ValidationError(
            {"label": _("An entry called “%(label)s” already exists.") % {"label": entry.label}}
        ) from None


def _entry_snapshot(entry: TaxonomyEntry) -> dict[str, Any]:
    names = ("label", "is_active", *EDITABLE_FIELDS.get(type(entry), ()))
    return {name: _plain(getattr(entry, name)) for name in names}


def _plain(value: object) -> object:
    return value if value is None or isinstance(value, str | bool | int) else str(value)


@transaction.atomic
def taxonomy_entry_add(
    *,
    actor: User | None,
    municipality: Municipality,
    model: type[EntryT],
    label: str,
    **fields: Any,
) -> EntryT:
    """Add an entry at the end of its list. `fields` are the kind's own (chief_email, group…)."""
    allowed = {*EDITABLE_FIELDS.get(model, ()), *(("applies_to",) if model is HandlingType else ())}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields for {model.__name__}: {sorted(unknown)}")
    group = fields.get("group")
    if group is not None and group.municipality_id != municipality.pk:
        raise ValidationError({"group": _("The group belongs to another municipality.")})
    _check_group_in_use(group)
    entry = model(municipality=municipality, label=label, **fields)
    last = _siblings(entry).aggregate(m=Max("sort_order"))["m"]
    entry.sort_order = 0 if last is None else last + 1
    _save_entry(entry)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=entry,
        summary=f"{model._meta.verbose_name} added: {entry.label}",
        changes=_entry_snapshot(entry),
    )
    return entry


@transaction.atomic
def taxonomy_entry_update(
    *, actor: User | None, entry: EntryT, label: str | None = None, **fields: Any
) -> EntryT:
    """Rename an entry or change its own fields. Cases keep pointing at the same entry."""
    unknown = set(fields) - set(EDITABLE_FIELDS.get(type(entry), ()))
    if unknown:
        raise TypeError(f"Unknown fields for {type(entry).__name__}: {sorted(unknown)}")
    group = fields.get("group")
    if group is not None and group.municipality_id != entry.municipality_id:
        raise ValidationError({"group": _("The group belongs to another municipality.")})
    if group is not None and group.pk != getattr(entry, "group_id", None):
        _check_group_in_use(group)
    before = _entry_snapshot(entry)
    if label is not None:
        entry.label = label
    for name, value in fields.items():
        setattr(entry, name, value)
    if before.get("group") != _plain(getattr(entry, "group", None)):
        last = _siblings(entry).exclude(pk=entry.pk).aggregate(m=Max("sort_order"))["m"]
        entry.sort_order = 0 if last is None else last + 1
        if isinstance(entry, Theme):
            # Out of its retired group, a theme is retired on its own: the old group's
            # reactivation must not bring it back.
            entry.retired_with_group = False
    _save_entry(entry)
    changes = model_changes(before, _entry_snapshot(entry))
    if changes:
        renamed = "label" in changes
        audit_record(
            actor=actor,
            municipality=entry.municipality,
            action=AuditAction.UPDATE,
            obj=entry,
            summary=(
                f"{type(entry)._meta.verbose_name} renamed from “{before['label']}” "
                f"to “{entry.label}”"
                if renamed
                else f"{type(entry)._meta.verbose_name} changed: {entry.label}"
            ),
            changes=changes,
        )
    return entry


def _check_group_in_use(group: ThemeGroup | None) -> None:
    # A theme in a retired group would never be offered; the group must be reactivated first.
    if group is not None and not group.is_active:
        raise ValidationError(
            {"group": _("The group “%(label)s” is retired.") % {"label": group.label}}
        )


def _set_active(actor: User | None, entry: EntryT, active: bool) -> EntryT:
    if entry.is_active == active:
        return entry
    if active and isinstance(entry, Theme) and not entry.group.is_active:
        raise ValidationError(
            _("Reactivate the theme group “%(label)s” first.") % {"label": entry.group.label}
        )
    entry.is_active = active
    update_fields = ["is_active", "updated_at"]
    if isinstance(entry, Theme):
        entry.retired_with_group = False
        update_fields.append("retired_with_group")
    entry.save(update_fields=update_fields)
    audit_record(
        actor=actor,
        municipality=entry.municipality,
        action=AuditAction.UPDATE,
        obj=entry,
        summary=(
            f"{type(entry)._meta.verbose_name} {'reactivated' if active else 'retired'}: "
            f"{entry.label}"
        ),
        changes={"is_active": [not active, active]},
    )
    if isinstance(entry, ThemeGroup):
        _themes_follow_group(actor, entry, active)
    return entry


def _themes_follow_group(actor: User | None, group: ThemeGroup, active: bool) -> None:
    """Retiring a group retires its themes in use and marks them `retired_with_group`;
    reactivating it brings back those themes only. A theme retired on its own stays retired."""
    themes = Theme.objects.filter(group=group, is_active=not active)
    if active:
        themes = themes.filter(retired_with_group=True)
    changed = list(themes)
    if not changed:
        return
    Theme.objects.filter(pk__in=[t.pk for t in changed]).update(
        is_active=active, retired_with_group=not active, updated_at=timezone.now()
    )
    verb = "reactivated" if active else "retired"
    audit_record_many(
        actor=actor,
        municipality=group.municipality,
        action=AuditAction.UPDATE,
        objects=changed,
        summary=f"{Theme._meta.verbose_name} {verb} with its group: {group.label}",
        changes={"is_active": [not active, active]},
    )


@transaction.atomic
def taxonomy_entry_retire(*, actor: User | None, entry: EntryT) -> EntryT:
    """Hide the entry from new registrations; old cases and statistics keep it.

    A theme group takes its themes with it (see `_themes_follow_group`).
    """
    return _set_active(actor, entry, False)


@transaction.atomic
def taxonomy_entry_reactivate(*, actor: User | None, entry: EntryT) -> EntryT:
    """Offer the entry again. A theme whose group is retired cannot be reactivated alone."""
    return _set_active(actor, entry, True)


@transaction.atomic
def taxonomy_entry_move(*, actor: User | None, entry: EntryT, direction: str) -> EntryT:
    """Swap the entry with its neighbour above (`up`) or below (`down`) and renumber the list."""
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be 'up' or 'down', not {direction!r}")
    ordered = list(_siblings(entry).order_by("sort_order", "label", "pk"))
    index = next(i for i, e in enumerate(ordered) if e.pk == entry.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        return entry
    ordered[index], ordered[target] = ordered[target], ordered[index]
    changed = [e for i, e in enumerate(ordered) if e.sort_order != i]
    for i, e in enumerate(ordered):
        e.sort_order = i
    type(entry).objects.bulk_update(changed, ["sort_order"])
    entry.sort_order = target
    audit_record(
        actor=actor,
        municipality=entry.municipality,
        action=AuditAction.UPDATE,
        obj=entry,
        summary=f"{type(entry)._meta.verbose_name} moved {direction}: {entry.label}",
        changes={"sort_order": [index, target]},
    )
    return entry


def taxonomy_entry_is_used(entry: TaxonomyEntry) -> bool:
    if isinstance(entry, ThemeGroup):
        return entry.themes.exists()
    field = _CASE_FIELD[type(entry)]
    return Case.objects.filter(**{field: entry}).exists()


@transaction.atomic
def taxonomy_entry_delete(*, actor: User | None, entry: TaxonomyEntry) -> None:
    """Delete an entry no case uses (a typo, say). Used entries must be retired instead."""
    if taxonomy_entry_is_used(entry):
        raise ValidationError(_("The entry is in use and can only be retired."))
    audit_record(
        actor=actor,
        municipality=entry.municipality,
        action=AuditAction.DELETE,
        obj=entry,
        summary=f"{type(entry)._meta.verbose_name} deleted: {entry.label}",
        changes=_entry_snapshot(entry),
    )
    try:
        with transaction.atomic():
            entry.delete()
    except ProtectedError:
        raise ValidationError(_("The entry is in use and can only be retired.")) from None
