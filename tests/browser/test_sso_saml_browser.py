"""SAML 2.0 single sign-on in Chromium through a real pysaml2 IdP on loopback
(tests/helpers/saml_idp/): signed assertions, groups, the AuthnContext as second factor."""

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from ombud.sso.services import mapping_add
from tests.helpers.browser import assert_accessible
from tests.helpers.personas import Personas
from tests.helpers.saml import LocalSamlIdp, running_idp

pytestmark = pytest.mark.skipif(
    shutil.which("xmlsec1") is None, reason="xmlsec1 not installed (apt-get install xmlsec1)"
)


@pytest.fixture(scope="module")
def saml_idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSamlIdp]:
    with running_idp(Path(tmp_path_factory.mktemp("idp"))) as idp:
        yield idp


@pytest.fixture
def idp(saml_idp: LocalSamlIdp, live_server: Any, browser_personas: Personas) -> LocalSamlIdp:
    provider = saml_idp.ombud_provider(create_users=True)
    saml_idp.trust_ombud(live_server.url)
    mapping_add(
        provider=provider, group="BR-Ishoj", municipality=browser_personas.ishoj, role="advisor"
    )
    mapping_add(
        provider=provider,
        group="BR-Hvidovre",
        municipality=browser_personas.hvidovre,
        role="assistant",
    )
    return saml_idp


def _sign_in(page: Any, username: str, password: str) -> None:
    # The flow crosses two servers (and the provider's own process) on a shared machine.
    page.set_default_timeout(30_000)
    page.goto("/konto/login/")
    page.get_by_role("link", name="Log ind med Kommunens AD FS").click()
    page.wait_for_url("**/sso/redirect**")
    page.fill("#u", username)
    page.fill("#p", password)
    page.get_by_role("button", name="Log ind hos SAML-IdP").click()
    page.wait_for_load_state()


def _opens(page: Any, path: str) -> bool:
    response = page.goto(path)
    return bool(response.status == 200 and urlsplit(page.url).path == path)


def test_signed_assertion_with_mfa_gives_the_roles_of_the_groups_and_slo_ends_it(
    page: Any, idp: LocalSamlIdp
) -> None:
    idp.set_user("mia", "pw-mia", ["BR-Ishoj", "BR-Hvidovre"], mfa=True)
    _sign_in(page, "mia", "pw-mia")
    # The IdP's auto-post, then Ombud's start page (two municipalities): no code page.
    page.wait_for_url(lambda url: urlsplit(url).path == "/")
    assert _opens(page, "/m/ishoj/sager/ny/")
    assert _opens(page, "/m/hvidovre/sager/ny/")
    assert page.goto("/m/hvidovre/statistik/").status in (200, 403)
    assert page.goto("/m/brondby/").status == 404
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/konto/login/")
    assert page.goto("/m/ishoj/").url.endswith("/konto/login/?next=/m/ishoj/")


def test_a_user_without_a_mapped_group_is_refused(page: Any, idp: LocalSamlIdp) -> None:
    idp.set_user("sol", "pw-sol", ["Kantine"], mfa=True)
    _sign_in(page, "sol", "pw-sol")
    page.get_by_role("heading", name="Login afvist").wait_for()  # after the IdP's auto-post
    assert_accessible(page)


def test_an_unsigned_assertion_is_refused(page: Any, idp: LocalSamlIdp) -> None:
    idp.set_user("ulf", "pw-ulf", ["BR-Ishoj"], mfa=True, unsigned=True)
    _sign_in(page, "ulf", "pw-ulf")
    page.get_by_role("heading", name="Login afvist").wait_for()
    assert page.goto("/m/ishoj/").url.endswith("/konto/login/?next=/m/ishoj/")


def test_without_mfa_in_the_authn_context_an_advisor_meets_ombuds_code_page(
    page: Any, idp: LocalSamlIdp
) -> None:
    idp.set_user("eva", "pw-eva", ["BR-Ishoj"], mfa=False)
    _sign_in(page, "eva", "pw-eva")
    page.wait_for_url("**/konto/to-faktor/")
