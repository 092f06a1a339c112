"""Single sign-on in Chromium through a real OpenID provider on loopback (django-oauth-toolkit,
tests/helpers/oidc_op/): the whole redirect flow, as a municipality's staff would meet it."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from ombud.sso.services import mapping_add
from tests.helpers.browser import assert_accessible
from tests.helpers.oidc import LocalOidcProvider, running_provider
from tests.helpers.personas import Personas


@pytest.fixture(scope="module")
def op(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalOidcProvider]:
    with running_provider(Path(tmp_path_factory.mktemp("op"))) as provider:
        yield provider


@pytest.fixture
def idp(op: LocalOidcProvider, live_server: Any, browser_personas: Personas) -> LocalOidcProvider:
    op.register_ombud(live_server.url)
    provider = op.ombud_provider(create_users=True, name="Kommunens login")
    mapping_add(
        provider=provider, group="raadgivere", municipality=browser_personas.ishoj, role="advisor"
    )
    mapping_add(
        provider=provider,
        group="revision",
        municipality=browser_personas.hvidovre,
        role="read_only",
    )
    return op


def _sign_in(page: Any, username: str, password: str) -> None:
    # The flow crosses two servers (and the provider's own process) on a shared machine.
    page.set_default_timeout(30_000)
    page.goto("/konto/login/")
    page.get_by_role("link", name="Log ind med Kommunens login").click()
    page.wait_for_url("**/login/**")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Log ind hos IdP").click()
    page.wait_for_load_state()


def _opens(page: Any, path: str) -> bool:
    """The page itself answers 200 (no detour to a code page)."""
    response = page.goto(path)
    return bool(response.status == 200 and urlsplit(page.url).path == path)


def test_the_login_page_offers_the_provider_and_a_user_without_access_is_refused(
    page: Any, idp: LocalOidcProvider
) -> None:
    idp.set_user("per", "pw-per", ["kantine"], mfa=True)
    page.goto("/konto/login/")
    assert_accessible(page)
    _sign_in(page, "per", "pw-per")
    assert page.get_by_role("heading", name="Login afvist").is_visible()
    assert "ikke adgang til Ombud" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto("/m/ishoj/")
    assert "/konto/login/" in page.url  # not logged in to Ombud


def test_groups_give_roles_in_two_municipalities_and_a_removed_group_takes_access_away(
    page: Any, idp: LocalOidcProvider
) -> None:
    idp.set_user("kim", "pw-kim", ["raadgivere", "revision"], mfa=True, name="Kim")
    _sign_in(page, "kim", "pw-kim")
    # The provider asserted MFA: no code page, straight in.
    assert urlsplit(page.url).path == "/"  # the start page
    assert _opens(page, "/m/ishoj/sager/ny/")  # advisor in Ishøj registers cases
    assert _opens(page, "/m/hvidovre/")  # read-only in Hvidovre sees the list
    assert page.goto("/m/hvidovre/sager/ny/").status == 403  # but registers nothing
    assert page.goto("/m/brondby/").status == 404  # and Brøndby is not theirs

    idp.set_user("kim", "pw-kim", ["revision"], mfa=True, name="Kim")
    page.context.clear_cookies()  # a new day: log in again
    _sign_in(page, "kim", "pw-kim")
    assert page.goto("/m/ishoj/").status == 404  # the advisor group is gone, so is Ishøj
    assert _opens(page, "/m/hvidovre/")


def test_without_the_mfa_claim_an_advisor_meets_ombuds_code_page(
    page: Any, idp: LocalOidcProvider
) -> None:
    idp.set_user("lis", "pw-lis", ["raadgivere"], mfa=False)
    _sign_in(page, "lis", "pw-lis")
    assert "/konto/to-faktor/" in page.url
    page.goto("/m/ishoj/")
    assert "/konto/" in page.url  # no way round the code page


def test_logging_out_ends_the_provider_session_too(page: Any, idp: LocalOidcProvider) -> None:
    idp.set_user("kim", "pw-kim", ["raadgivere"], mfa=True)
    _sign_in(page, "kim", "pw-kim")
    assert urlsplit(page.url).path.startswith("/m/ishoj/")  # its own pages, no code page
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/konto/login/")
    # The provider forgot the session too: it asks for the password again.
    page.get_by_role("link", name="Log ind med Kommunens login").click()
    page.wait_for_url("**/login/**")
    assert page.get_by_role("button", name="Log ind hos IdP").is_visible()
