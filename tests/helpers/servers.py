"""Real servers started by a test: gunicorn on the helper's port range, waited for and stopped."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.conf import settings

PORTS = range(8140, 8150)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8140-8149")


def server_env(**extra: str) -> dict[str, str]:
    """Production-like settings (DEBUG off) with a throw-away key; `extra` on top."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "DJANGO_SETTINGS"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="test-server-key-" + "x" * 40,
        SECURE_COOKIES="false",
        PYTHONPATH=str(settings.BASE_DIR),
    )
    env.update(extra)
    return env


def get(url: str, *, cookie: str = "", accept: str = "", timeout: float = 20) -> tuple[int, str]:
    headers = {"Cookie": cookie} if cookie else {}
    if accept:
        headers["Accept"] = accept
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 1, log_to: Path | None = None) -> Iterator[str]:
    """A gunicorn serving config.wsgi; yields its base URL. Its log goes to `log_to` if given."""
    port = free_port()
    with log_to.open("w+b") if log_to else tempfile.TemporaryFile() as log:
        yield from _serve(env, port, workers, log)


def _serve(env: dict[str, str], port: int, workers: int, log: IO[bytes]) -> Iterator[str]:
    process = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--timeout",
            "60",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process, log)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _wait_for(base: str, process: "subprocess.Popen[bytes]", log: IO[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(log.read().decode("utf-8", "replace"))
        try:
            get(base + "/static/css/ombud.css", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")
