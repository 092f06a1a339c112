"""Lock-out per user name and client, the per-client ceiling, burst alerts, login records."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.core import mail
from django.test import Client
from django.urls import reverse

from ombud.accounts.jobs import login_records_purge
from ombud.core.jobs import jobs_all
from tests.helpers.personas import PASSWORD, Personas

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
# Fixed, mid-hour: the counters' one-hour windows never turn during a test.
INSTANT = dt.datetime(2026, 3, 4, 10, 20, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fixed_clock() -> Iterator[None]:
    with time_machine.travel(INSTANT, tick=False):
        yield


@pytest.fixture(autouse=True)
def _limits(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 5
    settings.OMBUD_LOGIN_CLIENT_CEILING = 8
    settings.OMBUD_LOGIN_USER_ALERT = 3
    settings.ADMINS = [("Drift", "drift@example.dk")]


def _client(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _login(client: Client, username: str, password: str = PASSWORD) -> int:
    return client.post(LOGIN, {"username": username, "password": password}).status_code


def test_it_never_locks_the_real_user_out_of_their_own_machine(personas: Personas) -> None:
    attacker = _client("198.51.100.7")
    assert [_login(attacker, "bo", "forkert") for _ in range(5)] == [200] * 4 + [429]
    assert _login(attacker, "bo") == 429  # the attacker's client is locked for "bo"
    assert _login(_client("10.20.0.5"), "bo") == 302  # Bo, at his own machine, is not


def test_it_sets_a_ceiling_per_client_across_user_names(personas: Personas) -> None:
    attacker = _client("198.51.100.7")
    for i in range(8):
        _login(attacker, f"navn{i}", "sommer2026")
    response = attacker.post(LOGIN, {"username": "bo", "password": PASSWORD})
    assert response.status_code == 429
    assert "for mange mislykkede" in response.content.decode().lower()
    assert _login(_client("10.20.0.5"), "bo") == 302
    alerts = [m for m in mail.outbox if m.to == ["drift@example.dk"]]
    assert len(alerts) == 1 and "198.51.100.7" not in alerts[0].body


def test_it_alerts_on_a_burst_against_one_user_name(personas: Personas) -> None:
    personas.admin.email = "ali@ishoj.dk"
    personas.admin.save()
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        _login(_client(address), "anne", "forkert")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["ali@ishoj.dk", "drift@example.dk"]
    assert _login(_client("10.20.0.6"), "anne") == 302


def test_it_deletes_login_records_after_the_retention_period(
    personas: Personas, settings: Any
) -> None:
    settings.OMBUD_LOGIN_RECORD_DAYS = 90
    _login(_client("10.20.0.5"), "bo")
    _login(_client("198.51.100.7"), "bo", "forkert")
    assert AccessLog.objects.count() == 1 and AccessAttempt.objects.count() == 1
    assert login_records_purge(INSTANT + dt.timedelta(days=89)) == 0
    assert login_records_purge(INSTANT + dt.timedelta(days=91)) == 2
    assert not AccessLog.objects.exists() and not AccessAttempt.objects.exists()
    assert "login_records_purged" in {job.name for job in jobs_all()}
