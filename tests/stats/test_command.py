import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from ombud.stats.selectors import Period, case_stats
from tests.helpers.personas import Personas


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_contract_json(register: Personas) -> None:
    output = _run("--municipality", "ishoj", "--year", "2021")
    data = json.loads(output)
    assert data == case_stats(register.ishoj, Period.year(2021))
    assert "Jobcenter Vallensbæk" in output  # ensure_ascii=False
    assert '\n  "totals": {' in output  # indent 2


def test_it_compares_with_another_year(register: Personas) -> None:
    data = json.loads(_run("--municipality", "ishoj", "--year", "2021", "--compare-with", "2020"))
    assert set(data) == {"current", "previous"}
    assert data["current"]["totals"]["cases"] == 7
    assert data["previous"]["period"] == {"start": "2020-01-01", "end": "2020-12-31"}
    assert data["previous"]["totals"]["cases"] == 2


def test_it_takes_any_period(register: Personas) -> None:
    data = json.loads(_run("--municipality", "ishoj", "--from", "2020-12-31", "--to", "2021-01-01"))
    assert data["period"] == {"start": "2020-12-31", "end": "2021-01-01"}
    assert data["totals"]["cases"] == 2
    data = json.loads(
        _run(
            "--municipality",
            "ishoj",
            "--from",
            "2021-01-01",
            "--to",
            "2021-06-30",
            "--compare-from",
            "2020-01-01",
            "--compare-to",
            "2020-06-30",
        )
    )
    assert data["previous"]["totals"]["cases"] == 1


def test_it_prints_a_table_side_by_side(register: Personas) -> None:
    output = _run(
        "--municipality", "ishoj", "--year", "2021", "--compare-with", "2020", "--format", "table"
    )
    assert "Ishøj Kommune" in output
    lines = output.splitlines()
    jobcenter = next(line for line in lines if line.startswith("Jobcenter Vallensbæk"))
    assert jobcenter.split()[-2:] == ["2", "0"]
    assert any(line.split()[-2:] == ["2021", "2020"] for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--municipality", "nowhere", "--year", "2021"], "nowhere"),
        (["--municipality", "ishoj"], "--year"),
        (["--municipality", "ishoj", "--year", "2021", "--from", "2021-01-01"], "--to"),
        (
            [
                "--municipality",
                "ishoj",
                "--year",
                "2021",
                "--from",
                "2021-01-01",
                "--to",
                "2021-02-01",
            ],
            "--year",
        ),
        (["--municipality", "ishoj", "--from", "2021-02-01", "--to", "2021-01-01"], "ligger efter"),
        (["--municipality", "ishoj", "--from", "1-2-2021", "--to", "2021-03-01"], "1-2-2021"),
        (["--municipality", "ishoj", "--year", "21"], "fire cifre"),
        (["--municipality", "ishoj", "--from", "0001-01-01", "--to", "2021-03-01"], "efter 1900"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message(
    register: Personas, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("stats", *args)


def test_it_exits_non_zero_without_a_traceback(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    subprocess.run(  # noqa: S603
        [sys.executable, manage, "migrate", "-v", "0"], env=env, check=True, capture_output=True
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, manage, "stats", "--municipality", "nowhere", "--year", "2021"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "nowhere" in result.stderr
