"""Base models shared by every app, and the append-only audit log."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class MunicipalityOwned(TimeStampedModel):
    """A row that belongs to exactly one municipality; every read filters on it."""

    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.CASCADE)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    MERGE = "merge", _("Merged")
    IMPORT = "import", _("Imported")
    EXPORT = "export", _("Exported")
    VIEW_IDENTITY = "view_identity", _("Viewed identity")
    VIEW_CPR = "view_cpr", _("Viewed CPR number")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    OTP_ENROLLED = "otp_enrolled", _("Enrolled two-factor login")
    VIEW_REPORT = "view_report", _("Opened a whistleblower report")
    ESCALATE = "escalate", _("Escalated a missed deadline")


class ImmutableQuerySet(models.QuerySet["AuditEvent"]):
    """The audit log is append-only: bulk updates and deletes are refused."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log cannot be deleted.")


class AuditEvent(models.Model):
    municipality = models.ForeignKey(
        "accounts.Municipality", null=True, blank=True, on_delete=models.PROTECT
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    # Kept as text so an event still says who acted if the account is renamed.
    actor_name = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=30, choices=AuditAction.choices)
    object_type = models.CharField(max_length=50, blank=True)
    object_ref = models.CharField(max_length=100, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "-created_at"], name="audit_muni_time")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_ref}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An invariant, not business logic: existing audit rows are never rewritten.
        if self.pk is not None and not self._state.adding:
            raise PermissionError("The audit log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log cannot be deleted.")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxMail(models.Model):
    """An e-mail written in the transaction that caused it; the job runner sends it
    (ombud/core/outbox.py). `claim` and `claimed_until` are the sending runner's lease."""

    municipality = models.ForeignKey(
        "accounts.Municipality", null=True, blank=True, on_delete=models.SET_NULL
    )
    recipients = models.JSONField()
    subject = models.CharField(max_length=998)
    body = models.TextField()
    from_email = models.CharField(max_length=254)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claim = models.UUIDField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        """The same on every attempt, so a receiver can tell a re-sent mail from a new one."""
        return f"<{self.public_id}@ombud.outbox>"


class Heartbeat(models.Model):
    """When a background process last showed it was alive (the job runner, for /readyz)."""

    name = models.CharField(max_length=50, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
