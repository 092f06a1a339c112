"""Keeping the public channel open (issue 10, points 2 and 3): one client flooding the reporting
page or guessing receipt codes slows down itself, while a real reporter on another client goes
through; no address is kept; handlers get one e-mail per few minutes, however many reports."""

import datetime as dt
import logging
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from ombud.whistleblower import jobs, services
from ombud.whistleblower.models import Report
from tests.helpers.whistleblower import SECRET_TEXT, WbSetup, all_rows_bytes, sample_input

pytestmark = pytest.mark.django_db

FLOODER = "198.51.100.7"
REPORTER = "203.0.113.20"
NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def _form(**extra: Any) -> dict[str, Any]:
    return {
        "reporter_category": "employee",
        "category": "crime",
        "what": SECRET_TEXT,
        "when": "I marts",
        "who": "Kassereren",
        "how_known": "Jeg så det",
        "evidence": "",
        "is_anonymous": "1",
        **extra,
    }


def _report_url() -> str:
    return reverse("whistleblower:report", args=["ishoj"])


@override_settings(WHISTLEBLOWER_REPORTS_PER_CLIENT_PER_HOUR=3)
def test_a_flooding_client_waits_while_another_reporter_gets_through(
    wb: WbSetup, caplog: pytest.LogCaptureFixture
) -> None:
    flooder = Client(REMOTE_ADDR=FLOODER)
    with caplog.at_level(logging.DEBUG):
        for _ in range(3):
            assert flooder.post(_report_url(), _form()).status_code == 302
        refused = flooder.post(_report_url(), _form(what="Mit fjerde forsøg"))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert "Vent" in page and "Mit fjerde forsøg" in page  # Danish, and what was typed is kept
    assert Report.objects.count() == 3
    assert Client(REMOTE_ADDR=REPORTER).post(_report_url(), _form()).status_code == 302
    assert Report.objects.count() == 4
    assert FLOODER not in caplog.text
    assert FLOODER.encode() not in all_rows_bytes()


def test_the_limit_page_speaks_english_to_an_english_visitor(wb: WbSetup) -> None:
    flooder = Client(REMOTE_ADDR=FLOODER, HTTP_ACCEPT_LANGUAGE="en")
    flooder.cookies["django_language"] = "en"
    with override_settings(WHISTLEBLOWER_REPORTS_PER_CLIENT_PER_HOUR=0):
        refused = flooder.post(_report_url(), _form(what="Typed in English"))
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Wait" in page and "Typed in English" in page


@override_settings(WHISTLEBLOWER_REPORTS_PER_SCHEME_PER_HOUR=2)
def test_the_scheme_has_a_ceiling_too(wb: WbSetup) -> None:
    for number in range(2):
        assert (
            Client(REMOTE_ADDR=f"192.0.2.{number}").post(_report_url(), _form()).status_code == 302
        )
    assert Client(REMOTE_ADDR="192.0.2.9").post(_report_url(), _form()).status_code == 429


def _login(client: Client, receipt: str) -> int:
    url = reverse("whistleblower:inbox_login", args=["ishoj"])
    return int(client.post(url, {"receipt": receipt}).status_code)


@override_settings(WHISTLEBLOWER_RECEIPT_GUESSES_PER_CLIENT_PER_HOUR=5)
def test_guessing_receipts_slows_the_guesser_and_never_the_reporter(
    wb: WbSetup, personas: Any
) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    guesser = Client(REMOTE_ADDR=FLOODER)
    assert [_login(guesser, f"{n:016d}") for n in range(6)] == [200] * 5 + [429]
    assert _login(guesser, submission.receipt) == 429  # the guesser waits, right code or not
    assert _login(Client(REMOTE_ADDR=REPORTER), submission.receipt) == 302


@override_settings(
    WHISTLEBLOWER_RECEIPT_GUESSES_PER_CLIENT_PER_HOUR=50,
    WHISTLEBLOWER_RECEIPT_SCHEME_CEILING_PER_HOUR=4,
)
def test_past_the_scheme_ceiling_a_reporters_first_right_code_still_opens(
    wb: WbSetup, personas: Any
) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    for n in range(4):  # many clients, one guess each: the ceiling is reached
        assert _login(Client(REMOTE_ADDR=f"192.0.2.{n}"), f"{n:016d}") == 200
    mistyped = Client(REMOTE_ADDR="192.0.2.50")
    assert _login(mistyped, "1" * 16) == 200
    page = mistyped.post(
        reverse("whistleblower:inbox_login", args=["ishoj"]), {"receipt": submission.receipt}
    )
    assert "prøvet for mange forkerte koder" in page.content.decode()
    assert _login(Client(REMOTE_ADDR=REPORTER), submission.receipt) == 302


def test_handlers_get_one_activity_mail_per_interval(
    wb: WbSetup, personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    wb.handler_user.email = "hanne@ishoj.example"
    wb.handler_user.save()
    for _ in range(3):
        services.report_submit(municipality=personas.ishoj, data=sample_input())
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.whistleblower_activity_mail(NOON) == 1
        assert jobs.whistleblower_activity_mail(NOON + dt.timedelta(minutes=1)) == 0
        services.report_submit(municipality=personas.ishoj, data=sample_input())
        assert jobs.whistleblower_activity_mail(NOON + dt.timedelta(minutes=2)) == 0
        assert jobs.whistleblower_activity_mail(NOON + dt.timedelta(minutes=5)) == 1
    assert [m.to for m in mail.outbox] == [["hanne@ishoj.example"]] * 2
    assert not [m for m in mail.outbox if SECRET_TEXT in m.body]
