"""Records and data protection: the municipality's settings for keeping case data."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import TimeStampedModel

DEFAULT_RETENTION_YEARS = 5


class RecordsSettings(TimeStampedModel):
    """One row per municipality, made on first save; absent means the defaults."""

    municipality = models.OneToOneField(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="records_settings"
    )
    # legal-brief §4.1: a municipality's privacy notice names 5 years as the starting point.
    retention_years = models.PositiveSmallIntegerField(
        _("years to keep closed cases"),
        default=DEFAULT_RETENTION_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "Counted from the day a case is closed. When the time has passed, the case is "
            "offered for archiving and anonymisation; nothing happens until you approve it."
        ),
    )

    class Meta:
        verbose_name = _("records settings")
