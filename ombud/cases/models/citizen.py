"""The person register. A citizen belongs to one municipality's register."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import MunicipalityOwned


class CitizenQuerySet(models.QuerySet["Citizen"]):
    def current(self) -> "CitizenQuerySet":
        """Records that have not been merged into another."""
        return self.filter(merged_into__isnull=True)


class Citizen(MunicipalityOwned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The pseudonymous key of the exchange format's `citizen` column. Same key, same person.
    external_key = models.CharField(_("key"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    # CPR: encrypted (libsodium secretbox), plus a keyed hash for exact look-up. Never plain text.
    cpr_encrypted = models.BinaryField(null=True, blank=True, editable=False)
    cpr_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    cpr_masked = models.CharField(_("CPR number"), max_length=11, blank=True, editable=False)

    representative_name = models.CharField(_("representative"), max_length=200, blank=True)
    representative_relation = models.CharField(
        _("relation to the citizen"), max_length=100, blank=True
    )
    power_of_attorney_date = models.DateField(_("power of attorney given"), null=True, blank=True)

    consent_to_contact = models.BooleanField(
        _("consents to contact with the centre"), default=False
    )
    consent_date = models.DateField(_("consent given"), null=True, blank=True)
    consent_scope = models.CharField(
        _("scope of consent"),
        max_length=300,
        blank=True,
        help_text=_("Which centres may be contacted and which records may be read."),
    )
    notes = models.TextField(_("notes"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )

    objects = CitizenQuerySet.as_manager()

    class Meta:
        ordering = ["name", "external_key"]
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "external_key"],
                condition=~models.Q(external_key=""),
                name="citizen_unique_key_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.external_key or str(_("(no name)"))
