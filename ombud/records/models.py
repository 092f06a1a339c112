"""Records and data protection: the municipality's settings for keeping case data."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import MunicipalityOwned, TimeStampedModel

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

    # Datatilsynet (after C-579/21) reads art. 15 as requiring when and why data were read, not
    # necessarily by whom; the municipality decides whether the extract names the staff.
    extract_staff_names = models.BooleanField(
        _("name the staff in access extracts"),
        default=False,
        help_text=_(
            "When ticked, the list of when the citizen's data were read also says who read them."
        ),
    )

    class Meta:
        verbose_name = _("records settings")


class RequestKind(models.TextChoices):
    """The data subject's rights that Ombud answers (GDPR art. 15-18 and 21)."""

    ACCESS = "access", _("Access (art. 15)")
    RECTIFICATION = "rectification", _("Rectification (art. 16)")
    ERASURE = "erasure", _("Erasure (art. 17)")
    RESTRICTION = "restriction", _("Restriction (art. 18)")
    OBJECTION = "objection", _("Objection (art. 21)")


class RequestOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    PARTLY = "partly", _("Partly granted")
    REFUSED = "refused", _("Refused")


class DataRequestQuerySet(models.QuerySet["DataRequest"]):
    def open(self) -> "DataRequestQuerySet":
        return self.filter(decided_on__isnull=True)


class DataRequest(MunicipalityOwned):
    """A citizen's request under GDPR, with the art. 12(3) clock: one month, extendable once by
    up to two months with a reason given to the citizen (legal-brief §4.1, GDPR-01)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    citizen = models.ForeignKey(
        "cases.Citizen", on_delete=models.PROTECT, related_name="+", verbose_name=_("citizen")
    )
    kind = models.CharField(_("the right asked for"), max_length=20, choices=RequestKind.choices)
    received_on = models.DateField(_("received"))
    description = models.TextField(_("what the citizen asks for"), blank=True)
    deadline = models.DateField(_("answer by"))
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extension_letter = models.TextField(_("letter to the citizen"), blank=True)
    outcome = models.CharField(
        _("decision"), max_length=20, choices=RequestOutcome.choices, blank=True
    )
    ground = models.TextField(_("ground"), blank=True)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "received_on", "id"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("received_on")),
                name="datarequest_deadline_after_receipt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%d-%m-%Y}"

    @property
    def due_on(self) -> dt.date:
        """The date the answer is due: the extended date when there is one."""
        return self.extended_to or self.deadline

    @property
    def is_open(self) -> bool:
        return self.decided_on is None


class AnonymisationReason(models.TextChoices):
    ERASURE = "erasure", _("Erasure granted (art. 17)")
    RETENTION = "retention", _("Retention period passed")


class Anonymisation(MunicipalityOwned):
    """One citizen or case whose identity, free text and documents were removed. The row keeps
    what the statistics need (the case and its classification) and says when, why and by whom;
    it is also how Ombud knows not to offer a case again."""

    reason = models.CharField(max_length=20, choices=AnonymisationReason.choices)
    citizen = models.ForeignKey(
        "cases.Citizen", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    data_request = models.ForeignKey(
        DataRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Where the case was handed to the archive before it was anonymised (journal export).
    archived_as = models.CharField(max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(citizen__isnull=False) | models.Q(case__isnull=False),
                name="anonymisation_has_subject",
            )
        ]


class RetentionProposal(MunicipalityOwned):
    """A closed case whose retention period has passed, offered to the advisor. Nothing happens
    to it until it is approved; then it is exported to the archive and anonymised."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due for archiving"))
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
