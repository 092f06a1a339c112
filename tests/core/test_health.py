"""/healthz and /readyz (issue 11, point 6), and logs without personal data.

`/healthz` answers without the database (a database outage must not make the load balancer
restart the app); `/readyz` checks the database, the cache and the job runner's heartbeat.
With `LOG_FORMAT=json` every log line is a JSON object, and no line carries a whistleblower
path, an e-mail address or a CPR number, even from a crash whose URL held them.
"""

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from ombud.core.jobs import heartbeat_note
from ombud.core.models import Heartbeat
from tests.helpers.servers import get, gunicorn, server_env

NOBODY_LISTENS = "postgres://postgres@127.0.0.1:8149/ombud_gone"


def _readyz() -> HttpResponse:
    """GET /readyz from a thread of its own: django-health-check runs its checks through
    async_to_sync, which refuses a thread with a running event loop, and the browser tests'
    Playwright leaves one in the main thread for the rest of the session."""

    def get() -> HttpResponse:
        try:
            response: HttpResponse = Client().get("/readyz", HTTP_ACCEPT="application/json")
            return response
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(get).result()


def test_it_is_alive_without_the_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_it_is_ready_when_the_database_cache_and_job_runner_are() -> None:
    heartbeat_note()
    response = _readyz()
    assert response.status_code == 200, response.content


@pytest.mark.clock_sensitive
@pytest.mark.django_db(transaction=True)
def test_it_is_not_ready_when_the_job_runner_has_stopped() -> None:
    assert _readyz().status_code == 500
    Heartbeat.objects.create(name="job-runner", beat_at=timezone.now() - dt.timedelta(minutes=10))
    response = _readyz()
    assert response.status_code == 500
    assert "JobRunner" in response.content.decode()


def test_it_logs_json_without_personal_data_or_whistleblower_paths(tmp_path: Path) -> None:
    log = tmp_path / "gunicorn.log"
    env = server_env(DATABASE_URL=NOBODY_LISTENS, LOG_FORMAT="json")
    with gunicorn(env, log_to=log) as base:
        assert get(base + "/healthz")[0] == 200
        assert get(base + "/readyz", accept="application/json")[0] == 500
        secret = "/whistleblower/demo-anne-borger/kvittering/"
        assert get(base + secret + "?mail=anne.borger@example.org&cpr=0101901234")[0] == 500
        assert get(base + "/borgerraadgiver/demo/?q=010190-1234")[0] == 500
    lines = [line for line in log.read_text().splitlines() if line.startswith("{")]
    assert any("Internal Server Error" in line for line in lines)
    for line in lines:
        json.loads(line)
    text = log.read_text()
    for leak in ("demo-anne", "anne.borger", "example.org", "0101901234", "010190-1234"):
        assert leak not in text, leak
