"""The whole OpenID Connect code flow against a real provider on loopback, driven over HTTP
(the browser version is tests/browser/test_sso_browser.py)."""

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from ombud.accounts.models import Membership
from ombud.sso.models import IdentityProvider
from ombud.sso.services import mapping_add
from tests.helpers.oidc import LocalOidcProvider, running_provider
from tests.helpers.personas import Personas, make_personas


@pytest.fixture(scope="module")
def op(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalOidcProvider]:
    with running_provider(Path(tmp_path_factory.mktemp("op"))) as provider:
        yield provider


@pytest.fixture
def setup(
    op: LocalOidcProvider, live_server: Any, transactional_db: None
) -> tuple[Personas, IdentityProvider]:
    personas = make_personas()
    op.register_ombud(live_server.url)
    provider = op.ombud_provider(create_users=True)
    mapping_add(provider=provider, group="raadgivere", municipality=personas.ishoj, role="advisor")
    mapping_add(
        provider=provider, group="laesere", municipality=personas.hvidovre, role="read_only"
    )
    return personas, provider


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found is not None, name
    return found.group(1)


def _sign_in(live_server: Any, username: str, password: str) -> requests.Response:
    browser = requests.Session()
    login_page = browser.get(f"{live_server.url}/sso/oidc/kommune/", timeout=20)
    assert "Test-IdP" in login_page.text, login_page.url
    return browser.post(
        login_page.url,
        data={
            "csrfmiddlewaretoken": _field(login_page.text, "csrfmiddlewaretoken"),
            "username": username,
            "password": password,
            "next": html.unescape(_field(login_page.text, "next")),
        },
        headers={"Referer": login_page.url},
        timeout=20,
    )


def test_a_provider_user_with_mfa_lands_on_the_start_page_with_the_roles_of_their_groups(
    op, setup, live_server
):
    op.set_user("kim", "pw-kim", ["raadgivere", "laesere"], mfa=True, email="kim@ishoj.dk")
    landing = _sign_in(live_server, "kim", "pw-kim")
    assert landing.url == f"{live_server.url}/", landing.url
    roles = dict(
        Membership.objects.filter(user__username="kommune-kim", is_active=True).values_list(
            "municipality__slug", "role"
        )
    )
    assert roles == {"ishoj": "advisor", "hvidovre": "read_only"}


def test_without_the_mfa_claim_an_advisor_meets_ombuds_own_code_page(op, setup, live_server):
    op.set_user("lis", "pw-lis", ["raadgivere"], mfa=False)
    landing = _sign_in(live_server, "lis", "pw-lis")
    assert landing.url == f"{live_server.url}/konto/to-faktor/"


def test_a_user_without_a_mapped_group_is_refused(op, setup, live_server):
    op.set_user("per", "pw-per", ["kantine"], mfa=True)
    landing = _sign_in(live_server, "per", "pw-per")
    assert landing.status_code == 403
    assert "ikke adgang til Ombud" in landing.text
