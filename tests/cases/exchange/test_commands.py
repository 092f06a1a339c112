from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ombud.cases.models import Case
from ombud.core.models import AuditAction, AuditEvent
from tests.helpers.exchange import DANISH, GOOD_ROWS, csv_bytes
from tests.helpers.personas import Personas


def import_file(path: Path, *flags: str) -> str:
    out = StringIO()
    call_command(
        "import_cases", "--municipality", "ishoj", *flags, str(path), stdout=out, stderr=out
    )
    return out.getvalue()


@pytest.mark.django_db
class TestImportCommand:
    def test_it_prints_the_summary_and_is_idempotent(
        self, personas: Personas, tmp_path: Path
    ) -> None:
        path = tmp_path / "cases.csv"
        path.write_bytes(csv_bytes(GOOD_ROWS, header=DANISH, delimiter=";"))
        assert import_file(path).strip().splitlines()[-1] == "created 4, updated 0, unchanged 0"
        assert import_file(path).strip().splitlines()[-1] == "created 0, updated 0, unchanged 4"

    def test_a_dry_run_stores_nothing(self, personas: Personas, tmp_path: Path) -> None:
        path = tmp_path / "cases.csv"
        path.write_bytes(csv_bytes(GOOD_ROWS))
        output = import_file(path, "--dry-run")
        assert output.strip().splitlines()[-1] == "created 4, updated 0, unchanged 0"
        assert not Case.objects.exists()

    def test_it_lists_every_problem_and_exits_non_zero(
        self, personas: Personas, tmp_path: Path
    ) -> None:
        rows = [dict(GOOD_ROWS[0], opened="31-02-2021"), dict(GOOD_ROWS[2], kind="?")]
        path = tmp_path / "bad.csv"
        path.write_bytes(csv_bytes(rows))
        err = StringIO()
        with pytest.raises(CommandError) as error:
            call_command("import_cases", "--municipality", "ishoj", str(path), stderr=err)
        lines = err.getvalue().splitlines()
        assert lines[0].startswith("row 2, column opened: value '31-02-2021': ")
        assert lines[1].startswith("row 3, column kind: value '?': ")
        assert "2" in str(error.value)
        assert not Case.objects.exists()

    @pytest.mark.parametrize(
        "content", [None, b"", b"reference;citizen\n2021-1;B1\n", b"PK\x03\x04xx"]
    )
    def test_it_refuses_a_file_it_cannot_use(
        self, personas: Personas, tmp_path: Path, content: bytes | None
    ) -> None:
        path = tmp_path / ("missing.csv" if content is None else "file.csv")
        if content is not None:
            path.write_bytes(content)
        with pytest.raises(CommandError) as error:
            import_file(path)
        assert str(error.value)

    def test_it_refuses_an_unknown_municipality(self, db: None, tmp_path: Path) -> None:
        with pytest.raises(CommandError):
            call_command("import_cases", "--municipality", "nowhere", str(tmp_path / "x.csv"))

    def test_it_adds_missing_labels_when_asked(self, personas: Personas, tmp_path: Path) -> None:
        path = tmp_path / "cases.csv"
        path.write_bytes(csv_bytes([dict(GOOD_ROWS[0], centre="Center for Kultur")]))
        with pytest.raises(CommandError):
            import_file(path)
        assert (
            import_file(path, "--create-missing")
            .strip()
            .endswith("created 1, updated 0, unchanged 0")
        )


@pytest.mark.django_db
class TestExportCommand:
    @pytest.mark.parametrize("suffix", ["csv", "xlsx"])
    def test_it_writes_a_file_that_imports_unchanged(
        self, personas: Personas, tmp_path: Path, suffix: str
    ) -> None:
        source = tmp_path / "cases.csv"
        source.write_bytes(csv_bytes(GOOD_ROWS))
        import_file(source)
        output = tmp_path / f"export.{suffix}"
        call_command(
            "export_cases", "--municipality", "ishoj", "--output", str(output), stdout=StringIO()
        )
        assert import_file(output).strip().endswith("created 0, updated 0, unchanged 4")
        assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1

    def test_it_refuses_an_unknown_format(self, personas: Personas, tmp_path: Path) -> None:
        with pytest.raises(CommandError):
            call_command(
                "export_cases", "--municipality", "ishoj", "--output", str(tmp_path / "x.pdf")
            )

    def test_it_exports_one_year(self, personas: Personas, tmp_path: Path) -> None:
        source = tmp_path / "cases.csv"
        source.write_bytes(csv_bytes(GOOD_ROWS))
        import_file(source)
        output = tmp_path / "export.csv"
        call_command(
            "export_cases",
            "--municipality",
            "ishoj",
            "--year",
            "2022",
            "--output",
            str(output),
            stdout=StringIO(),
        )
        assert len(output.read_text(encoding="utf-8-sig").strip().splitlines()) == 1
