"""Events announced after commit (ombud/core/events.py)."""

import logging
from typing import Any

import pytest
from django.db import transaction
from django.dispatch import Signal

from ombud.core.events import announce_on_commit

pytestmark = pytest.mark.django_db


def test_it_announces_only_once_committed(django_capture_on_commit_callbacks: Any) -> None:
    signal, heard = Signal(), []
    signal.connect(lambda sender, **payload: heard.append(payload["n"]), weak=False)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        announce_on_commit(signal, sender=None, n=1)
        assert heard == []
    assert heard == [1]


def test_it_forgets_the_announcement_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks: Any,
) -> None:
    signal, heard = Signal(), []
    signal.connect(lambda sender, **payload: heard.append(1), weak=False)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        announce_on_commit(signal, sender=None)
        raise RuntimeError
    assert heard == []


def test_a_failing_receiver_is_logged_and_the_others_still_hear(
    django_capture_on_commit_callbacks: Any, caplog: pytest.LogCaptureFixture
) -> None:
    signal, heard = Signal(), []

    def broken(sender: Any, **payload: Any) -> None:
        raise ValueError("broken receiver")

    signal.connect(broken, weak=False)
    signal.connect(lambda sender, **payload: heard.append(payload["secret"]), weak=False)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        announce_on_commit(signal, sender=None, secret="0101901234")
    assert heard == ["0101901234"]
    assert "broken" in caplog.text and "0101901234" not in caplog.messages[0]
