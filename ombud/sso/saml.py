"""SAML 2.0 through djangosaml2 on pysaml2, with the identity providers read from the database.

Ombud is one service provider (its metadata at /sso/saml/metadata/) for every SAML provider
set up with `ombud sso_provider --protocol saml`: the SP configuration is built per request
from the active providers' metadata (djangosaml2's SAML_CONFIG_LOADER). Assertions must be
signed (`want_assertions_signed`), responses must answer a request Ombud made (no unsolicited
responses), and signatures are checked with xmlsec1.
"""

import shutil
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import SPConfig

from ombud.sso.models import IdentityProvider, Protocol
from ombud.sso.services import Assertion, assertion_has_mfa


def sp_config(request: HttpRequest | None = None) -> SPConfig:
    """djangosaml2's config loader: Ombud's SP, trusting every active SAML provider."""
    if request is None:
        raise ValueError("Ombud's SAML configuration is built for a request (its host name).")
    base = request.build_absolute_uri("/").rstrip("/")
    providers = IdentityProvider.objects.filter(protocol=Protocol.SAML, is_active=True).exclude(
        saml_metadata_xml=""
    )
    signing = bool(settings.OMBUD_SAML_KEY_FILE and settings.OMBUD_SAML_CERT_FILE)
    config: dict[str, Any] = {
        "entityid": base + reverse("sso:saml_metadata"),
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "Ombud",
                "endpoints": {
                    "assertion_consumer_service": [
                        (base + reverse("sso:saml_acs"), BINDING_HTTP_POST)
                    ],
                    "single_logout_service": [
                        (base + reverse("sso:saml_sls"), BINDING_HTTP_REDIRECT)
                    ],
                },
                "allow_unsolicited": False,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": signing,
                "logout_requests_signed": signing,
            }
        },
        "metadata": {"inline": [provider.saml_metadata_xml for provider in providers]},
    }
    if signing:
        config["key_file"] = settings.OMBUD_SAML_KEY_FILE
        config["cert_file"] = settings.OMBUD_SAML_CERT_FILE
    conf = SPConfig()
    conf.load(config)
    return conf


def assertion_from_session_info(
    provider: IdentityProvider, session_info: dict[str, Any]
) -> Assertion:
    """From pysaml2's verified `session_info` to the protocol-free Assertion."""
    attributes: dict[str, list[str]] = session_info.get("ava") or {}

    def first(*names: str) -> str:
        for name in names:
            values = attributes.get(name)
            if values:
                return str(values[0])
        return ""

    classes = [str(info[0]) for info in session_info.get("authn_info") or [] if info]
    name_id = session_info["name_id"]
    return Assertion(
        provider=provider,
        subject=str(getattr(name_id, "text", name_id)),
        username=first("uid", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"),
        email=first(
            "mail", "email", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
        ),
        full_name=first(
            "displayName", "cn", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
        ),
        groups=frozenset(str(group) for group in attributes.get(provider.groups_claim, [])),
        mfa=assertion_has_mfa(provider, classes),
    )
