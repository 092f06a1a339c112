"""Statistics tables as CSV and XLSX downloads.

CSV is written for Danish Excel: UTF-8 with a byte-order mark (so æøå survive a double-click)
and semicolons between fields (Danish Excel reads a comma as the decimal separator).
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from ombud.stats.tables import StatTable

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_csv(table: StatTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headings)
    writer.writerows(table.plain_rows())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(table: StatTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    # Sheet titles are limited to 31 characters and may not contain []:*?/\
    sheet.title = table.title[:31].translate(str.maketrans("", "", "[]:*?/\\"))
    sheet.append(table.headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.plain_rows():
        sheet.append(row)
    sheet.column_dimensions["A"].width = max(
        [12, *(len(str(r[0])) + 2 for r in table.plain_rows())]
    )
    if table.has_group:
        sheet.column_dimensions["B"].width = 40
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
