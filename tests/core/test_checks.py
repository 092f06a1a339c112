"""`check --deploy` warns when e-mail links would point at localhost in production."""

import shutil
import subprocess
from pathlib import Path

from django.core.checks import run_checks
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def _ids(**settings: object) -> list[str]:
    with override_settings(**settings):
        return [m.id for m in run_checks(include_deployment_checks=True) if m.id]


def test_it_warns_in_production_without_a_base_url() -> None:
    assert "ombud.W001" in _ids(DEBUG=False, OMBUD_BASE_URL_SET=False)


def test_it_is_quiet_when_set_or_in_development() -> None:
    assert "ombud.W001" not in _ids(DEBUG=False, OMBUD_BASE_URL_SET=True)
    assert "ombud.W001" not in _ids(DEBUG=True, OMBUD_BASE_URL_SET=False)


def test_make_run_derives_the_base_url_from_host_and_port() -> None:
    """What `make run PORT=8101` exports to the server and the worker: the Makefile's own rule,
    applied to a probe target that prints it (nothing is started)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    rule = next(x for x in makefile if x.startswith("run: export OMBUD_BASE_URL"))
    probe = "\n".join(
        [
            "HOST ?= 127.0.0.1",
            "PORT ?= 8000",
            rule.replace("run:", "show:", 1),
            "show: ; @echo $$OMBUD_BASE_URL",
            "",
        ]
    )

    def base_url(*args: str) -> str:
        done = subprocess.run(  # noqa: S603 - our own Makefile rule, fixed arguments
            [shutil.which("make") or "/usr/bin/make", "-s", "-f", "-", "show", *args],
            input=probe,
            capture_output=True,
            text=True,
            check=True,
            env={"PATH": "/usr/bin:/bin"},
        )
        return done.stdout.strip()

    assert base_url("PORT=8101") == "http://127.0.0.1:8101"
    assert base_url("HOST=0.0.0.0", "PORT=8102") == "http://127.0.0.1:8102"
    assert base_url("OMBUD_BASE_URL=https://ombud.example") == "https://ombud.example"
