"""Single sign-on: the identity providers Ombud trusts, how their groups map to roles, and
which provider account is which Ombud user.

A provider is set up for the whole installation (`municipality` empty: its mappings may name any
municipality) or for one municipality (its mappings may name only that one, so one
municipality's provider can never let anyone into another's register). In every municipality
named in a provider's mappings, the provider decides the role of the users who sign in through
it: the role follows the groups it sends at each login, and no mapped group means no access.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from ombud.accounts.models import Municipality, Role, User

# Values of OIDC `amr`/`acr` or SAML AuthnContextClassRef that say the user proved a second
# factor to the provider: Entra ID (amr "mfa"), AD FS ("multipleauthn"), and the Danish NSIS
# levels that OS2faktor asserts (Substantial and High require two factors).
DEFAULT_MFA_VALUES = " ".join(
    [
        "mfa",
        "http://schemas.microsoft.com/claims/multipleauthn",
        "https://data.gov.dk/concept/core/nsis/loa/Substantial",
        "https://data.gov.dk/concept/core/nsis/loa/High",
    ]
)


class Protocol(models.TextChoices):
    OIDC = "oidc", "OpenID Connect"
    SAML = "saml", "SAML 2.0"


class IdentityProvider(models.Model):
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("Shown on the login button."))
    protocol = models.CharField(max_length=10, choices=Protocol.choices)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    create_users = models.BooleanField(
        default=False, help_text=_("Create the Ombud account at the first login.")
    )
    link_by_email = models.BooleanField(
        default=False,
        help_text=_("At the first login, use an existing account with the same e-mail address."),
    )
    groups_claim = models.CharField(max_length=200, default="groups")
    mfa_values = models.TextField(default=DEFAULT_MFA_VALUES)
    # OpenID Connect
    issuer = models.CharField(max_length=500, blank=True)
    authorization_endpoint = models.CharField(max_length=500, blank=True)
    token_endpoint = models.CharField(max_length=500, blank=True)
    userinfo_endpoint = models.CharField(max_length=500, blank=True)
    jwks_uri = models.CharField(max_length=500, blank=True)
    end_session_endpoint = models.CharField(max_length=500, blank=True)
    client_id = models.CharField(max_length=300, blank=True)
    # Encrypted with the server's field key (ombud.core.crypto), never shown again.
    client_secret_encrypted = models.BinaryField(blank=True, default=b"")
    scopes = models.CharField(max_length=300, default="openid email profile")
    # SAML 2.0: the IdP's metadata, from a URL (fetched when needed) or pasted XML.
    saml_metadata_url = models.CharField(max_length=500, blank=True)
    saml_metadata_xml = models.TextField(blank=True)
    saml_entity_id = models.CharField(max_length=500, blank=True)  # read from the metadata
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def login_path(self) -> str:
        return reverse(f"sso:{self.protocol}_login", args=[self.slug])

    @property
    def mfa_value_set(self) -> frozenset[str]:
        return frozenset(self.mfa_values.split())


class RoleMapping(models.Model):
    """Members of `group` (as the provider names it) get `role` in `municipality`."""

    provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="mappings"
    )
    group = models.CharField(max_length=300)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "group", "municipality"], name="sso_one_role_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider.slug}: {self.group} -> {self.role} @ {self.municipality.slug}"


class ExternalIdentity(models.Model):
    """The provider's stable subject (`sub`, SAML NameID) of an Ombud user."""

    provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="identities"
    )
    subject = models.CharField(max_length=500)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="sso_one_user_per_subject")
        ]

    def __str__(self) -> str:
        return f"{self.provider.slug}:{self.subject} -> {self.user}"


class ProviderMfa(Device):
    """A django-otp device that stands for "the provider checked the second factor".

    Logging a session in with it (`django_otp.login`) makes the session verified, exactly like a
    TOTP code does; it must be confirmed for django-otp's middleware to accept it. It has no
    code: `verify_token` always refuses, so only the provider's assertion can use it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="+")

    def verify_token(self, token: object) -> bool:
        return False  # nothing to type: only the provider's assertion verifies this device
