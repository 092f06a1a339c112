"""A real SMTP server for tests (aiosmtpd), on the helper's port range, that can be stopped
and started again on the same port and can refuse chosen recipients."""

import asyncio
import threading
from collections import Counter
from email import message_from_bytes
from typing import Any

from aiosmtpd.controller import Controller

from tests.helpers.servers import free_port


class Sink:
    def __init__(
        self, *, refuse: tuple[str, ...] = (), delay: float = 0.0, busy_subject: str = ""
    ) -> None:
        self.refuse = refuse
        self.busy_subject = busy_subject
        self.delay = delay
        self.port = free_port()
        self.received: list[tuple[str, list[str], str]] = []  # (Message-ID, to, subject)
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    async def handle_RCPT(  # noqa: N802  # aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.delay:
            await asyncio.sleep(self.delay)  # a slow server, so a test can kill a sender mid-batch
        message = message_from_bytes(envelope.content)
        if self.busy_subject and self.busy_subject in str(message["Subject"]):
            return "451 Try again later"
        with self._lock:
            self.received.append(
                (str(message["Message-ID"]), list(envelope.rcpt_tos), str(message["Subject"]))
            )
        return "250 Message accepted for delivery"

    def start(self) -> "Sink":
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def ids(self) -> Counter[str]:
        with self._lock:
            return Counter(message_id for message_id, _to, _subject in self.received)

    def settings(self) -> dict[str, Any]:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_TIMEOUT": 10,
        }
