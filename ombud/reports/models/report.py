"""Report drafts (editable) and published reports (frozen for good)."""

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import MunicipalityOwned
from ombud.stats.selectors import Period


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("Annual report")
    MIDWAY = "midway", _("Midway status")


class ReportDraft(MunicipalityOwned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=10, choices=ReportKind.choices)
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    compare_start = models.DateField(_("compare from"), null=True, blank=True)
    compare_end = models.DateField(_("compare to"), null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="report_draft_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def compare_period(self) -> Period | None:
        if self.compare_start is None or self.compare_end is None:
            return None
        return Period(self.compare_start, self.compare_end)


class ReportSection(models.Model):
    draft = models.ForeignKey(ReportDraft, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40)
    number = models.CharField(max_length=10, blank=True)
    heading = models.CharField(_("heading"), max_length=300)
    level = models.PositiveSmallIntegerField(default=2)
    body_markdown = models.TextField(_("text"), blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "key"], name="report_section_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()


class FrozenQuerySet(models.QuerySet["PublishedReport"]):
    """A published report never changes: bulk updates are refused."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("A published report cannot be changed.")


class PublishedReport(MunicipalityOwned):
    """A frozen version: the resolved texts and a JSON snapshot of every figure."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    draft = models.ForeignKey(
        ReportDraft, null=True, on_delete=models.SET_NULL, related_name="published"
    )
    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    title = models.CharField(max_length=200)
    version = models.PositiveIntegerField()
    # [{"key", "number", "heading", "level", "body"}] with every insert already resolved.
    sections = models.JSONField()
    snapshot = models.JSONField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()

    objects = FrozenQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise PermissionError("A published report cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def period_start(self) -> dt.date:
        return dt.date.fromisoformat(self.snapshot["period"]["start"])
