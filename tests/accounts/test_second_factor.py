"""Attacks with a password alone, and the trusted ways to add, replace and reset a device."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ombud.accounts.models import User
from ombud.accounts.services import totp_device_with_secret
from ombud.core.models import AuditEvent
from tests.helpers.personas import PASSWORD, Personas, verified_client

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:setup_2fa")
VERIFY = reverse("accounts:verify")


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _password_only(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _pending(user: User) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_it_never_offers_a_new_device_to_a_password_only_session(personas: Personas) -> None:
    real = TOTPDevice.objects.get(user=personas.advisor)
    client = _password_only("anne")
    assert client.get(SETUP)["Location"] == VERIFY
    # Even a forged device id in the session and a code for it change nothing.
    attacker = TOTPDevice.objects.create(user=personas.advisor, name="x", confirmed=False)
    session = client.session
    session["ombud_pending_device"] = attacker.pk
    session.save()
    assert client.post(SETUP, {"token": _code(attacker)})["Location"] == VERIFY
    assert list(TOTPDevice.objects.filter(user=personas.advisor, confirmed=True)) == [real]
    assert client.get(reverse("cases:inbox", args=["ishoj"]))["Location"] == VERIFY


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("cases:inbox", "ishoj"),
        ("cases:list", "hvidovre"),
        ("stats:overview", "ishoj"),
        ("members:list", "ishoj"),
        ("whistleblower:handler_list", "ishoj"),
        ("cases:inbox", "brondby"),  # not even a 404 for another municipality
    ],
)
def test_it_answers_a_password_only_session_with_the_code_page(
    personas: Personas, name: str, slug: str
) -> None:
    client = _password_only("anne")
    assert client.get(reverse(name, args=[slug]))["Location"] == VERIFY
    assert client.post(reverse(name, args=[slug]))["Location"] == VERIFY


def test_it_sends_a_password_only_session_from_the_start_pages_to_the_code_page(
    personas: Personas,
) -> None:
    client = _password_only("anne")
    assert client.get(reverse("core:home"))["Location"] == VERIFY
    assert client.get(reverse("accounts:password_change"))["Location"] == VERIFY


def test_it_hides_the_header_until_the_second_factor(personas: Personas) -> None:
    client = _password_only("anne")
    page = client.get(VERIFY).content.decode()
    assert "Anne Rådgiver" not in page and "ombud-username" not in page
    assert reverse("accounts:password_change") not in page and "Ishøj" not in page
    assert reverse("accounts:logout") in page
    client.post(VERIFY, {"token": _code(TOTPDevice.objects.get(user=personas.advisor))})
    page = client.get(reverse("cases:inbox", args=["ishoj"])).content.decode()
    assert "Anne Rådgiver" in page


def test_it_asks_an_assistant_with_a_device_for_the_code(personas: Personas) -> None:
    totp_device_with_secret(user=personas.assistant)
    client = _password_only("bo")
    assert client.get(reverse("cases:inbox", args=["ishoj"]))["Location"] == VERIFY


def test_it_replaces_a_device_only_with_a_code_from_the_old_one(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    personas.advisor.email = "anne@ishoj.dk"
    personas.advisor.save()
    old = TOTPDevice.objects.get(user=personas.advisor)
    client = verified_client(personas.advisor)
    assert "old_token" in client.get(SETUP).content.decode()
    new = _pending(personas.advisor)
    response = client.post(SETUP, {"old_token": "000000", "token": _code(new)})
    assert response.status_code == 200 and "Koden er forkert" in response.content.decode()
    assert TOTPDevice.objects.get(user=personas.advisor, confirmed=True) == old
    assert mail.outbox == []
    # The wrong code counts as a failure (django-otp's throttling); let its back-off pass.
    old.refresh_from_db()
    assert old.throttling_failure_count == 1
    old.throttle_reset()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETUP, {"old_token": _code(old), "token": _code(new)})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=personas.advisor, confirmed=True)) == [new]
    assert [m.to for m in mail.outbox] == [["anne@ishoj.dk"]]
    assert AuditEvent.objects.filter(summary="Two-factor device replaced").count() == 1
    # The session goes on with the new device.
    assert client.get(reverse("cases:inbox", args=["ishoj"])).status_code == 200


def test_it_enrols_a_first_device_and_mails_the_user(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    personas.advisor.email = "anne@ishoj.dk"
    personas.advisor.save()
    TOTPDevice.objects.filter(user=personas.advisor).delete()
    client = _password_only("anne")
    assert client.get(SETUP).status_code == 200
    device = _pending(personas.advisor)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(SETUP, {"token": _code(device)})
    assert page.status_code == 200 and page.content.decode().count("<li><code>") == 10
    assert TOTPDevice.objects.get(user=personas.advisor, confirmed=True) == device
    assert len(mail.outbox) == 1 and "anne@ishoj.dk" in mail.outbox[0].to


def _reset_url(personas: Personas, user: User) -> str:
    return reverse("members:reset_2fa", args=["ishoj", user.public_id])


def test_it_lets_an_administrator_reset_with_a_reason(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    personas.advisor.email = "anne@ishoj.dk"
    personas.advisor.save()
    anne = verified_client(personas.advisor)
    admin = verified_client(personas.admin)
    page = admin.post(_reset_url(personas, personas.advisor), {"reason": " "})
    assert page.status_code == 200 and TOTPDevice.objects.filter(user=personas.advisor).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(_reset_url(personas, personas.advisor), {"reason": "Mistet telefon"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=personas.advisor).exists()
    event = AuditEvent.objects.get(object_type="second_factor")
    assert event.changes["reason"] == "Mistet telefon" and event.actor == personas.admin
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anne@ishoj.dk"]
    # The session verified with the removed device is verified no more: enrol anew.
    assert anne.get(reverse("cases:inbox", args=["ishoj"]))["Location"] == SETUP


def test_it_refuses_resets_to_others_than_administrators(personas: Personas) -> None:
    url = _reset_url(personas, personas.advisor)
    assert verified_client(personas.assistant).post(url, {"reason": "x"}).status_code == 403
    assert verified_client(personas.outsider).post(url, {"reason": "x"}).status_code == 404
    own = verified_client(personas.admin).post(
        _reset_url(personas, personas.admin), {"reason": "x"}
    )
    assert own.status_code == 200
    assert TOTPDevice.objects.filter(user__in=[personas.advisor, personas.admin]).count() == 2
    assert verified_client(personas.admin).get(url).status_code == 405
