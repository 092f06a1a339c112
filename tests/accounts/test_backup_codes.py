"""Backup codes: shown once, stored hashed, one use each, audited and e-mailed."""

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from ombud.accounts.services import backup_codes_generate
from ombud.core.models import AuditEvent
from tests.helpers.personas import PASSWORD, Personas, verified_client

pytestmark = pytest.mark.django_db

CODES = reverse("accounts:backup_codes")
VERIFY = reverse("accounts:verify")


def _codes_on(page: str) -> list[str]:
    return re.findall(r"<li><code>([a-z0-9-]+)</code></li>", page)


def test_it_stores_only_hashes_of_the_codes(personas: Personas) -> None:
    codes = backup_codes_generate(user=personas.advisor)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & {c for code in codes for c in (code, code.replace("-", ""))}


def test_it_signs_in_with_a_backup_code_once_and_tells_the_user(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    personas.advisor.email = "anne@ishoj.dk"
    personas.advisor.save()
    code = backup_codes_generate(user=personas.advisor, notify=False)[0]
    client = Client()
    client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(VERIFY, {"token": code.upper()})["Location"] == reverse("core:home")
    assert client.get(reverse("cases:inbox", args=["ishoj"])).status_code == 200
    assert len(mail.outbox) == 1 and "9" in mail.outbox[0].body
    assert AuditEvent.objects.filter(summary="Backup code used (9 left)").count() == 1
    # Spent: the same code does not work a second time.
    again = Client()
    again.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    assert again.post(VERIFY, {"token": code}).status_code == 200


def test_it_regenerates_codes_only_from_a_verified_session(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    old = backup_codes_generate(user=personas.advisor, notify=False)
    password_only = Client()
    password_only.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    assert password_only.post(CODES)["Location"] == VERIFY
    client = verified_client(personas.advisor)
    assert "10" in client.get(CODES).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        new = _codes_on(client.post(CODES).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert StaticToken.objects.filter(device__user=personas.advisor).count() == 10


def test_it_replaces_a_lost_phone_with_a_backup_code(personas: Personas) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code = backup_codes_generate(user=personas.advisor, notify=False)[0]
    client = verified_client(personas.advisor)
    client.get(reverse("accounts:setup_2fa"))
    new = TOTPDevice.objects.get(user=personas.advisor, confirmed=False)
    token = f"{totp(new.bin_key, step=new.step, digits=new.digits):06d}"
    response = client.post(reverse("accounts:setup_2fa"), {"old_token": code, "token": token})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=personas.advisor, confirmed=True)) == [new]
