"""Statistics tables as CSV and XLSX downloads, written through lib/spreadsheet.py (no cell is
ever a formula).

CSV is written for Danish Excel: UTF-8 with a byte-order mark (so æøå survive a double-click)
and semicolons between fields (Danish Excel reads a comma as the decimal separator).
"""

from ombud.lib.spreadsheet import csv_bytes, xlsx_bytes
from ombud.stats.tables import StatTable

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_csv(table: StatTable) -> bytes:
    return csv_bytes(table.headings, table.plain_rows(), delimiter=";", bom=True)


def table_xlsx(table: StatTable) -> bytes:
    rows = table.plain_rows()
    widths: dict[str, float] = {"A": max([12, *(len(str(r[0])) + 2 for r in rows)])}
    if table.has_group:
        widths["B"] = 40
    return xlsx_bytes(
        table.title,
        table.headings,
        rows,
        column_widths=widths,
        bold_header=True,
        freeze_header=True,
    )
