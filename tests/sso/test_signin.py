"""Who a provider's user becomes in Ombud: accounts, roles per municipality, refusals.

The protocol (OIDC, SAML) is tested against real providers in test_oidc_flow.py and the browser
tests; here the verified assertion is the input.
"""

import pytest
from django.core.exceptions import ValidationError

from ombud.accounts.models import Membership, User
from ombud.sso.models import ExternalIdentity, IdentityProvider, Protocol
from ombud.sso.services import (
    Assertion,
    SignInRefusedError,
    assertion_has_mfa,
    mapping_add,
    provider_save,
    sign_in_resolve,
)
from tests.helpers.personas import Personas


@pytest.fixture
def entra(personas: Personas) -> IdentityProvider:
    provider = provider_save(
        slug="entra", name="Ishøj og Hvidovre", protocol=Protocol.OIDC, create_users=True
    )
    mapping_add(provider=provider, group="br-ishoj", municipality=personas.ishoj, role="advisor")
    mapping_add(
        provider=provider, group="br-ishoj-leder", municipality=personas.ishoj, role="admin"
    )
    mapping_add(
        provider=provider, group="br-hvidovre", municipality=personas.hvidovre, role="read_only"
    )
    return provider


def _roles(user: User) -> dict[str, str]:
    return {
        m.municipality.slug: m.role
        for m in Membership.objects.filter(user=user, is_active=True).select_related("municipality")
    }


def test_first_login_creates_the_account_with_the_roles_its_groups_give(entra):
    user = sign_in_resolve(
        Assertion(
            provider=entra,
            subject="sub-1",
            username="kim@ishoj.dk",
            email="kim@ishoj.dk",
            full_name="Kim Kommune",
            groups=frozenset({"br-ishoj", "br-hvidovre", "ikke-relevant"}),
        )
    )
    assert user.username == "entra-kim"
    assert not user.has_usable_password()
    assert _roles(user) == {"ishoj": "advisor", "hvidovre": "read_only"}
    assert ExternalIdentity.objects.get(provider=entra, subject="sub-1").user == user


def test_the_widest_role_wins_and_the_next_login_follows_the_groups(entra):
    first = Assertion(provider=entra, subject="s", groups=frozenset({"br-ishoj", "br-ishoj-leder"}))
    user = sign_in_resolve(first)
    assert _roles(user) == {"ishoj": "admin"}
    again = sign_in_resolve(
        Assertion(provider=entra, subject="s", groups=frozenset({"br-hvidovre", "br-ishoj"}))
    )
    assert again == user
    assert _roles(user) == {"ishoj": "advisor", "hvidovre": "read_only"}


def test_a_removed_group_ends_access_and_the_login_is_refused(entra):
    user = sign_in_resolve(Assertion(provider=entra, subject="s", groups=frozenset({"br-ishoj"})))
    with pytest.raises(SignInRefusedError):
        sign_in_resolve(Assertion(provider=entra, subject="s", groups=frozenset()))
    membership = Membership.objects.get(user=user)
    assert membership.is_active is False  # ended, not only refused this once


def test_no_mapped_group_makes_no_account(entra):
    with pytest.raises(SignInRefusedError):
        sign_in_resolve(Assertion(provider=entra, subject="x", groups=frozenset({"andet"})))
    assert not ExternalIdentity.objects.exists()
    assert not User.objects.filter(username__startswith="entra-").exists()


def test_without_account_creation_an_unknown_person_is_refused(entra):
    entra.create_users = False
    entra.save()
    with pytest.raises(SignInRefusedError):
        sign_in_resolve(Assertion(provider=entra, subject="x", groups=frozenset({"br-ishoj"})))


def test_link_by_email_uses_the_existing_account_and_keeps_unmanaged_memberships(entra, personas):
    entra.create_users, entra.link_by_email = False, True
    entra.save()
    outsider = personas.outsider
    outsider.email = "ole@brondby.dk"
    outsider.save()
    user = sign_in_resolve(
        Assertion(
            provider=entra, subject="o", email="OLE@brondby.dk", groups=frozenset({"br-hvidovre"})
        )
    )
    assert user == outsider
    # Brøndby is not this provider's business: the local membership stays.
    assert _roles(user) == {"brondby": "advisor", "hvidovre": "read_only"}


def test_a_municipality_provider_cannot_give_access_to_another(personas):
    own = provider_save(
        slug="ishoj-idp", name="Ishøj", protocol=Protocol.OIDC, municipality=personas.ishoj
    )
    with pytest.raises(ValidationError):
        mapping_add(provider=own, group="g", municipality=personas.hvidovre, role="advisor")


def test_no_group_can_make_a_whistleblower_handler(entra, personas):
    with pytest.raises(ValidationError):
        mapping_add(
            provider=entra, group="wb", municipality=personas.ishoj, role="whistleblower_handler"
        )
    user = sign_in_resolve(
        Assertion(provider=entra, subject="h", groups=frozenset({"br-ishoj", "whistleblower"}))
    )
    from ombud.whistleblower.models import Handler

    assert not Handler.objects.filter(user=user).exists()


def test_a_closed_account_is_refused(entra):
    user = sign_in_resolve(Assertion(provider=entra, subject="c", groups=frozenset({"br-ishoj"})))
    user.is_active = False
    user.save()
    with pytest.raises(SignInRefusedError):
        sign_in_resolve(Assertion(provider=entra, subject="c", groups=frozenset({"br-ishoj"})))


@pytest.mark.parametrize(
    ("amr", "acr", "expected"),
    [
        (["pwd", "mfa"], "", True),
        (["pwd"], "", False),
        ([], "https://data.gov.dk/concept/core/nsis/loa/Substantial", True),
        ([], "https://data.gov.dk/concept/core/nsis/loa/Low", False),
        (["http://schemas.microsoft.com/claims/multipleauthn"], "", True),
    ],
)
def test_mfa_is_read_from_amr_or_acr(entra, amr, acr, expected):
    assert assertion_has_mfa(entra, amr, acr) is expected


def test_the_login_page_offers_each_active_provider(client, entra):
    provider_save(slug="gammel", name="Gammel IdP", protocol=Protocol.OIDC, is_active=False)
    page = client.get("/konto/login/?next=/m/ishoj/")
    assert page.status_code == 200
    assert b'href="/sso/oidc/entra/?next=/m/ishoj/"' in page.content
    assert b"Gammel IdP" not in page.content


def test_starting_a_login_sends_the_browser_to_the_provider_with_state_nonce_and_pkce(
    client, entra
):
    provider_save(
        slug="entra", authorization_endpoint="https://idp.example/authorize", client_id="ombud"
    )
    response = client.get("/sso/oidc/entra/")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://idp.example/authorize?")
    for part in ("client_id=ombud", "state=", "nonce=", "code_challenge=", "S256"):
        assert part in location
    assert client.get("/sso/oidc/ukendt/").status_code == 404


def test_a_callback_without_a_started_login_is_refused_in_danish(client, entra):
    response = client.get("/sso/oidc/callback/?code=abc&state=forged")
    assert response.status_code == 403
    assert b"Login afvist" in response.content
