import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers.personas import PASSWORD, Personas

pytestmark = pytest.mark.django_db


def _current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_it_requires_a_totp_code_after_the_password(personas: Personas) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:verify")
    assert client.get(reverse("cases:inbox", args=["ishoj"])).url == reverse("accounts:verify")
    device = TOTPDevice.objects.get(user=personas.advisor)
    response = client.post(reverse("accounts:verify"), {"token": _current_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("cases:inbox", args=["ishoj"])).status_code == 200


def test_it_refuses_a_wrong_totp_code_in_danish(personas: Personas) -> None:
    client = Client()
    client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"token": "000000"})
    assert response.status_code == 200
    assert "Koden er forkert" in response.content.decode()


def test_it_makes_an_advisor_without_a_device_enrol(personas: Personas) -> None:
    TOTPDevice.objects.filter(user=personas.advisor).delete()
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    assert response.url == reverse("accounts:setup_2fa")
    page = client.get(reverse("accounts:setup_2fa"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=personas.advisor, confirmed=False)
    client.post(reverse("accounts:setup_2fa"), {"token": _current_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("cases:inbox", args=["ishoj"])).status_code == 200


def test_it_lets_an_assistant_in_without_2fa(personas: Personas) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "bo", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("cases:inbox", args=["ishoj"])).status_code == 200


def test_it_locks_the_account_after_repeated_failures(personas: Personas) -> None:
    client = Client()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "bo", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "bo", "password": PASSWORD})
    assert response.status_code == 429
    assert "låst" in response.content.decode()


def test_it_shows_danish_by_default(personas: Personas) -> None:
    response = Client().get(reverse("accounts:login"))
    assert 'lang="da"' in response.content.decode()


def test_it_hashes_passwords_with_argon2_in_production() -> None:
    from django.conf import settings as django_settings

    from config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert django_settings.ROOT_URLCONF == "config.urls"


def test_it_ignores_an_english_browser_and_shows_danish(personas: Personas) -> None:
    response = Client().get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "Log ind" in response.content.decode()


def test_it_switches_to_english_on_request(personas: Personas) -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("accounts:login"))
    assert 'lang="en"' in response.content.decode()
    assert "Log in to Ombud" in response.content.decode()
