"""A PDF or Word file being made for a draft or a published version, with its progress."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import MunicipalityOwned


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class RenderStep(models.TextChoices):
    FIGURES = "figures", _("Computing the figures")
    CHARTS = "charts", _("Drawing the charts")
    LAYOUT = "layout", _("Laying out the document")
    DONE = "done", _("Done")


class RenderFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"


def render_upload_to(instance: "ReportRender", filename: str) -> str:
    return f"report-renders/{instance.municipality_id}/{uuid.uuid4().hex}.{instance.fmt}"


class ReportRender(MunicipalityOwned):
    """One render. Progress is committed as it goes, so the page polling it can show it.

    Steps in all = 1 (figures) + the charts + 1 (layout); the file is deleted after a day
    (see `render_job_purge`).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    draft = models.ForeignKey(
        "reports.ReportDraft", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    published = models.ForeignKey(
        "reports.PublishedReport",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    fmt = models.CharField(max_length=10, choices=RenderFormat.choices)
    status = models.CharField(max_length=10, choices=RenderStatus.choices, default="queued")
    step = models.CharField(max_length=10, choices=RenderStep.choices, default="figures")
    steps_done = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    charts_done = models.PositiveIntegerField(default=0)
    charts_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=render_upload_to, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(draft__isnull=False, published__isnull=True)
                | models.Q(draft__isnull=True, published__isnull=False),
                name="report_render_draft_or_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fmt} ({self.status})"

    @property
    def progress_percent(self) -> int:
        if self.status == RenderStatus.DONE:
            return 100
        if not self.steps_total:
            return 0
        return min(100, self.steps_done * 100 // self.steps_total)

    @property
    def current_chart(self) -> int:
        """The chart being drawn now (1-based), for "Drawing chart 5 of 18"."""
        return min(self.charts_done + 1, self.charts_total)

    @property
    def is_active(self) -> bool:
        return self.status in (RenderStatus.QUEUED, RenderStatus.RUNNING)
