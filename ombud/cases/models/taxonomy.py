"""Per-municipality taxonomies: centres, outside bodies, themes, handling types and so on.

Entries are never deleted once used: they are retired (`is_active=False`), which hides them from
new registrations while old cases and old statistics keep pointing at them. Renaming changes the
label everywhere (the audit log keeps the old one); published reports store their own snapshot.
Retiring a theme group retires its themes with it (see `Theme.retired_with_group`).
"""

import uuid
from typing import TypeVar

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ombud.core.models import MunicipalityOwned


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    INQUIRY = "inquiry", _("Other inquiry")


_Entry = TypeVar("_Entry", bound="TaxonomyEntry")


class TaxonomyQuerySet(models.QuerySet[_Entry]):
    def active(self) -> "TaxonomyQuerySet[_Entry]":
        return self.filter(is_active=True)


class TaxonomyEntry(MunicipalityOwned):
    # The settings pages address entries by this, never by row id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    label = models.CharField(_("label"), max_length=200)
    is_active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "label"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_offered(self) -> bool:
        """Offered for new registrations (a theme also needs its group in use)."""
        return self.is_active


def _unique_label(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        "municipality", Lower("label"), name=f"{name}_unique_label_per_municipality"
    )


class Centre(TaxonomyEntry):
    """A department of the municipality (center/forvaltning)."""

    chief_name = models.CharField(_("centre chief"), max_length=200, blank=True)
    chief_email = models.EmailField(_("centre chief's e-mail"), blank=True)

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        constraints = [_unique_label("centre")]


class ExternalBody(TaxonomyEntry):
    """An authority or party outside the municipality (Jobcenter Vallensbæk, Udbetaling Danmark)."""

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("outside body")
        verbose_name_plural = _("outside bodies")
        constraints = [_unique_label("externalbody")]


class ThemeGroup(TaxonomyEntry):
    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("theme group")
        verbose_name_plural = _("theme groups")
        constraints = [_unique_label("themegroup")]


class Theme(TaxonomyEntry):
    group = models.ForeignKey(
        ThemeGroup, on_delete=models.PROTECT, related_name="themes", verbose_name=_("group")
    )
    # Set when the theme was retired because its group was: reactivating the group brings back
    # these themes only, not the ones retired on their own.
    retired_with_group = models.BooleanField(_("retired with its group"), default=False)

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("complaint theme")
        verbose_name_plural = _("complaint themes")
        ordering = ["group__sort_order", "group__label", "sort_order", "label"]
        constraints = [
            models.UniqueConstraint(
                "municipality", "group", Lower("label"), name="theme_unique_label_per_group"
            )
        ]

    @property
    def is_offered(self) -> bool:
        return self.is_active and self.group.is_active


class HandlingType(TaxonomyEntry):
    """What the advisor did. Each applies to complaints or to other inquiries."""

    applies_to = models.CharField(_("applies to"), max_length=20, choices=CaseKind.choices)
    is_rejection = models.BooleanField(
        _("is a rejection"),
        default=False,
        help_text=_("A rejection under the statute requires a rejection ground."),
    )

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("handling")
        verbose_name_plural = _("handling types")
        constraints = [
            models.UniqueConstraint(
                "municipality",
                "applies_to",
                Lower("label"),
                name="handlingtype_unique_label_per_kind",
            )
        ]


class RejectionGround(TaxonomyEntry):
    """The statute's ground for rejecting a complaint."""

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("rejection ground")
        verbose_name_plural = _("rejection grounds")
        constraints = [_unique_label("rejectionground")]


class Outcome(TaxonomyEntry):
    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [_unique_label("outcome")]


class Channel(TaxonomyEntry):
    """How the citizen made contact. `code` is the stable English code of the exchange format."""

    code = models.SlugField(_("code"), max_length=40, blank=True)

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        constraints = [_unique_label("channel")]
