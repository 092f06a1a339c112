"""Fixed personas across two municipalities, used by every test module.

Ishøj and Hvidovre share one advisor (as in the seed). The outsider works only in Brøndby and
must get a 404 from everything in Ishøj.
"""

from typing import Any

import pytest
from django.test import Client

from tests.helpers.personas import Personas, make_personas


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()


@pytest.fixture
def advisor_client(personas: Personas) -> Client:
    from tests.helpers.personas import verified_client

    return verified_client(personas.advisor)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that don't test hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache, so one test's rate-limit counters (kept in the
    cache) cannot refuse another test's requests."""
    from django.core.cache import cache

    cache.clear()
