"""OpenID Connect through mozilla-django-oidc, with the provider read from the database.

The library reads one provider from settings; here each login names its provider, so the
request view and the backend take their endpoints, client and scopes from an IdentityProvider.
The library keeps doing the protocol: state, nonce and PKCE in the session, the code exchange,
the ID token's signature against the provider's JWKS. We add what it leaves out: the ID
token's issuer and audience are checked.
"""

from typing import Any

import jwt
import requests
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from ombud.accounts.models import User
from ombud.core.crypto import field_decrypt
from ombud.sso.models import IdentityProvider
from ombud.sso.services import Assertion, SignInRefusedError, assertion_has_mfa, sign_in_resolve

CALLBACK_URL_NAME = "sso:oidc_callback"


def provider_settings(provider: IdentityProvider) -> dict[str, Any]:
    """The library's setting names, filled from the provider."""
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": provider.authorization_endpoint,
        "OIDC_OP_TOKEN_ENDPOINT": provider.token_endpoint,
        "OIDC_OP_USER_ENDPOINT": provider.userinfo_endpoint,
        "OIDC_OP_JWKS_ENDPOINT": provider.jwks_uri,
        "OIDC_RP_CLIENT_ID": provider.client_id,
        "OIDC_RP_CLIENT_SECRET": (
            field_decrypt(bytes(provider.client_secret_encrypted))
            if provider.client_secret_encrypted
            else ""
        ),
        "OIDC_RP_SCOPES": provider.scopes,
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_USE_PKCE": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
        "OIDC_TIMEOUT": 10,
        "OIDC_STORE_ID_TOKEN": True,  # the hint for RP-initiated logout
    }


class ProviderSettings:
    """Mixin: the library's `get_settings` answers from the provider first."""

    provider_values: dict[str, Any] = {}

    def get_settings(self, attr: str, *args: Any) -> Any:
        if attr in self.provider_values:
            return self.provider_values[attr]
        return import_from_settings(attr, *args)


class OidcBackend(ProviderSettings, OIDCAuthenticationBackend):
    """Not in AUTHENTICATION_BACKENDS: the callback view calls it for one provider."""

    def __init__(self, provider: IdentityProvider) -> None:
        self.provider = provider
        self.provider_values = provider_settings(provider)
        self.refusal: str = ""
        self.assertion: Assertion | None = None
        super().__init__()

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        claims: dict[str, Any] = super()._verify_jws(payload, key)
        # The library does not check these; an ID token for another client or from another
        # issuer must not log anyone in.
        try:
            jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.provider.issuer or None,
                options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error
        return claims

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo is about another subject")
            claims.update({k: v for k, v in userinfo.items() if k not in ("amr", "acr")})
        self.assertion = assertion_from_claims(self.provider, claims, payload)
        try:
            return sign_in_resolve(self.assertion)
        except SignInRefusedError as refusal:
            self.refusal = refusal.message
            return None


def assertion_from_claims(
    provider: IdentityProvider, claims: dict[str, Any], id_token: dict[str, Any]
) -> Assertion:
    groups = claims.get(provider.groups_claim) or []
    if isinstance(groups, str):
        groups = groups.split()
    amr = id_token.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    return Assertion(
        provider=provider,
        subject=str(claims["sub"]),
        username=str(claims.get("preferred_username") or claims.get("upn") or ""),
        email=str(claims.get("email") or ""),
        full_name=str(name or ""),
        groups=frozenset(str(group) for group in groups),
        mfa=assertion_has_mfa(provider, amr, str(id_token.get("acr") or "")),
    )


def oidc_discover(issuer: str) -> dict[str, str]:
    """The provider's endpoints from its discovery document (OpenID Connect Discovery 1.0)."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise ValueError(f"The discovery document names another issuer: {document.get('issuer')}")
    return {
        "issuer": document["issuer"],
        "authorization_endpoint": document["authorization_endpoint"],
        "token_endpoint": document["token_endpoint"],
        "userinfo_endpoint": document.get("userinfo_endpoint", ""),
        "jwks_uri": document["jwks_uri"],
        "end_session_endpoint": document.get("end_session_endpoint", ""),
    }
