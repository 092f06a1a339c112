"""Announcing domain events. The app that owns an event defines it as a Django signal in its
`signals.py` and announces it from its service; other apps connect receivers in their
`AppConfig.ready` (see docs/architecture.md, "Events").

Two timings, chosen by the owner per event:
- `signal.send(...)` inside the service's transaction: the receivers' writes commit or roll back
  with the change (a new municipality gets its default taxonomy, or neither exists).
- `announce_on_commit(signal, ...)`: once the transaction has committed. A receiver that fails
  is logged and cannot undo or fail what was committed (a registered case stays registered).
"""

import logging
from typing import Any

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)


def announce_on_commit(signal: Signal, *, sender: Any, **payload: Any) -> None:
    """Send `signal` with `payload` when the current transaction commits (at once outside one)."""

    def send() -> None:
        for receiver, result in signal.send_robust(sender=sender, **payload):
            if isinstance(result, Exception):
                name = getattr(receiver, "__qualname__", repr(receiver))
                # No payload in the log: it may hold personal data.
                logger.error("Receiver %s failed after commit", name, exc_info=result)

    transaction.on_commit(send)
