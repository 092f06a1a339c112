"""Writes of the single sign-on app: who a provider's user is in Ombud and what they may do
(`signin`), and the set-up of providers and their role mappings (`setup`)."""

from ombud.sso.services.setup import mapping_add, mapping_remove, provider_save
from ombud.sso.services.signin import (
    Assertion,
    SignInRefusedError,
    assertion_has_mfa,
    sign_in_resolve,
)

__all__ = [
    "Assertion",
    "SignInRefusedError",
    "assertion_has_mfa",
    "mapping_add",
    "mapping_remove",
    "provider_save",
    "sign_in_resolve",
]
