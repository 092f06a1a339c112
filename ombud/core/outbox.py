"""The e-mail outbox: every e-mail is a row written in the transaction that causes it, and the job
runner sends it (docs/decisions/0010-job-runner-and-outbox.md).

- `mail_queue(...)` is the one way to send mail. It writes an `OutboxMail` row in the caller's
  transaction (a rolled-back change sends nothing) and, once that commits, asks the job runner to
  send now instead of at the next minute's round.
- `outbox_send(now)` (the `outbox` job) claims due mails in small batches under a lease, so two
  runners never take the same mail, sends each, and marks it sent only after the mail server
  accepted it. A runner killed between the two re-sends that one mail after the lease ends; none
  is lost. A mail the server refuses is tried again with growing pauses and, after
  `MAX_ATTEMPTS`, marked failed: `ombud outbox` lists failed mails and sends them again.
- When the server cannot be reached at all, nothing is counted against the mails: they wait,
  and the next round tries again.
"""

import datetime as dt
import logging
import smtplib
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from ombud.core.models import OutboxMail, OutboxStatus

if TYPE_CHECKING:
    from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)

BATCH = 50
MAX_ATTEMPTS = 12
LONGEST_PAUSE = dt.timedelta(hours=6)
NUDGE_SECONDS = 5


def mail_queue(
    *, to: Iterable[str], subject: str, body: str, municipality_id: int | None = None
) -> OutboxMail | None:
    """Put one e-mail in the outbox, in the current transaction. Returns None with no address."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    mail = OutboxMail.objects.create(
        municipality_id=municipality_id,
        recipients=recipients,
        subject=subject[:998],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        next_attempt_at=timezone.now(),
    )
    _nudge_on_commit()
    return mail


def _nudge_on_commit() -> None:
    # Once per transaction level: a job that queues 20,000 reminders in one transaction asks
    # the runner once. (Django keeps (savepoint ids, callback, robust) per pending callback.)
    level = set(connection.savepoint_ids)
    pending: list[tuple[Any, ...]] = list(connection.run_on_commit)
    if not any(entry[1] is outbox_nudge and entry[0] == level for entry in pending):
        transaction.on_commit(outbox_nudge, robust=True)


def outbox_nudge() -> None:
    """Ask the job runner to send the outbox now; at most once in NUDGE_SECONDS, since one
    round sends every due mail (tests run each nudge at once)."""
    from django_q.conf import Conf
    from django_q.tasks import async_task

    if not Conf.SYNC and not cache.add("ombud:outbox:nudged", 1, timeout=NUDGE_SECONDS):
        return
    async_task("ombud.core.outbox.outbox_send_now", task_name="outbox", q_options={"timeout": 600})


def outbox_send_now() -> int:
    return outbox_send(timezone.now())


def outbox_send(now: dt.datetime) -> int:
    """Send the due mails; returns how many the mail server accepted."""
    sent = 0
    while True:
        claim, mails = _claim(now)
        if not mails:
            return sent
        accepted, reachable = _send_batch(claim, mails, now)
        sent += accepted
        if not reachable:
            return sent


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.OMBUD_OUTBOX_LEASE_SECONDS)


def _claim(now: dt.datetime) -> tuple[uuid.UUID, list[OutboxMail]]:
    """Take up to BATCH due mails for this runner until the lease ends."""
    claim = uuid.uuid4()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=timezone.now())
    due = OutboxMail.objects.filter(free, status=OutboxStatus.PENDING, next_attempt_at__lte=now)
    with transaction.atomic():
        ids = list(
            due.order_by("next_attempt_at", "id")
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:BATCH]
        )
        # The filter again: on SQLite (no row locks) two runners may read the same ids; the
        # update lets only one of them take each row.
        due.filter(id__in=ids).update(claim=claim, claimed_until=timezone.now() + _lease())
    return claim, list(OutboxMail.objects.filter(claim=claim).order_by("id"))


def _send_batch(claim: uuid.UUID, mails: list[OutboxMail], now: dt.datetime) -> tuple[int, bool]:
    """Send the claimed mails over one connection. Returns (accepted, server reachable)."""
    backend = get_connection(fail_silently=False)
    try:
        backend.open()
    except (OSError, smtplib.SMTPException) as error:
        _release(claim, mails, error)
        return 0, False
    accepted = 0
    try:
        for index, mail in enumerate(mails):
            if _send_one(backend, claim, mail, now):
                accepted += 1
            elif not _still_connected(backend):
                _release(claim, mails[index + 1 :], None)
                return accepted, False
    finally:
        _close(backend)
    return accepted, True


def _send_one(
    backend: "BaseEmailBackend", claim: uuid.UUID, mail: OutboxMail, now: dt.datetime
) -> bool:
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.recipients,
        headers={"Message-ID": mail.message_id},
        connection=backend,
    )
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        _failed(claim, mail, error, now)
        return False
    OutboxMail.objects.filter(pk=mail.pk, claim=claim).update(
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        attempts=mail.attempts + 1,
        claim=None,
        claimed_until=None,
        last_error="",
    )
    return True


def _failed(claim: uuid.UUID, mail: OutboxMail, error: Exception, now: dt.datetime) -> None:
    attempts = mail.attempts + 1
    permanent = isinstance(error, smtplib.SMTPRecipientsRefused) or attempts >= MAX_ATTEMPTS
    pause = min(dt.timedelta(minutes=2 ** (attempts - 1)), LONGEST_PAUSE)
    OutboxMail.objects.filter(pk=mail.pk, claim=claim).update(
        status=OutboxStatus.FAILED if permanent else OutboxStatus.PENDING,
        attempts=attempts,
        next_attempt_at=now + pause,
        claim=None,
        claimed_until=None,
        last_error=_describe(error),
    )
    # The error's kind and SMTP code only: its text may hold addresses.
    logger.warning("Outbox mail %s not sent (%s)", mail.pk, _describe(error))


def _release(claim: uuid.UUID, mails: list[OutboxMail], error: Exception | None) -> None:
    """Give the mails back untried: the server was unreachable, which is not their fault."""
    OutboxMail.objects.filter(pk__in=[m.pk for m in mails], claim=claim).update(
        claim=None, claimed_until=None
    )
    if error is not None:
        logger.warning("Mail server unreachable (%s); %d mails wait", _describe(error), len(mails))


def _describe(error: Exception) -> str:
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__}{f' {code}' if code else ''}"[:200]


def _still_connected(backend: "BaseEmailBackend") -> bool:
    smtp = getattr(backend, "connection", None)
    if smtp is None:
        return not hasattr(backend, "connection")  # backends without a connection (console)
    try:
        return bool(smtp.noop()[0] == 250)
    except (OSError, smtplib.SMTPException):
        return False


def _close(backend: "BaseEmailBackend") -> None:
    try:
        backend.close()
    except (OSError, smtplib.SMTPException):
        logger.warning("Mail server connection did not close cleanly")


def outbox_failed() -> list[OutboxMail]:
    return list(OutboxMail.objects.filter(status=OutboxStatus.FAILED).order_by("created_at"))


def outbox_retry(ids: Iterable[int] | None = None) -> int:
    """Send failed mails again from the next round (all of them without `ids`)."""
    failed = OutboxMail.objects.filter(status=OutboxStatus.FAILED)
    if ids is not None:
        failed = failed.filter(pk__in=list(ids))
    return failed.update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
