"""The e-mail outbox (ombud/core/outbox.py) against a real SMTP server (aiosmtpd).

Every mail is written in the transaction that causes it, sent by the job runner, and marked
sent only after the server accepted it; a stopped server loses nothing; a refused mail is kept
as failed for the administrator (`ombud outbox`) and can be sent again.
"""

import contextlib
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ombud.core.models import OutboxMail, OutboxStatus
from ombud.core.outbox import mail_queue, outbox_send
from tests.helpers.smtp import Sink

pytestmark = pytest.mark.django_db


@pytest.fixture
def sink(settings: Any) -> Iterator[Sink]:
    server = Sink(refuse=("nobody@example.org",)).start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    yield server
    server.stop()


def _queue(count: int, to: str = "chef@example.org") -> list[OutboxMail]:
    # Inside one transaction, as a job queues its mails; the runner sends them later.
    with transaction.atomic():
        return [
            mail
            for n in range(count)
            if (mail := mail_queue(to=[to], subject=f"Påmindelse {n}", body="Se linket."))
        ]


@pytest.mark.clock_sensitive
def test_it_sends_nothing_when_the_change_is_rolled_back(sink: Sink) -> None:
    with contextlib.suppress(RuntimeError), transaction.atomic():
        mail_queue(to=["chef@example.org"], subject="Aldrig", body="-")
        raise RuntimeError
    assert outbox_send(timezone.now()) == 0
    assert not OutboxMail.objects.exists()
    assert sink.received == []


@pytest.mark.clock_sensitive
def test_it_marks_a_mail_sent_only_when_the_server_accepted_it(sink: Sink) -> None:
    mails = _queue(120)
    assert outbox_send(timezone.now()) == 120
    assert sink.ids() == {mail.message_id: 1 for mail in mails}
    assert set(OutboxMail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


@pytest.mark.clock_sensitive
def test_it_keeps_every_mail_while_the_server_is_down_and_sends_each_once_after(
    sink: Sink,
) -> None:
    mails = _queue(60)
    sink.stop()
    for _round in range(3):
        assert outbox_send(timezone.now()) == 0
    waiting = OutboxMail.objects.filter(status=OutboxStatus.PENDING, attempts=0)
    assert waiting.count() == 60  # the server's absence is not counted against the mails
    sink.start()
    assert outbox_send(timezone.now()) == 60
    assert sink.ids() == {mail.message_id: 1 for mail in mails}


@pytest.mark.clock_sensitive
def test_it_keeps_a_refused_mail_as_failed_and_sends_the_others(sink: Sink) -> None:
    _queue(3)
    refused = mail_queue(to=["nobody@example.org"], subject="Til ingen", body="-")
    _queue(3)
    assert outbox_send(timezone.now()) == 6
    assert refused is not None
    refused.refresh_from_db()
    assert refused.status == OutboxStatus.FAILED
    assert refused.last_error.startswith("SMTPRecipientsRefused")
    out = io.StringIO()
    call_command("outbox", stdout=out)
    assert "failed: 1" in out.getvalue() and "nobody@example.org" in out.getvalue()
    call_command("outbox", "--retry", stdout=io.StringIO())
    refused.refresh_from_db()
    assert refused.status == OutboxStatus.PENDING


@pytest.mark.clock_sensitive
def test_it_tries_a_failing_mail_again_later_with_a_growing_pause(sink: Sink) -> None:
    sink.busy_subject = "Optaget"
    busy = mail_queue(to=["chef@example.org"], subject="Optaget", body="-")
    assert busy is not None
    now = timezone.now()
    pauses = []
    for _attempt in range(3):
        assert outbox_send(now) == 0
        busy.refresh_from_db()
        pauses.append(busy.next_attempt_at - now)
        assert outbox_send(now) == 0  # not due again yet
        now = busy.next_attempt_at
    assert busy.attempts == 3 and busy.status == OutboxStatus.PENDING
    assert [p.total_seconds() / 60 for p in pauses] == [1, 2, 4]
    sink.busy_subject = ""
    assert outbox_send(now) == 1
    assert sink.ids() == {busy.message_id: 1}
