"""Reports and everything attached to them. Anything a person wrote is stored encrypted."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import TimeStampedModel


class Channel(models.TextChoices):
    WEB = "web", _("Online form")
    PHONE = "phone", _("Telephone")
    MEETING = "meeting", _("Meeting")
    LETTER = "letter", _("Letter")


class ReportCategory(models.TextChoices):
    """The built-in categories: every scheme's starting set of `Category` rows (same keys)."""

    EU_LAW = "eu_law", _("Breach of EU law (procurement, environment, data protection …)")
    CRIME = "crime", _("Criminal offence (fraud, theft, bribery, breach of confidentiality)")
    LAW = "law", _("Gross or repeated breach of legislation or administrative law")
    INTERNAL_RULES = "internal_rules", _("Gross breach of important internal rules")
    HARASSMENT = "harassment", _("Harassment, including sexual harassment")
    NEGLECT = "neglect", _("Neglect of care")
    OTHER = "other", _("Other serious matter")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    FORWARDED = "forwarded", _("Under investigation")
    CLOSED = "closed", _("Closed")


class Scope(models.TextChoices):
    ACT = "act", _("Within the Whistleblower Act")
    EXTENDED = "extended", _("Within the municipality's extended scheme")
    OUTSIDE = "outside", _("Outside the scheme")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated; action taken")
    NOT_SUBSTANTIATED = "not_substantiated", _("Not substantiated")
    OUT_OF_SCOPE = "out_of_scope", _("Rejected as outside the scheme")
    WITHDRAWN = "withdrawn", _("Withdrawn or no further information")
    PROCEEDINGS = "proceedings", _("Led to disciplinary or legal proceedings")


class ReportQuerySet(models.QuerySet["Report"]):
    def open(self) -> "ReportQuerySet":
        return self.exclude(status=ReportStatus.CLOSED)

    def closed(self) -> "ReportQuerySet":
        return self.filter(status=ReportStatus.CLOSED)


class Report(TimeStampedModel):
    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.CASCADE)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    # The key of one of the municipality's `Category` rows, in the clear like the channel: the
    # statistics and the handlers' filters need it, and it says what kind of matter, not who.
    category = models.CharField(max_length=40)
    # The key of a `Department` row, or blank (the reporter did not say, nothing configured).
    department = models.CharField(max_length=40, blank=True)
    reporter_category = models.CharField(max_length=20)
    is_anonymous = models.BooleanField(default=True)
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    scope = models.CharField(max_length=10, choices=Scope.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    received_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    meeting_requested_at = models.DateTimeField(null=True, blank=True)
    # The handlers' latest proposal (time and place, encrypted with the report key) and when the
    # reporter accepted it; a new proposal replaces the old one and clears the acceptance.
    meeting_box = models.BinaryField(null=True, blank=True)
    meeting_proposed_at = models.DateTimeField(null=True, blank=True)
    meeting_accepted_at = models.DateTimeField(null=True, blank=True)
    # Oral reports: consent to a recording, and the reporter's approval of minutes/transcript.
    recording_consent = models.BooleanField(default=False)
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    investigator = models.ForeignKey(
        "whistleblower.Handler", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept until disciplinary or legal proceedings end; retention skips it meanwhile.
    proceedings_pending = models.BooleanField(default=False)
    # Encrypted with the report key (JSON of the questionnaire answers).
    content_box = models.BinaryField()
    # Encrypted with the identity key; null for anonymous reports.
    identity_box = models.BinaryField(null=True, blank=True)
    # The escrow copies of both keys, sealed to the municipality's recovery public key.
    recovery_report_key = models.BinaryField()
    recovery_identity_key = models.BinaryField()
    # Receipt: a keyed index to find the row, a salt, a verifier, and the wrapped report key.
    receipt_index = models.CharField(max_length=64, unique=True, null=True, blank=True)
    receipt_salt = models.BinaryField(max_length=16, null=True, blank=True)
    receipt_verifier = models.BinaryField(max_length=32, null=True, blank=True)
    reporter_key_box = models.BinaryField(null=True, blank=True)
    reporter_failures = models.PositiveIntegerField(default=0)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "reference"], name="wb_report_unique_reference"
            )
        ]
        indexes = [models.Index(fields=["municipality", "-received_at"], name="wb_report_muni")]

    def __str__(self) -> str:
        return self.reference


class KeyGrant(models.Model):
    """The report key (and, for handlers, the identity key) sealed to one handler's public key."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="grants")
    handler = models.ForeignKey(
        "whistleblower.Handler", on_delete=models.CASCADE, related_name="grants"
    )
    report_key = models.BinaryField()
    identity_key = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "handler"], name="wb_grant_once")]

    def __str__(self) -> str:
        return f"Grant {self.report_id} → {self.handler_id}"


class AuthorKind(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    HANDLER = "handler", _("Handler")


class ReportMessage(models.Model):
    """A message between reporter and handlers, or an internal note (never shown to reporters)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=10, choices=AuthorKind.choices)
    author = models.ForeignKey(
        "whistleblower.Handler", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_internal = models.BooleanField(default=False)
    body_box = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Message {self.pk}"


class ReportFile(models.Model):
    """An attachment, name and content encrypted with the report key, kept in the database so
    deleting the row really deletes it (no stray copies on a file system)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    from_reporter = models.BooleanField(default=True)
    name_box = models.BinaryField()
    content_box = models.BinaryField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"File {self.pk}"


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Report received")
    ACKNOWLEDGED = "acknowledged", _("Receipt acknowledged")
    SCREENED = "screened", _("Screened")
    MESSAGE_TO_REPORTER = "message_out", _("Message sent to the reporter")
    MESSAGE_FROM_REPORTER = "message_in", _("Message from the reporter")
    FEEDBACK = "feedback", _("Feedback given")
    NOTE = "note", _("Internal note")
    FILE_ADDED = "file", _("File added")
    FORWARDED = "forwarded", _("Forwarded for investigation")
    INFORMED = "informed", _("Others informed")
    MEETING_REQUESTED = "meeting", _("Physical meeting requested")
    ORAL_RECORDED = "oral", _("Oral report recorded")
    MINUTES_APPROVED = "minutes_ok", _("Minutes approved by the reporter")
    DISCLOSURE_REQUESTED = "disclosure_req", _("Identity disclosure proposed")
    DISCLOSURE_APPROVED = "disclosure_ok", _("Identity disclosure approved")
    PERSON_ADDED = "person", _("Person registered")
    MEETING_HELD = "meeting_held", _("Meeting held")
    MEETING_PROPOSED = "meeting_prop", _("Meeting proposed to the reporter")
    MEETING_ACCEPTED = "meeting_ok", _("Meeting accepted by the reporter")
    CLASSIFIED = "classified", _("Category or department changed")
    ESCALATED_ACKNOWLEDGEMENT = "escalated_ack", _("Acknowledgement deadline missed; escalated")
    ESCALATED_FEEDBACK = "escalated_fb", _("Feedback deadline missed; escalated")
    CLOSED = "closed", _("Closed")


class ReportEvent(models.Model):
    """The report's dated history. Free text (a reason, who was informed) is encrypted."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        "whistleblower.Handler", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    detail_box = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d}"


class ReportStatistic(models.Model):
    """What is left of a deleted report: anonymous figures for the annual report."""

    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.CASCADE)
    received_on = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    category = models.CharField(max_length=40)
    department = models.CharField(max_length=40, blank=True)
    is_anonymous = models.BooleanField()
    scope = models.CharField(max_length=10, blank=True)
    was_forwarded = models.BooleanField(default=False)
    outcome = models.CharField(max_length=20, blank=True)
    acknowledgement_days = models.PositiveIntegerField(null=True)
    feedback_days = models.PositiveIntegerField(null=True)
    # `coverage.Coverage` when deleted; blank for rows from before it was recorded.
    coverage = models.CharField(max_length=10, blank=True)
    deleted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Statistic {self.received_on}"


class LegalGround(models.TextChoices):
    CONSENT = "consent", _("The reporter's express consent")
    COUNTER_BREACH = "counter_breach", _("To a public authority, to counter a breach")
    RIGHT_OF_DEFENCE = "defence", _("To a public authority, to protect the right of defence")


class IdentityDisclosure(models.Model):
    """A proposal to pass on the reporter's identity, approved by a second handler.

    The recipient and the reasons given to the reporter are encrypted with the report key.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="disclosures")
    legal_ground = models.CharField(max_length=20, choices=LegalGround.choices)
    recipient_box = models.BinaryField()
    reason_box = models.BinaryField()
    reporter_told_on = models.DateField()
    requested_by = models.ForeignKey(
        "whistleblower.Handler", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        "whistleblower.Handler", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(approved_by=models.F("requested_by")),
                name="wb_disclosure_second_person",
            )
        ]

    def __str__(self) -> str:
        return f"Disclosure {self.pk}"


class PersonRole(models.TextChoices):
    CONCERNED = "concerned", _("Person concerned")
    THIRD_PARTY = "third_party", _("Third party named")
    WITNESS = "witness", _("Witness")
    FACILITATOR = "facilitator", _("Facilitator")


class PersonConcerned(models.Model):
    """The register of persons concerned and third parties (their identity is confidential too,
    § 12(1)); name and note are encrypted with the report key."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(max_length=20, choices=PersonRole.choices)
    name_box = models.BinaryField()
    note_box = models.BinaryField()
    added_by = models.ForeignKey(
        "whistleblower.Handler", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Person {self.pk}"
