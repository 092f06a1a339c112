import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ombud.accounts.models import Membership, Role, User
from ombud.core.models import AuditEvent
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db


def test_it_lets_an_admin_add_a_new_user_with_a_role(personas: Personas) -> None:
    client = verified_client(personas.admin)
    response = client.post(
        reverse("members:list", args=["ishoj"]),
        {
            "username": "karen",
            "full_name": "Karen Ny",
            "email": "k@ishoj.dk",
            "role": Role.ASSISTANT,
            "password": "a-long-enough-password-42",
        },
    )
    assert response.status_code == 302
    karen = User.objects.get(username="karen")
    assert karen.check_password("a-long-enough-password-42")
    assert Membership.objects.get(user=karen, municipality=personas.ishoj).role == Role.ASSISTANT
    assert AuditEvent.objects.filter(object_type="membership", actor=personas.admin).exists()


def test_it_requires_a_password_for_a_new_user(personas: Personas) -> None:
    client = verified_client(personas.admin)
    response = client.post(
        reverse("members:list", args=["ishoj"]),
        {"username": "karen", "full_name": "Karen Ny", "role": Role.ASSISTANT},
    )
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(username="karen").exists()


def test_it_gives_an_existing_user_a_role_without_a_password(personas: Personas) -> None:
    client = verified_client(personas.admin)
    client.post(
        reverse("members:list", args=["ishoj"]),
        {"username": "ole", "full_name": "Ole", "role": Role.READ_ONLY},
    )
    assert Membership.objects.get(user=personas.outsider, municipality=personas.ishoj).role == (
        Role.READ_ONLY
    )


def test_it_changes_and_revokes_a_role(personas: Personas) -> None:
    client = verified_client(personas.admin)
    url = reverse("members:edit", args=["ishoj", personas.assistant.public_id])
    client.post(url, {"role": Role.ADVISOR})
    membership = Membership.objects.get(user=personas.assistant, municipality=personas.ishoj)
    assert membership.role == Role.ADVISOR
    assert membership.is_active is False
    assert (
        verified_client(personas.assistant).get(reverse("cases:inbox", args=["ishoj"])).status_code
        == 404
    )


def test_it_stops_an_admin_removing_their_own_access(personas: Personas) -> None:
    client = verified_client(personas.admin)
    url = reverse("members:edit", args=["ishoj", personas.admin.public_id])
    response = client.post(url, {"role": Role.ADMIN})
    assert response.status_code == 200
    assert Membership.objects.get(user=personas.admin, municipality=personas.ishoj).is_active


@pytest.mark.parametrize("persona", ["advisor", "assistant", "reader"])
def test_it_forbids_non_admins_to_manage_users(personas: Personas, persona: str) -> None:
    client = verified_client(getattr(personas, persona))
    assert client.get(reverse("members:list", args=["ishoj"])).status_code == 403


def test_it_hides_members_from_outsiders(personas: Personas) -> None:
    client = verified_client(personas.outsider)
    assert client.get(reverse("members:list", args=["ishoj"])).status_code == 404
    url = reverse("members:edit", args=["ishoj", personas.assistant.public_id])
    assert client.post(url, {"role": Role.ADMIN}).status_code == 404


def test_add_user_command_creates_a_member(personas: Personas, monkeypatch) -> None:
    monkeypatch.setenv("OMBUD_NEW_PASSWORD", "another-long-password-7")
    call_command("add_user", "lise", municipality="hvidovre", role="advisor", name="Lise")
    lise = User.objects.get(username="lise")
    assert Membership.objects.get(user=lise).municipality == personas.hvidovre


def test_add_user_command_refuses_a_weak_password(personas: Personas, monkeypatch) -> None:
    monkeypatch.setenv("OMBUD_NEW_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("add_user", "lise", municipality="hvidovre", role="advisor")
    assert not User.objects.filter(username="lise").exists()


def test_add_user_command_refuses_an_unknown_municipality(personas: Personas) -> None:
    with pytest.raises(CommandError, match="nowhere"):
        call_command("add_user", "lise", municipality="nowhere", role="advisor")


def test_add_municipality_is_idempotent(db: None) -> None:
    call_command("add_municipality", "koege", "Køge Kommune")
    call_command("add_municipality", "koege", "Køge Kommune")
    from ombud.accounts.models import Municipality
    from ombud.cases.models import Centre

    municipality = Municipality.objects.get(slug="koege")
    assert Centre.objects.filter(municipality=municipality).count() > 3


def test_add_municipality_refuses_a_bad_slug(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("add_municipality", "Køge Kommune", "Køge")
