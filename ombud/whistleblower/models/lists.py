"""Per-scheme lists the municipality configures: report categories, departments, and the people
a missed deadline is escalated to. Rows are retired (`is_active`), never deleted, so old reports
and statistics keep their labels."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import TimeStampedModel
from ombud.whistleblower.models.report import ReportCategory

BUILTIN_CATEGORY_LABELS = dict(ReportCategory.choices)


class SchemeListItem(TimeStampedModel):
    """One entry of a per-municipality list. Reports store the `key` in the clear (statistics
    and the handlers' filters need it); the key never changes, so renaming is safe."""

    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.CASCADE)
    key = models.SlugField(max_length=40)
    label = models.CharField(_("name"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered in the form"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        return self.label or self.key


class Category(SchemeListItem):
    """A report category. The built-in ones keep the keys of `ReportCategory`; while their label
    is blank they show the built-in (translated) text."""

    class Meta(SchemeListItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="wb_category_unique_key")
        ]

    @property
    def display_label(self) -> str:
        return self.label or str(BUILTIN_CATEGORY_LABELS.get(self.key, self.key))


class Department(SchemeListItem):
    """A department (afdeling, forvaltning, center) a report may concern."""

    class Meta(SchemeListItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="wb_department_unique_key")
        ]


class EscalationRecipient(TimeStampedModel):
    """Someone above the handlers (head of the unit, municipal director) who is told — without
    any content — when a statutory deadline is missed: a member of staff or an e-mail address."""

    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(email=""))
                | (models.Q(user__isnull=True) & ~models.Q(email="")),
                name="wb_escalation_recipient_user_xor_email",
            )
        ]

    def __str__(self) -> str:
        return self.email or str(self.user)


class ClockKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement (7 days)")
    FEEDBACK = "feedback", _("Feedback (3 months)")


class Escalation(models.Model):
    """A missed clock that was escalated. One row per report and clock: the unique constraint is
    what makes the escalation job idempotent across worker runs."""

    report = models.ForeignKey(
        "whistleblower.Report", on_delete=models.CASCADE, related_name="escalations"
    )
    clock = models.CharField(max_length=20, choices=ClockKind.choices)
    due_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "clock"], name="wb_escalation_once")
        ]

    def __str__(self) -> str:
        return f"Escalation {self.report_id} {self.clock}"
