"""The scheme's per-municipality settings, designated handlers, and the receipt guard."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import TimeStampedModel
from ombud.core.public_text import english_twin


class ReporterCategory(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    FORMER_EMPLOYEE = "former_employee", _("Former employee")
    APPLICANT = "applicant", _("Job applicant")
    TRAINEE = "trainee", _("Trainee")
    VOLUNTEER = "volunteer", _("Volunteer")
    # Until migration 0012 this was "board or council member"; council members have their own
    # category since, because the Act covers board members but not the municipal council.
    BOARD_MEMBER = "board_member", _("Board member")
    CONTRACTOR = "contractor", _("Staff of a contractor or supplier")
    COUNCIL_MEMBER = "council_member", _("Member of the municipal council")
    CITIZEN = "citizen", _("Citizen")


# Which categories the Act covers is decided in ombud/whistleblower/coverage.py.


def default_open_to() -> list[str]:
    return [
        ReporterCategory.EMPLOYEE,
        ReporterCategory.FORMER_EMPLOYEE,
        ReporterCategory.APPLICANT,
        ReporterCategory.TRAINEE,
        ReporterCategory.VOLUNTEER,
        ReporterCategory.BOARD_MEMBER,
        ReporterCategory.CONTRACTOR,
    ]


def default_categories() -> list[str]:
    """Kept for migration 0004; categories are `Category` rows since migration 0008."""
    from ombud.whistleblower.models.report import ReportCategory

    return list(ReportCategory.values)


class Scheme(TimeStampedModel):
    """One municipality's whistleblower scheme. Blank texts fall back to the Danish defaults."""

    municipality = models.OneToOneField(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="whistleblower_scheme"
    )
    is_open = models.BooleanField(_("open for reports"), default=True)
    # The escrow: its private key is printed once at set-up and kept offline by a second person.
    recovery_public_key = models.BinaryField(max_length=32)
    open_to = models.JSONField(_("who may report"), default=default_open_to)
    allow_anonymous = models.BooleanField(_("anonymous reports allowed"), default=True)
    # Each public text has an optional English twin `<name>_en` (ombud/core/public_text.py).
    intro_text = models.TextField(_("introduction"), blank=True)
    intro_text_en = english_twin(_("introduction (English)"))
    scope_text = models.TextField(_("what the scheme covers"), blank=True)
    scope_text_en = english_twin(_("what the scheme covers (English)"))
    handling_text = models.TextField(_("how reports are handled and protected"), blank=True)
    handling_text_en = english_twin(_("how reports are handled and protected (English)"))
    internal_text = models.TextField(_("reporting internally or externally"), blank=True)
    internal_text_en = english_twin(_("reporting internally or externally (English)"))
    privacy_text = models.TextField(_("privacy notice"), blank=True)
    privacy_text_en = english_twin(_("privacy notice (English)"))
    # A11Y-02: reporting without the web form (by phone, at a meeting, on paper).
    other_ways_text = models.TextField(_("other ways to report"), blank=True)
    other_ways_text_en = english_twin(_("other ways to report (English)"))
    out_of_scope_retention_days = models.PositiveIntegerField(
        _("days to keep out-of-scope reports after closure"), default=30
    )
    closed_retention_days = models.PositiveIntegerField(
        _("days to keep closed reports after closure"), default=60
    )
    # Off by default (legal-brief §1.3): only reports under the Act get its deadlines.
    deadlines_for_all = models.BooleanField(
        _("apply the Act's deadlines to all reports"),
        default=False,
        help_text=_(
            "The Whistleblower Act's deadlines (acknowledgement within 7 days, feedback within "
            "3 months) apply by law only to reports from people the Act covers: employees, former "
            "employees, applicants, trainees, volunteers, board members and contractors' staff. "
            "Reports from people the scheme is opened to beyond the Act, such as members of the "
            "municipal council or citizens, and reports screened as within the extended scheme, "
            "have no statutory deadline. Tick this to give them the same deadlines, warnings and "
            "escalation anyway; many municipalities do, so that everyone who reports is treated "
            "alike. Reports screened as outside the scheme never have deadlines. The change also "
            "applies to open reports: a deadline already passed is escalated at the next run."
        ),
    )

    class Meta:
        verbose_name = _("whistleblower scheme")

    def __str__(self) -> str:
        return f"Whistleblower scheme {self.municipality_id}"


class HandlerRole(models.TextChoices):
    HANDLER = "handler", _("Case handler")
    INVESTIGATOR = "investigator", _("Investigator")


class Handler(TimeStampedModel):
    """A person designated to handle (or investigate) reports — not an ordinary advisor role.

    The private key is stored only encrypted under a key derived from the user's password.
    A designation is *pending* until an approved handler (other than the designee and the
    designator) or the recovery key holder approves it with the code the designee sees; no report
    key is sealed to a pending designation (docs/decisions/0007-whistleblower-custody.md).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="whistleblower_handlers"
    )
    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=HandlerRole.choices, default=HandlerRole.HANDLER)
    is_active = models.BooleanField(default=True)
    public_key = models.BinaryField(max_length=32, null=True, blank=True)
    private_key_box = models.BinaryField(null=True, blank=True)
    private_key_salt = models.BinaryField(max_length=16, null=True, blank=True)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Null with `approved_at` set: approved with the recovery key (or by the data migration).
    approved_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Activity e-mails are batched (jobs.py): set when something arrives and no e-mail is owed
    # yet, cleared when the e-mail goes; at most one e-mail per handler every few minutes.
    activity_pending_since = models.DateTimeField(null=True, blank=True)
    activity_mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="wb_handler_one_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"

    @property
    def has_keys(self) -> bool:
        return self.public_key is not None

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class ReceiptGuard(models.Model):
    """Counts wrong receipt codes per municipality — never who tried (no IP address is kept).
    `locked_until`: the scheme is in ceiling mode until then (services/intake.py)."""

    municipality = models.OneToOneField("accounts.Municipality", on_delete=models.CASCADE)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Receipt guard {self.municipality_id}: {self.failures}"


class QuestionKind(models.TextChoices):
    SHORT = "short", _("Short text")
    LONG = "long", _("Long text")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")
    # Only for DEPARTMENT_QUESTION: the options are the scheme's active departments.
    DEPARTMENT = "department", _("Department (from the scheme's list)")


# The one question every report needs: it holds the description (or an oral report's minutes).
CORE_QUESTION = "what"
# Which department the matter concerns: optional, answered from the configured departments, and
# stored in the clear on the report (`Report.department`) rather than with the encrypted answers.
DEPARTMENT_QUESTION = "department"


class Question(TimeStampedModel):
    """One question of a municipality's reporting form. The answers are stored encrypted with
    the label as it read when the report was submitted, so later edits never change old reports.
    """

    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.CASCADE)
    # Stable name of the form field; the defaults keep the names the form always had.
    key = models.SlugField(max_length=40)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(_("help text"), blank=True)
    kind = models.CharField(
        _("type of answer"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.LONG
    )
    options = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown in the form"), default=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="wb_question_unique_key")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]
