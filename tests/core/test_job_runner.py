"""The job runner (django-q2 under ombud/core/jobs.py), with real processes.

- Each scheduled job is a task of its own: one that fails is kept as a failure and the others
  still run.
- `ombud worker` killed (SIGKILL) while it sends thousands of mails, and the mail server stopped
  while a new worker starts: after recovery every mail has arrived, and at most the one that was
  in flight at the kill twice (docs/decisions/0010-job-runner-and-outbox.md).
"""

import ast
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django_q.models import Schedule

from ombud.core import jobs
from ombud.core.jobs import Job, jobs_add, schedules_sync
from tests.helpers.servers import server_env
from tests.helpers.smtp import Sink

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
MAILS = 2000


@pytest.mark.django_db
def test_each_job_is_a_task_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """django-q2 runs each schedule's task apart and keeps a failure as a failure; a job that
    raises cannot take the others down with it."""
    monkeypatch.setattr(jobs, "_JOBS", {})
    jobs_add(Job("first", lambda now: 1), Job("second", lambda now: 2))
    Schedule.objects.create(name="gone", func=jobs.RUNNER, args="('gone',)")
    assert schedules_sync() == 2
    schedules = Schedule.objects.order_by("name").values_list("name", "func", "args", "minutes")
    assert list(schedules) == [
        ("first", jobs.RUNNER, "('first',)", 1),
        ("second", jobs.RUNNER, "('second',)", 1),
    ]
    assert jobs.job_run("second") == 2
    assert jobs.job_run("gone") == 0  # a job removed since it was scheduled does nothing


def _manage(env: dict[str, str], *args: str, stdin: str = "") -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, MANAGE, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _worker(env: dict[str, str], log: Path) -> "subprocess.Popen[bytes]":
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603
            [sys.executable, MANAGE, "worker"],
            env=env,
            stdout=out,
            stderr=out,
            start_new_session=True,  # the cluster's processes form one group to kill
        )


def _kill(process: "subprocess.Popen[bytes]", sig: int = signal.SIGKILL) -> None:
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)


def _wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


QUEUE = f"""
from django.db import transaction
from ombud.core.outbox import mail_queue
with transaction.atomic():
    for n in range({MAILS}):
        mail_queue(to=[f"chef{{n}}@example.org"], subject=f"Paamindelse {{n}}", body="Se linket.")
"""
COUNT = """
from ombud.core.models import OutboxMail
print(sorted((s, str(p)) for s, p in OutboxMail.objects.values_list("status", "public_id")))
"""


def test_a_killed_worker_and_a_stopped_mail_server_lose_no_mail(tmp_path: Path) -> None:
    sink = Sink(delay=0.002).start()
    env = server_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'ombud.sqlite3'}",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        OMBUD_OUTBOX_LEASE_SECONDS="3",
        OMBUD_WORKER_PROCESSES="1",
    )
    log = tmp_path / "worker.log"
    try:
        _manage(env, "migrate", "-v0")
        _manage(env, "shell", "-c", QUEUE)
        first = _worker(env, log)
        _wait_for(lambda: len(sink.received) >= MAILS // 10, 120, "the first worker sends")
        _kill(first)
        delivered_at_kill = len(sink.ids())
        assert delivered_at_kill < MAILS, "the kill came too late to test anything"
        sink.stop()
        second = _worker(env, log)
        time.sleep(5)  # the new worker finds the mail server down, and keeps every mail
        sink.start()
        try:
            _wait_for(
                lambda: len(sink.ids()) >= MAILS,
                240,
                f"every mail arrives after recovery; {len(sink.ids())} did. "
                + log.read_text()[-3000:],
            )
            time.sleep(3)
        finally:
            _kill(second, signal.SIGTERM)
    finally:
        sink.stop()
    counts = sink.ids()
    assert len(counts) == MAILS
    assert sum(n - 1 for n in counts.values()) <= 1  # at most the mail in flight at the kill
    rows = ast.literal_eval(_manage(env, "shell", "-c", COUNT).strip().splitlines()[-1])
    assert {status for status, _id in rows} == {"sent"}
    assert {f"<{public_id}@ombud.outbox>" for _status, public_id in rows} == set(counts)
