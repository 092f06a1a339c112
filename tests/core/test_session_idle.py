"""Sessions expire after two idle hours, refreshed at most once a minute (not on every request)."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from ombud.core.middleware import SessionIdleRefreshMiddleware
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db

KEY = SessionIdleRefreshMiddleware.KEY


def _expiry(session_key: str) -> float:
    return Session.objects.get(session_key=session_key).expire_date.timestamp()


def _inbox() -> str:
    return reverse("cases:inbox", args=["ishoj"])


def test_a_request_after_a_minute_pushes_the_idle_expiry_forward(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    session = client.session
    session[KEY] = int(time.time()) - 120
    session.save()
    row = Session.objects.get(session_key=session.session_key)
    row.expire_date -= timedelta(hours=1)
    row.save()
    before = _expiry(session.session_key)

    assert client.get(_inbox()).status_code == 200

    assert _expiry(session.session_key) > before + 3000


def test_requests_within_a_minute_do_not_write_the_session(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    client.get(_inbox())
    key = client.session.session_key
    before = _expiry(key)

    client.get(_inbox())

    assert _expiry(key) == before


def test_an_anonymous_visitor_gets_no_session_row() -> None:
    Client().get(reverse("accounts:login"))

    assert not Session.objects.exists()
