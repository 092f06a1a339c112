"""The one way Ombud writes CSV and XLSX files: no cell is ever read as a formula.

Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` (and, after a tab or a
carriage return, some of them too) as a formula: `=HYPERLINK(...)` typed into a public contact
form would become a live link in the advisor's Excel (OWASP "CSV injection"). Every text cell is
therefore *neutralised* — prefixed with an apostrophe, which Excel and LibreOffice show as text —
and XLSX text cells are written with the string type, never as formulas. Numbers and dates stay
numbers and dates (they cannot hold a formula). The import reverses the prefix exactly
(`restore_cell`), so an export imported again changes nothing (docs/case-exchange.md).

`tests/project/test_spreadsheet_writers.py` fails if any module writes CSV or XLSX without
these helpers.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"

CellValue = str | int | float | dt.date | None


def neutralise(text: str) -> str:
    """`text` made safe to open in a spreadsheet. A value that already starts with an
    apostrophe before a formula character gets a second one, so `restore_cell` is exact."""
    if text.startswith(FORMULA_STARTS) or (text.startswith(PREFIX) and restore_cell(text) != text):
        return PREFIX + text
    return text


def restore_cell(text: str) -> str:
    """The value `neutralise` was given (the import's side)."""
    if text.startswith(PREFIX) and neutralise(text[1:]) == text:
        return text[1:]
    return text


def safe_value(value: CellValue) -> CellValue:
    return neutralise(value) if isinstance(value, str) else value


def csv_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[CellValue]],
    *,
    delimiter: str = ";",
    bom: bool = True,
) -> bytes:
    """UTF-8 CSV (with a byte-order mark for Danish Excel unless `bom=False`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_value(v) for v in header])
    for row in rows:
        writer.writerow([safe_value(v) for v in row])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[CellValue]],
    *,
    column_widths: dict[str, float] | None = None,
    bold_header: bool = False,
    freeze_header: bool = False,
) -> bytes:
    """One sheet: the header, then the rows. Text cells are typed as strings."""
    workbook = Workbook(write_only=True)
    # Sheet titles are limited to 31 characters and may not contain []:*?/\
    sheet = workbook.create_sheet(title[:31].translate(str.maketrans("", "", "[]:*?/\\")))
    for letter, width in (column_widths or {}).items():
        sheet.column_dimensions[letter].width = width
    if freeze_header:
        sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, v, bold=bold_header) for v in header])
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: CellValue, *, bold: bool = False) -> Cell:
    cell = WriteOnlyCell(sheet, value=cast(Any, safe_value(value)))
    if isinstance(value, str):
        cell.data_type = "s"  # never "f", whatever the text looks like
    if bold:
        cell.font = Font(bold=True)
    return cell
