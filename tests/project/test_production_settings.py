"""Production defaults: `check --deploy` with the documented production environment
(.env.example) reports nothing, and `make run` serves through gunicorn without an access log."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _documented_environment() -> dict[str, str]:
    """.env.example as an environment, with fresh keys where it leaves them empty."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", str(ROOT))}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            env[name] = value
    env["SECRET_KEY"] = env.get("SECRET_KEY") or secrets.token_urlsafe(50)
    env["FIELD_ENCRYPTION_KEY"] = env.get("FIELD_ENCRYPTION_KEY") or secrets.token_hex(32)
    return env


def test_it_passes_the_deploy_check_with_the_documented_environment() -> None:
    env = _documented_environment()
    assert env["DEBUG"] == "false" and "SECURE_SSL_REDIRECT" not in env
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_turns_on_https_redirect_hsts_and_secure_cookies_without_debug() -> None:
    env = _documented_environment()
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE)"
    )
    run = [sys.executable, "-c", f"import django; django.setup(); {code}"]
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    out = subprocess.run(  # noqa: S603
        run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    assert out == ["True", "31536000", "True", "True"]
    # A proxy that redirects itself switches the redirect off; HSTS stays.
    env["SECURE_SSL_REDIRECT"] = "false"
    out = subprocess.run(  # noqa: S603
        run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    assert out[:2] == ["False", "31536000"]


def test_it_serves_make_run_through_gunicorn_without_an_access_log() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run: \$\(STAMP\)\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe is not None
    lines = [line for line in recipe.group(1).splitlines() if not line.strip().startswith("@#")]
    serve = [line for line in lines if "gunicorn" in line]
    assert serve and "runserver" not in recipe.group(1)
    assert "access" not in serve[0] and "worker" in recipe.group(1)
