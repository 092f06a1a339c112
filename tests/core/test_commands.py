"""Commands answer a broken set-up with a sentence, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_it_explains_an_unmigrated_database(tmp_path: Path) -> None:
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    result = subprocess.run(  # noqa: S603
        [sys.executable, manage, "import_cases", "--municipality", "x", "file.csv"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "ombud migrate" in result.stderr
