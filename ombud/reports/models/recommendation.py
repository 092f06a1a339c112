"""The recommendations register: every recommendation stays alive until it is resolved."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import MunicipalityOwned


class RecommendationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
    WITHDRAWN = "withdrawn", _("Withdrawn")


RESOLVED_STATUSES = frozenset({RecommendationStatus.IMPLEMENTED, RecommendationStatus.WITHDRAWN})


class Recommendation(MunicipalityOwned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    text = models.TextField(_("recommendation"))
    # No centre: the recommendation concerns the whole municipality.
    centre = models.ForeignKey(
        "cases.Centre",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("centre"),
    )
    year_made = models.PositiveSmallIntegerField(_("year made"))
    addressee = models.CharField(_("addressee"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.PROPOSED,
    )
    cases = models.ManyToManyField(
        "cases.Case", blank=True, related_name="recommendations", verbose_name=_("cases")
    )
    pattern = models.CharField(_("pattern"), max_length=300, blank=True)
    # The later years in which the recommendation was raised again.
    raised_again = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-year_made", "-created_at"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_resolved(self) -> bool:
        return self.status in RESOLVED_STATUSES


class RecommendationResponse(models.Model):
    """The administration's answer to a recommendation, with its date."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="responses"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("response"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:40]}"
