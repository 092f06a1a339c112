"""Every `ombud` command in the README runs as written after `make run`.

`make run` keeps its keys in data/ and sets no environment for later shells; the commands must
find those keys themselves (issue 11, point 9). The test copies what `make run` leaves behind
into a fresh data folder, sets nothing else (no DEBUG, no SECRET_KEY), and runs the README's
command block line by line, taking optional arguments `[--x]` in and the first of `a|b`.
"""

import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.helpers.exchange import GOOD_ROWS, xlsx_bytes

README = Path(settings.BASE_DIR) / "README.md"
MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
PASSWORD = "a-long-password-for-anne-2026"


def _readme_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## The `ombud` command", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [line.split("  #", 1)[0].strip() for line in section.splitlines()]
    return [line for line in lines if line.startswith(".venv/bin/ombud ")]


def _as_written(line: str) -> list[str]:
    """Optional parts taken in (`[--year 2021]` → `--year 2021`), alternatives as the first."""
    line = re.sub(r"\[([^\]]*)\]", r"\1", line)
    line = re.sub(r"(\S+?)\|\S+", r"\1", line)
    return [sys.executable, MANAGE, *shlex.split(line)[1:]]


def _stdin_for(args: list[str], recovery_key: str) -> str:
    if "add_user" in args:
        return f"{PASSWORD}\n{PASSWORD}\n"
    if "whistleblower_rotate_recovery" in args:
        return recovery_key + "\n"
    return ""


def _recovery_key(output: str) -> str:
    found = re.findall(r"\b[0-9a-f]{64}\b", output)
    return found[0] if found else ""


def test_it_runs_every_readme_command_with_the_keys_make_run_wrote(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "secret_key").write_text(secrets.token_urlsafe(50) + "\n")
    (data / "field_encryption_key").write_text(secrets.token_hex(32) + "\n")
    (tmp_path / "sager.xlsx").write_bytes(
        xlsx_bytes(
            [[row.get(name, "") for name in row] for row in GOOD_ROWS[:1]], list(GOOD_ROWS[0])
        )
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_KEY", "DATABASE_URL"))
    }
    env.update(OMBUD_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="config.settings")
    commands = _readme_commands()
    assert len(commands) >= 10, "the README's command block was not found"
    recovery_key = ""
    for line in commands:
        args = _as_written(line)
        result = subprocess.run(  # noqa: S603
            args,
            cwd=tmp_path,
            env=env,
            input=_stdin_for(args, recovery_key),
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr, line
        if "whistleblower_setup" in args:
            recovery_key = _recovery_key(result.stdout)
