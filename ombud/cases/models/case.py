"""Cases (main and follow-up) and their journal."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ombud.cases.models.citizen import Citizen
from ombud.cases.models.taxonomy import (
    CaseKind,
    Centre,
    Channel,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    Theme,
)
from ombud.core.models import MunicipalityOwned, TimeStampedModel


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AWAITING_CENTRE = "awaiting_centre", _("Awaiting centre")
    AWAITING_CITIZEN = "awaiting_citizen", _("Awaiting citizen")
    CLOSED = "closed", _("Closed")


ACTIVE_STATUSES = (CaseStatus.OPEN, CaseStatus.AWAITING_CENTRE, CaseStatus.AWAITING_CITIZEN)


class CaseQuerySet(models.QuerySet["Case"]):
    def active(self) -> "CaseQuerySet":
        return self.exclude(status=CaseStatus.CLOSED)

    def closed(self) -> "CaseQuerySet":
        return self.filter(status=CaseStatus.CLOSED)

    def complaints(self) -> "CaseQuerySet":
        return self.filter(kind=CaseKind.COMPLAINT)

    def inquiries(self) -> "CaseQuerySet":
        return self.filter(kind=CaseKind.INQUIRY)

    def main_cases(self) -> "CaseQuerySet":
        return self.filter(main_case__isnull=True)

    def follow_ups(self) -> "CaseQuerySet":
        return self.filter(main_case__isnull=False)

    def opened_between(self, start: object, end: object) -> "CaseQuerySet":
        return self.filter(opened_on__gte=start, opened_on__lte=end)


class Case(MunicipalityOwned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=30)
    main_case = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("main case"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=CaseKind.choices)
    channel = models.ForeignKey(
        Channel, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("channel")
    )
    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="cases", verbose_name=_("citizen")
    )
    concerns_municipality = models.BooleanField(_("concerns the municipality"), default=True)
    centre = models.ForeignKey(
        Centre, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("centre")
    )
    external_body = models.ForeignKey(
        ExternalBody,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("outside body"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="cases", verbose_name=_("complaint themes")
    )
    handling = models.ForeignKey(
        HandlingType, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("handling")
    )
    rejection_ground = models.ForeignKey(
        RejectionGround,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("rejection ground"),
    )
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("outcome")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_on = models.DateField(_("opened"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_cases",
        verbose_name=_("handler"),
    )
    summary = models.TextField(_("summary"), blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-reference"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "reference"], name="case_unique_reference_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="case_closed_not_before_opened",
            ),
            models.CheckConstraint(
                condition=Q(status=CaseStatus.CLOSED, closed_on__isnull=False)
                | (~Q(status=CaseStatus.CLOSED) & Q(closed_on__isnull=True)),
                name="case_closed_date_iff_closed",
            ),
            models.CheckConstraint(
                condition=Q(concerns_municipality=True, external_body__isnull=True)
                | Q(concerns_municipality=False, centre__isnull=True),
                name="case_centre_xor_external_body",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "opened_on"], name="case_muni_opened"),
            models.Index(fields=["municipality", "status", "handler"], name="case_muni_status"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_follow_up(self) -> bool:
        return self.main_case_id is not None

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    @property
    def concerns_label(self) -> str:
        target = self.centre if self.concerns_municipality else self.external_body
        return str(target) if target else ""


class ReferenceCounter(models.Model):
    """Last number handed out per municipality and year, for references like 2026-0042."""

    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="referencecounter_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}/{self.year}: {self.last_number}"


class JournalKind(models.TextChoices):
    NOTE = "note", _("Note")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    MEETING = "meeting", _("Meeting")
    DOCUMENT = "document", _("Document")


class JournalDirection(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    INCOMING = "in", _("Incoming")
    OUTGOING = "out", _("Outgoing")


def journal_upload_to(instance: "JournalEntry", filename: str) -> str:
    # Random names: the original file name may itself contain personal data.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"journal/{instance.case.municipality_id}/{uuid.uuid4().hex}.{suffix}"


class JournalEntry(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="journal")
    kind = models.CharField(_("type"), max_length=20, choices=JournalKind.choices)
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=JournalDirection.choices,
        default=JournalDirection.INTERNAL,
    )
    occurred_at = models.DateTimeField(_("date and time"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    attachment = models.FileField(_("file"), upload_to=journal_upload_to, blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)
    attachment_size = models.PositiveBigIntegerField(null=True, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"
