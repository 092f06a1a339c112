"""`ombud backup` and `ombud restore` (issue 11, point 8), as an operator runs them.

A demo installation as `make run` leaves it (keys in data/, SQLite, uploads) is backed up,
wiped, and restored into a new database; then a handler opens a whistleblower report with her
password and an advisor reveals a CPR number, both the same as before. The backup holds no key.
"""

import ast
import os
import secrets
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from django.conf import settings

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")

PROBE = """
from django.core.files.storage import default_storage
from ombud.accounts.models import User
from ombud.cases.models import Citizen
from ombud.cases.services.citizens import citizen_reveal_cpr
from ombud.whistleblower.models import Handler, Report
from ombud.whistleblower.selectors import report_read
from ombud.whistleblower.services import handler_unlock
handler = Handler.objects.get(user__username="demo", municipality__slug="demo")
key = handler_unlock(handler=handler, password="demo-ombud-2026")
report = Report.objects.filter(municipality=handler.municipality).order_by("reference").first()
opened = report_read(handler=handler, private_key=key, report=report)
citizen = Citizen.objects.exclude(cpr_encrypted=None).order_by("pk").first()
cpr = citizen_reveal_cpr(actor=User.objects.get(username="demo"), citizen=citizen)
upload = default_storage.open("proof/brev.txt").read().decode()
print(repr((report.reference, sorted(opened.content.items()), cpr, upload)))
"""


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, MANAGE, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _probe(env: dict[str, str]) -> tuple[str, list[tuple[str, str]], str, str]:
    value: tuple[str, list[tuple[str, str]], str, str] = ast.literal_eval(
        _manage(env, "shell", "-c", PROBE).strip().splitlines()[-1]
    )
    return value


def test_it_backs_up_wipes_and_restores_an_installation(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    secret_key = secrets.token_urlsafe(50)
    field_key = secrets.token_hex(32)
    (data / "secret_key").write_text(secret_key + "\n")
    (data / "field_encryption_key").write_text(field_key + "\n")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_KEY", "DATABASE_URL"))
    }
    env.update(OMBUD_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="config.settings")
    _manage(env, "migrate", "-v0")
    _manage(env, "load_demo")
    _manage(env, "shell", "-c", SAVE_UPLOAD)
    before = _probe(env)
    assert len(before[2]) >= 10  # a real CPR number was revealed

    backup = tmp_path / "ombud-backup.tar"
    _manage(env, "backup", str(backup))
    raw = backup.read_bytes()
    assert secret_key.encode() not in raw and field_key.encode() not in raw
    with tarfile.open(backup) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and not any("key" in name for name in names)

    # The server is lost: database and uploads go; the keys were kept apart.
    for path in data.glob("ombud.sqlite3*"):
        path.unlink()
    shutil.rmtree(data / "media")

    _manage(env, "restore", str(backup))
    assert _probe(env) == before
    # A second restore over the restored installation is refused.
    result = subprocess.run(  # noqa: S603
        [sys.executable, MANAGE, "restore", str(backup)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "not empty" in result.stderr


SAVE_UPLOAD = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
default_storage.save("proof/brev.txt", ContentFile("Kære borgerrådgiver".encode()))
"""
