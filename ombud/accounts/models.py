"""Municipalities (tenants), staff users and their role in each municipality."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


def logo_upload_to(instance: "Municipality", filename: str) -> str:
    # A fresh random name per upload: the public URL carries it, so browsers never show an old
    # logo from their cache, and the name tells nothing about the uploader's file.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"logos/{instance.pk}/{uuid.uuid4().hex}.{suffix}"


class Municipality(models.Model):
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # Shown on the public pages and the annual report; validated by accounts/logo.py.
    logo = models.FileField(_("logo"), upload_to=logo_upload_to, blank=True)
    logo_content_type = models.CharField(max_length=30, blank=True)
    # The statement must be made in the Agency for Digital Government's WAS-Tool and linked from
    # every public page's footer (legal-brief §4.2, A11Y-01); Ombud only links to it.
    accessibility_statement_url = models.URLField(
        _("address of the accessibility statement"),
        blank=True,
        help_text=_(
            "The statement made in the Agency for Digital Government's WAS-Tool, for example "
            "https://www.was.digst.dk/borgerraadgiver-kommune-dk."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def logo_version(self) -> str:
        """Changes with every upload; added to the logo's URL to bust caches."""
        return (self.logo.name or "").rsplit("/", 1)[-1].split(".")[0]

    @property
    def logo_alt(self) -> str:
        return _("%(name)s logo") % {"name": self.name}


class User(AbstractUser):
    """A staff user. Logs in with the username; the e-mail receives notices."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)


class Role(models.TextChoices):
    ADVISOR = "advisor", _("Citizens' advisor")
    ASSISTANT = "assistant", _("Assistant")
    READ_ONLY = "read_only", _("Read-only")
    ADMIN = "admin", _("Administrator")


class Capability(models.TextChoices):
    """What a role may do. Views ask for a capability, never for a role by name."""

    VIEW_CASES = "view_cases"
    EDIT_CASES = "edit_cases"
    VIEW_IDENTITY = "view_identity"
    VIEW_STATS = "view_stats"
    IMPORT_CASES = "import_cases"
    EDIT_TAXONOMY = "edit_taxonomy"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    PUBLISH_REPORT = "publish_report"
    # Data-subject requests (GDPR art. 15-21): the advisor answers them; extracts show CPR.
    HANDLE_DATA_REQUESTS = "handle_data_requests"


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADVISOR: frozenset(
        {
            Capability.VIEW_CASES,
            Capability.EDIT_CASES,
            Capability.VIEW_IDENTITY,
            Capability.VIEW_STATS,
            Capability.IMPORT_CASES,
            Capability.EDIT_TAXONOMY,
            Capability.PUBLISH_REPORT,
            Capability.HANDLE_DATA_REQUESTS,
        }
    ),
    Role.ASSISTANT: frozenset(
        {
            Capability.VIEW_CASES,
            Capability.EDIT_CASES,
            Capability.VIEW_IDENTITY,
            Capability.VIEW_STATS,
        }
    ),
    Role.READ_ONLY: frozenset({Capability.VIEW_CASES, Capability.VIEW_STATS}),
    Role.ADMIN: frozenset(Capability.values),
}

# Roles whose holders must log in with a second factor.
ROLES_REQUIRING_2FA = frozenset({Role.ADVISOR, Role.ADMIN})


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last visit to the start page "I dag": what happened since is news there.
    today_seen_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="membership_one_role_per_municipality"
            )
        ]
        ordering = ["municipality__name"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.municipality} ({self.role})"

    def can(self, capability: str) -> bool:
        return self.is_active and capability in ROLE_CAPABILITIES.get(self.role, frozenset())
