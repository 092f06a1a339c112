"""Rate limits on the public pages: the contact form and the personal links (reply, deadlines)."""

import time
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from ombud.core import ratelimit
from ombud.core.models import AuditEvent
from ombud.portal.models import Contact, ProcessingDeadline
from ombud.portal.services import edit_link_create
from tests.helpers import case_data
from tests.helpers.personas import Personas
from tests.helpers.portal import centre_request_sent, contact_form

HOUR = 3600


def _later(monkeypatch: pytest.MonkeyPatch, seconds: int) -> None:
    start = time.time()
    monkeypatch.setattr(ratelimit, "_now", lambda: start + seconds)


@override_settings(OMBUD_CONTACT_LIMIT_PER_HOUR=2)
def test_it_limits_contact_submissions_and_keeps_what_was_typed(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = reverse("portal:contact", args=["ishoj"])
    client = Client()
    assert client.post(url, contact_form(personas, name="Første")).status_code == 302
    assert client.post(url, contact_form(personas, name="Anden")).status_code == 302
    typed = "Min bevilling til handicapbil er trukket tilbage uden begrundelse."
    response = client.post(url, contact_form(personas, name="Tredje Borger", what_happened=typed))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= HOUR
    content = response.content.decode()
    assert 'id="rate-limited"' in content
    assert "Vent" in content and "minut" in content  # Danish, with the wait in minutes
    assert "Det, du har skrevet, står stadig i formularen nedenfor" in content
    assert typed in content and 'value="Tredje Borger"' in content
    assert 'id="form-errors"' not in content
    assert Contact.objects.count() == 2  # nothing sent while limited
    # A fresh window: the counter has expired and the form works again.
    _later(monkeypatch, HOUR + 1)
    assert client.post(url, contact_form(personas, name="Fjerde")).status_code == 302
    assert Contact.objects.count() == 3


@override_settings(OMBUD_CONTACT_LIMIT_PER_HOUR=1)
def test_it_counts_each_client_apart_and_still_shows_the_form(personas: Personas) -> None:
    url = reverse("portal:contact", args=["ishoj"])
    first = Client(REMOTE_ADDR="192.0.2.1")
    assert first.post(url, contact_form(personas)).status_code == 302
    assert first.post(url, contact_form(personas)).status_code == 429
    assert first.get(url).status_code == 200  # reading the page is never limited
    assert Client(REMOTE_ADDR="192.0.2.2").post(url, contact_form(personas)).status_code == 302


@override_settings(OMBUD_LINK_GUESS_LIMIT_PER_HOUR=3)
def test_it_limits_guessing_reply_links_but_never_refuses_a_valid_one(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    request, token = centre_request_sent(personas)
    client = Client()  # a guesser and the centre behind the same office address
    for guess in ("aaaa", "bbbb", "cccc"):
        assert client.get(reverse("portal:reply", args=["ishoj", guess])).status_code == 410
    # Past the limit a wrong link answers 429 and keeps what was typed...
    typed = "Borgeren har fået afgørelsen den 3. marts."
    wrong = reverse("portal:reply", args=["ishoj", "dddd"])
    posted = client.post(wrong, {"reply": typed, "replied_by": "Centerchef Ib"})
    assert posted.status_code == 429 and "Retry-After" in posted
    content = posted.content.decode()
    assert typed in content and 'value="Centerchef Ib"' in content
    assert "Vent" in content
    # ...but the real link is looked up first and never refused because of the guesses.
    url = reverse("portal:reply", args=["ishoj", token])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reply": typed, "replied_by": "Ib"}).status_code == 200
    request.refresh_from_db()
    assert request.reply_text == typed


@override_settings(OMBUD_LINK_GUESS_LIMIT_PER_HOUR=2)
def test_it_shares_the_link_limit_with_the_centres_deadline_links(personas: Personas) -> None:
    _link, token = edit_link_create(
        actor=personas.advisor, municipality=personas.ishoj, centre=case_data.centre(personas.ishoj)
    )
    client = Client()
    assert client.get(reverse("portal:reply", args=["ishoj", "wrong"])).status_code == 410
    assert client.get(reverse("portal:centre_deadlines", args=["ishoj", "x"])).status_code == 410
    wrong = reverse("portal:centre_deadlines", args=["ishoj", "y"])
    data: dict[str, Any] = {"title": "Plejebolig", "area": "Ældre", "deadline": "2 måneder"}
    response = client.post(wrong, data)
    assert response.status_code == 429
    content = response.content.decode()
    assert 'value="Plejebolig"' in content and 'value="2 måneder"' in content
    assert 'name="centre"' not in content  # no list of centres to a client without a link
    assert not ProcessingDeadline.objects.exists()
    # The right link works, from this client and from another.
    url = reverse("portal:centre_deadlines", args=["ishoj", token])
    assert client.get(url).status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.9").get(url).status_code == 200


def test_a_valid_link_under_the_limit_is_not_counted(personas: Personas) -> None:
    _request_row, token = centre_request_sent(personas)
    client = Client()
    for _ in range(30):
        assert client.get(reverse("portal:reply", args=["ishoj", token])).status_code == 200


def test_it_keeps_no_address_only_a_keyed_hash(
    personas: Personas, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="198.51.100.7")
    other = factory.get("/", REMOTE_ADDR="198.51.100.8")
    assert ratelimit.client_hash(one) != ratelimit.client_hash(other)
    assert "198.51.100.7" not in ratelimit.client_hash(one)
    Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("portal:contact", args=["ishoj"]), contact_form(personas)
    )
    keys = [str(k) for k in cache._cache]  # type: ignore[attr-defined]
    assert keys and not any("198.51.100.7" in k for k in keys)
    for event in AuditEvent.objects.all():
        assert "198.51.100.7" not in f"{event.summary} {event.object_ref}"


def test_it_reads_the_client_from_trusted_proxies_only(settings: Any) -> None:
    factory = RequestFactory()
    request = factory.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5"
    )
    settings.OMBUD_PROXY_COUNT = 0
    assert ratelimit.client_address(request) == "127.0.0.1"
    settings.OMBUD_PROXY_COUNT = 1
    # The entry nginx added; the one before it could be forged by the client.
    assert ratelimit.client_address(request) == "203.0.113.5"
    assert ratelimit.client_address(factory.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
