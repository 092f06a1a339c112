"""The citizens' public pages: texts per municipality, contacts from the form, and the
processing deadlines (sagsbehandlingsfrister)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ombud.core.models import MunicipalityOwned, TimeStampedModel
from ombud.core.public_text import english_twin


class PortalTexts(TimeStampedModel):
    """Editable public texts; blank fields fall back to the defaults in defaults.py.

    Each text `X` has an optional English twin `X_en` (see ombud/core/public_text.py).
    """

    municipality = models.OneToOneField(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="portal_texts"
    )
    advisor_name = models.CharField(_("the advisor's name"), max_length=200, blank=True)
    about = models.TextField(_("who the advisor is"), blank=True)
    about_en = english_twin(_("who the advisor is (English)"))
    can_help = models.TextField(_("what the advisor can help with"), blank=True)
    can_help_en = english_twin(_("what the advisor can help with (English)"))
    cannot_help = models.TextField(_("what the advisor cannot help with"), blank=True)
    cannot_help_en = english_twin(_("what the advisor cannot help with (English)"))
    contact = models.TextField(_("how to make contact"), blank=True)
    contact_en = english_twin(_("how to make contact (English)"))
    # GDPR art. 13/14: what the advisor does with the citizen's data (legal-brief §4.1).
    privacy = models.TextField(_("privacy notice"), blank=True)
    privacy_en = english_twin(_("privacy notice (English)"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)


class ContactKind(models.TextChoices):
    COMPLAINT = "complaint", _("A complaint")
    QUESTION = "inquiry", _("A question or other inquiry")


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    WAITING_LIST = "waiting", _("On the waiting list")
    ACCEPTED = "accepted", _("Became a case")
    DISMISSED = "dismissed", _("Dismissed")


class Contact(MunicipalityOwned):
    """A contact from the public form, waiting for the advisor to accept it as a case."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("receipt number"), max_length=30, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=ContactKind.choices)
    centre = models.ForeignKey(
        "cases.Centre", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("centre")
    )
    what_happened = models.TextField(_("what happened"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    consent_to_contact_centre = models.BooleanField(_("consent to contact the centre"))
    status = models.CharField(
        _("status"), max_length=20, choices=ContactStatus.choices, default=ContactStatus.PENDING
    )
    # Position on the waiting list while intake is paused (arrival order, never reused).
    waiting_position = models.PositiveIntegerField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.reference


def contact_upload_to(instance: "ContactFile", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"contacts/{instance.contact.municipality_id}/{uuid.uuid4().hex}.{suffix}"


class ContactFile(TimeStampedModel):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="files")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to=contact_upload_to)
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)


class ProcessingDeadline(MunicipalityOwned):
    """A published processing deadline or quality standard (sagsbehandlingsfrist)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    area = models.CharField(_("area"), max_length=200)
    centre = models.ForeignKey(
        "cases.Centre", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("centre")
    )
    deadline = models.CharField(
        _("deadline"), max_length=200, help_text=_("For example: 8 weeks, or 3 months.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    source = models.CharField(
        _("source"), max_length=500, help_text=_("The decision or page the deadline comes from.")
    )
    valid_from = models.DateField(_("valid from"))
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    is_active = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["area", "title"]

    def __str__(self) -> str:
        return self.title


class CentreEditLink(MunicipalityOwned):
    """An expiring link a centre uses to maintain its own processing deadlines."""

    centre = models.ForeignKey("cases.Centre", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
