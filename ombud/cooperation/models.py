"""Working with the centres: requests with reply links, chief notices, meetings, open
counselling with its walk-in queue, and capacity (intake pauses)."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import MunicipalityOwned, TimeStampedModel
from ombud.core.public_text import ENGLISH_HELP, PublicText, public_text


class NoticeMode(models.TextChoices):
    IMMEDIATE = "immediate", _("An e-mail for each complaint")
    WEEKLY = "weekly", _("A weekly digest")
    OFF = "off", _("No notices")


class CooperationSettings(TimeStampedModel):
    """Per-municipality choices. Created with defaults on first use."""

    municipality = models.OneToOneField(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="cooperation_settings"
    )
    reply_deadline_days = models.PositiveSmallIntegerField(
        _("reply deadline (working days)"), default=10
    )
    remind_before_days = models.PositiveSmallIntegerField(
        _("reminder before the deadline (working days)"), default=2
    )
    remind_after_days = models.PositiveSmallIntegerField(
        _("reminder after the deadline (working days)"), default=2
    )
    link_valid_days = models.PositiveSmallIntegerField(_("reply link valid (days)"), default=30)
    chief_notice_mode = models.CharField(
        _("notices to centre chiefs"),
        max_length=20,
        choices=NoticeMode.choices,
        default=NoticeMode.IMMEDIATE,
    )
    closed_constitution_day = models.BooleanField(_("closed on Constitution Day"), default=True)
    closed_christmas_eve = models.BooleanField(_("closed on Christmas Eve"), default=True)
    closed_new_years_eve = models.BooleanField(_("closed on New Year's Eve"), default=True)
    capacity_threshold = models.PositiveIntegerField(_("warn when active cases exceed"), default=60)
    long_open_days = models.PositiveIntegerField(_("cases open longer than (days)"), default=90)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("cooperation settings")


class RequestMethod(models.TextChoices):
    EMAIL = "email", _("E-mail with reply link")
    PHONE = "phone", _("Phone or meeting (logged by hand)")


class RequestQuerySet(models.QuerySet["CentreRequest"]):
    def unanswered(self) -> "RequestQuerySet":
        return self.filter(replied_at__isnull=True)

    def answered(self) -> "RequestQuerySet":
        return self.filter(replied_at__isnull=False)


class CentreRequest(MunicipalityOwned):
    """A forespørgsel from a case to a centre or an outside body."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="requests")
    centre = models.ForeignKey(
        "cases.Centre", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("centre")
    )
    external_body = models.ForeignKey(
        "cases.ExternalBody",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("outside body"),
    )
    method = models.CharField(
        _("how"), max_length=20, choices=RequestMethod.choices, default=RequestMethod.EMAIL
    )
    recipient_name = models.CharField(_("recipient"), max_length=200, blank=True)
    recipient_email = models.EmailField(_("recipient's e-mail"), blank=True)
    question = models.TextField(_("question"))
    sent_at = models.DateTimeField(_("sent"))
    deadline = models.DateField(_("reply deadline"))
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    reply_text = models.TextField(_("reply"), blank=True)
    reply_by = models.CharField(_("replied by"), max_length=200, blank=True)
    insufficient = models.BooleanField(_("reply insufficient"), default=False)
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_after_at = models.DateTimeField(null=True, blank=True)
    # Only a SHA-256 of the reply token is stored; the token itself is only in the e-mail.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    token_used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(centre__isnull=False) | models.Q(external_body__isnull=False),
                name="centrerequest_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.recipient_label}"

    @property
    def recipient_label(self) -> str:
        body = self.centre or self.external_body
        return str(body) if body else ""

    @property
    def reply_days(self) -> float | None:
        if self.replied_at is None:
            return None
        return (self.replied_at - self.sent_at).total_seconds() / 86400


class CentreNotice(MunicipalityOwned):
    """A notice to a centre chief that a complaint was registered; sent now or in a digest."""

    centre = models.ForeignKey("cases.Centre", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "centre"], name="centrenotice_once_per_case")
        ]


class CentreTask(MunicipalityOwned):
    """The first case for a centre: invite the centre to agree how to work together."""

    centre = models.OneToOneField("cases.Centre", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["done_at", "created_at"]


class MeetingKind(models.TextChoices):
    MAYOR = "mayor", _("The mayor")
    MANAGEMENT = "management", _("The executive management")
    CENTRE_CHIEF = "centre_chief", _("Centre chiefs")
    COMMITTEE = "committee", _("Council or committee")
    OTHER = "other", _("Other")


class Meeting(MunicipalityOwned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("with"), max_length=20, choices=MeetingKind.choices)
    centre = models.ForeignKey(
        "cases.Centre", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("centre")
    )
    participants = models.TextField(_("participants"))
    topics = models.TextField(_("topics"))
    follow_ups = models.TextField(_("follow-ups"), blank=True)

    class Meta:
        ordering = ["-held_on", "-created_at"]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class CounsellingSchedule(MunicipalityOwned):
    """A recurring open-counselling time, e.g. Wednesdays 14-17 at the library."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))
    place = models.CharField(_("place"), max_length=300)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="schedule_ends_after"
            )
        ]


class CounsellingClosure(MunicipalityOwned):
    """A period without open counselling (holidays, an epidemic)."""

    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to and including"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_on"]

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class CounsellingSession(MunicipalityOwned):
    """One held session, with its walk-in queue."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))
    place = models.CharField(_("place"), max_length=300)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-starts_at"]


class WalkInStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SEEN = "seen", _("Seen")
    CASE = "case", _("Case created")
    BOOKED = "booked", _("Follow-up meeting booked")


class WalkIn(TimeStampedModel):
    session = models.ForeignKey(
        CounsellingSession, on_delete=models.CASCADE, related_name="walk_ins"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.PositiveIntegerField(_("number"))
    arrived_at = models.DateTimeField(_("arrived"))
    label = models.CharField(
        _("name or description"),
        max_length=200,
        blank=True,
        help_text=_("Optional: a first name or a short description, to find the person again."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WalkInStatus.choices, default=WalkInStatus.WAITING
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting_at = models.DateTimeField(_("meeting time"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=300, blank=True)
    meeting_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="walkin_unique_number")
        ]


class IntakePause(MunicipalityOwned):
    """Intake paused from `starts_on` until (not including) `reopens_on`."""

    starts_on = models.DateField(_("paused from"))
    reopens_on = models.DateField(_("reopens on"))
    reason = models.CharField(_("reason (shown publicly)"), max_length=300, blank=True)
    reason_en = models.CharField(
        _("reason in English"), max_length=300, blank=True, help_text=ENGLISH_HELP
    )
    # What the public banner says about open counselling during the pause.
    counselling_continues = models.BooleanField(
        _("open counselling continues during the pause"), default=True
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reopens_on__gt=models.F("starts_on")),
                name="intakepause_reopens_after_start",
            )
        ]

    def covers(self, day: dt.date) -> bool:
        return self.ended_at is None and self.starts_on <= day < self.reopens_on

    @property
    def public_reason(self) -> PublicText:
        return public_text(self.reason, self.reason_en)
