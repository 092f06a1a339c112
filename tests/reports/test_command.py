from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.helpers.pdf_text import pdf_text
from tests.helpers.personas import Personas
from tests.helpers.reports import docx_text, filled_draft, squash


def test_it_renders_the_standard_template(register: Personas, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    call_command("report", municipality="ishoj", year=2021, format="docx", output=str(out))
    text = squash(docx_text(out.read_bytes()))
    assert "oprettet 7 sager" in text
    assert "[Skriv her]" not in text


def test_it_renders_the_draft_for_the_period(register: Personas, tmp_path: Path) -> None:
    filled_draft(register)
    out = tmp_path / "r.pdf"
    call_command(
        "report",
        "--municipality",
        "ishoj",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
        "--compare-with",
        "2020",
        "--format",
        "pdf",
        "--output",
        str(out),
    )
    text = squash(pdf_text(out.read_bytes()))
    assert "Tekst skrevet af rådgiveren." in text
    assert "4 klagesager og 3 andre henvendelser" in text


def test_it_renders_a_midway_status_in_html(register: Personas, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    call_command(
        "report",
        "--municipality",
        "ishoj",
        "--from",
        "2021-01-01",
        "--to",
        "2021-06-30",
        "--kind",
        "midway",
        "--format",
        "html",
        "--output",
        str(out),
    )
    html = out.read_text()
    assert "Administrativ midtvejsstatus" in html
    assert "oprettet 4 sager" in html  # Jan-Jun 2021: four cases


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--municipality", "nowhere", "--year", "2021"], "nowhere"),
        (["--municipality", "ishoj"], "--year"),
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
        (["--municipality", "ishoj", "--from", "2021-13-01", "--to", "2021-12-31"], "2021-13-01"),
        (["--municipality", "ishoj", "--from", "2021-12-31", "--to", "2021-01-01"], "2021-12-31"),
    ],
)
def test_it_explains_bad_input(
    register: Personas, tmp_path: Path, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "--format", "html", "--output", str(tmp_path / "x.html"))


def test_it_refuses_a_missing_folder(register: Personas, tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command(
            "report",
            "--municipality",
            "ishoj",
            "--year",
            "2021",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "no" / "x.pdf"),
        )
