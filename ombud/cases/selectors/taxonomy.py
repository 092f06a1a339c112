"""Reads of the per-municipality taxonomy for the settings page: kinds, entries, usage counts."""

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Municipality
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


@dataclass(frozen=True)
class TaxonomyKind:
    """One list on the settings page. Handling types are two lists, one per case kind."""

    slug: str  # Danish, used in URLs
    model: type[TaxonomyEntry]
    title: Promise
    add_label: Promise
    usage: str  # the lookup that counts cases using an entry
    fields: tuple[str, ...] = ()  # the kind's own editable fields besides the label
    scope: dict[str, Any] = field(default_factory=dict)  # fixed filters and values

    @property
    def html_id(self) -> str:
        return f"taxonomy-{self.slug}"

    @property
    def column_count(self) -> int:
        # Name, the kind's own fields, cases, status, actions.
        return 4 + len(self.fields)


TAXONOMY_KINDS: tuple[TaxonomyKind, ...] = (
    TaxonomyKind(
        "centre", Centre, _("Centres"), _("Add centre"), "case", ("chief_name", "chief_email")
    ),
    TaxonomyKind(
        "eksterne-myndigheder", ExternalBody, _("Outside bodies"), _("Add outside body"), "case"
    ),
    TaxonomyKind(
        "temagrupper", ThemeGroup, _("Theme groups"), _("Add theme group"), "themes__cases"
    ),
    TaxonomyKind(
        "klagetemaer", Theme, _("Complaint themes"), _("Add complaint theme"), "cases", ("group",)
    ),
    TaxonomyKind(
        "behandling-klagesager",
        HandlingType,
        _("Handling of complaints"),
        _("Add handling of complaints"),
        "case",
        ("is_rejection",),
        {"applies_to": CaseKind.COMPLAINT},
    ),
    TaxonomyKind(
        "behandling-henvendelser",
        HandlingType,
        _("Handling of other inquiries"),
        _("Add handling of other inquiries"),
        "case",
        (),
        {"applies_to": CaseKind.INQUIRY},
    ),
    TaxonomyKind(
        "afvisningsgrunde",
        RejectionGround,
        _("Rejection grounds"),
        _("Add rejection ground"),
        "case",
    ),
    TaxonomyKind("resultater", Outcome, _("Outcomes"), _("Add outcome"), "case"),
    TaxonomyKind("kanaler", Channel, _("Channels"), _("Add channel"), "case", ("code",)),
)
_BY_SLUG = {kind.slug: kind for kind in TAXONOMY_KINDS}


def taxonomy_kind_get(slug: str) -> TaxonomyKind:
    try:
        return _BY_SLUG[slug]
    except KeyError:
        raise Http404 from None


def taxonomy_entry_list(municipality: Municipality, kind: TaxonomyKind) -> QuerySet[Any]:
    """Every entry of the kind, retired ones too, with `usage`: the number of cases using it."""
    entries: QuerySet[Any] = kind.model.objects.filter(
        municipality=municipality, **kind.scope
    ).annotate(usage=Count(kind.usage, distinct=True))
    if kind.model is ThemeGroup:
        # A group with themes cannot be deleted even when no case uses them.
        entries = entries.annotate(theme_count=Count("themes", distinct=True))
    if kind.model is Theme:
        related = "group"  # a variable: the stubs only know TaxonomyEntry's fields
        entries = entries.select_related(related)
    return entries


def taxonomy_entries(municipality: Municipality, kind: TaxonomyKind) -> list[Any]:
    """The entries as shown, each marked `is_first`/`is_last` within the list it is ordered in
    (themes are ordered within their group)."""
    entries = list(taxonomy_entry_list(municipality, kind))
    for i, entry in enumerate(entries):
        key = getattr(entry, "group_id", None)
        entry.is_first = i == 0 or getattr(entries[i - 1], "group_id", None) != key
        last = i == len(entries) - 1
        entry.is_last = last or getattr(entries[i + 1], "group_id", None) != key
    return entries


def taxonomy_entry_get(municipality: Municipality, kind: TaxonomyKind, public_id: UUID) -> Any:
    """The entry of the kind's list, or 404 (also for another municipality's or list's entry)."""
    entries = kind.model.objects.filter(municipality=municipality, **kind.scope)
    entry = entries.filter(public_id=public_id).first()
    if entry is None:
        raise Http404
    return entry


def taxonomy_sections(municipality: Municipality) -> list[tuple[TaxonomyKind, list[Any]]]:
    """Every list on the settings page, one query each."""
    return [(kind, taxonomy_entries(municipality, kind)) for kind in TAXONOMY_KINDS]


def theme_group_choices(municipality: Municipality, keep: int | None = None) -> QuerySet[Any]:
    """Groups a theme can be put in: those in use, plus `keep` (a theme's current group)."""
    return ThemeGroup.objects.filter(municipality=municipality).filter(
        Q(is_active=True) | Q(pk=keep)
    )
