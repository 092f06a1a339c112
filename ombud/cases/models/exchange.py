"""A case register upload on its way through checking and importing in the browser."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import MunicipalityOwned


class ImportJobStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked")
    FAILED = "failed", _("Could not be read")
    IMPORTED = "imported", _("Imported")


def import_upload_to(instance: "ImportJob", filename: str) -> str:
    # Random names: the original file name may itself contain personal data.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "csv"
    return f"imports/{instance.municipality_id}/{uuid.uuid4().hex}.{suffix}"


class ImportJob(MunicipalityOwned):
    """The stored file is deleted after the import, or after a day (see import_job_purge)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to=import_upload_to, blank=True)
    original_name = models.CharField(max_length=255)
    create_missing = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=ImportJobStatus.choices, default=ImportJobStatus.UPLOADED
    )
    # Updated (and committed) while the file is checked, so the page can show progress.
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case import")
        verbose_name_plural = _("case imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
