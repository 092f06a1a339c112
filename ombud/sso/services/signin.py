"""From a provider's verified assertion to an Ombud user with the roles its groups give.

Runs after the protocol layer (OIDC or SAML) has checked signatures, audience, nonce or
InResponseTo; here we only decide who the person is and what they may do.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Membership, Role, User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.sso.models import ExternalIdentity, IdentityProvider, RoleMapping

# When several groups map to roles in one municipality, the widest role wins.
ROLE_RANK = {Role.READ_ONLY: 1, Role.ASSISTANT: 2, Role.ADVISOR: 3, Role.ADMIN: 4}


class SignInRefusedError(Exception):
    """The provider vouched for the person, but Ombud lets them in as nobody."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Assertion:
    provider: IdentityProvider
    subject: str
    username: str = ""
    email: str = ""
    full_name: str = ""
    groups: frozenset[str] = field(default_factory=frozenset)
    mfa: bool = False


def assertion_has_mfa(provider: IdentityProvider, amr: Iterable[str], acr: str = "") -> bool:
    """True when the provider says a second factor was used (any `amr` value or the `acr`
    value is one of the provider's MFA values)."""
    asserted = {str(value) for value in amr} | ({acr} if acr else set())
    return bool(asserted & provider.mfa_value_set)


def roles_from_groups(provider: IdentityProvider, groups: Iterable[str]) -> dict[int, str]:
    """{municipality id: role} that the groups give. A provider set up for one municipality
    maps into that municipality only, whatever its mapping rows say."""
    mappings = RoleMapping.objects.filter(provider=provider, group__in=list(groups))
    if provider.municipality_id is not None:
        mappings = mappings.filter(municipality_id=provider.municipality_id)
    roles: dict[int, str] = {}
    for mapping in mappings:
        current = roles.get(mapping.municipality_id)
        if current is None or ROLE_RANK[Role(mapping.role)] > ROLE_RANK[Role(current)]:
            roles[mapping.municipality_id] = mapping.role
    return roles


def managed_municipality_ids(provider: IdentityProvider) -> set[int]:
    """The municipalities in which this provider decides its users' roles."""
    ids = set(
        RoleMapping.objects.filter(provider=provider).values_list("municipality_id", flat=True)
    )
    if provider.municipality_id is not None:
        ids &= {provider.municipality_id}
    return ids


def sign_in_resolve(assertion: Assertion) -> User:
    """The Ombud user for `assertion`, with memberships brought in line with its groups.

    Raises SignInRefusedError when the person has no account and none may be made, or when, after
    the groups are applied, they are a member of no municipality. Memberships the groups no
    longer give are ended before refusing, so a removed group takes effect at once.
    """
    with transaction.atomic():
        user = _user_for(assertion)
        roles = roles_from_groups(assertion.provider, assertion.groups)
        _memberships_sync(assertion.provider, user, roles)
    if not user.is_active:
        raise SignInRefusedError(_("Your Ombud account is closed. Ask your administrator."))
    if not Membership.objects.filter(user=user, is_active=True).exists():
        raise SignInRefusedError(
            _(
                "Your organisation's login worked, but you have no access to Ombud. Ask your "
                "administrator to add you to the right group."
            )
        )
    return user


def _user_for(assertion: Assertion) -> User:
    provider = assertion.provider
    identity = (
        ExternalIdentity.objects.select_related("user")
        .filter(provider=provider, subject=assertion.subject)
        .first()
    )
    if identity is None:
        user = _existing_by_email(assertion) or _create(assertion)
        identity = ExternalIdentity.objects.create(
            provider=provider, subject=assertion.subject, user=user
        )
        audit_record(
            actor=None,
            municipality=None,
            action=AuditAction.UPDATE,
            obj=user,
            object_type="external_identity",
            summary=f"{user.username} linked to identity provider {provider.slug}",
        )
    identity.last_login_at = timezone.now()
    identity.save(update_fields=["last_login_at"])
    return identity.user


def _existing_by_email(assertion: Assertion) -> User | None:
    if not (assertion.provider.link_by_email and assertion.email):
        return None
    matches = list(User.objects.filter(email__iexact=assertion.email)[:2])
    return matches[0] if len(matches) == 1 else None


def _create(assertion: Assertion) -> User:
    provider = assertion.provider
    if not provider.create_users:
        raise SignInRefusedError(
            _(
                "Your organisation's login worked, but there is no Ombud account for you. Ask "
                "your administrator."
            )
        )
    if not roles_from_groups(provider, assertion.groups):
        # No account is made for someone who would get no access anyway.
        raise SignInRefusedError(
            _(
                "Your organisation's login worked, but you have no access to Ombud. Ask your "
                "administrator to add you to the right group."
            )
        )
    user = User(
        username=_free_username(provider.slug, assertion.username or assertion.subject),
        email=assertion.email,
        full_name=assertion.full_name,
    )
    # No local password: the provider is the way in (an administrator may set one, e.g. for a
    # whistleblower handler's key password; see docs/deployment.md).
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=None,
        municipality=None,
        action=AuditAction.CREATE,
        obj=user,
        summary=f"User {user.username} created at first login through {provider.slug}",
    )
    return user


def _free_username(prefix: str, wanted: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", wanted.split("@")[0])[:100] or "bruger"
    candidate = f"{prefix}-{base}"[:140]
    number = 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{prefix}-{base}-{number}"[:150]
    return candidate


def _memberships_sync(provider: IdentityProvider, user: User, roles: dict[int, str]) -> None:
    managed = managed_municipality_ids(provider)
    existing = {
        m.municipality_id: m
        for m in Membership.objects.filter(user=user, municipality_id__in=managed).select_related(
            "municipality"
        )
    }
    for municipality_id in managed:
        wanted = roles.get(municipality_id)
        membership = existing.get(municipality_id)
        if wanted is None:
            if membership is not None and membership.is_active:
                _membership_set(provider, user, membership, role=membership.role, active=False)
        elif membership is None:
            membership = Membership(user=user, municipality_id=municipality_id, role=wanted)
            _membership_set(provider, user, membership, role=wanted, active=True)
        elif membership.role != wanted or not membership.is_active:
            _membership_set(provider, user, membership, role=wanted, active=True)


def _membership_set(
    provider: IdentityProvider, user: User, membership: Membership, *, role: str, active: bool
) -> None:
    before = {"role": membership.role, "is_active": membership.is_active}
    created = membership.pk is None
    membership.role, membership.is_active = role, active
    membership.save()
    audit_record(
        actor=None,
        municipality=membership.municipality,
        action=AuditAction.UPDATE,
        obj=user,
        object_type="membership",
        summary=f"Membership of {user.username} set by identity provider {provider.slug}",
        changes=None
        if created
        else {"role": [before["role"], role], "is_active": [before["is_active"], active]},
    )
