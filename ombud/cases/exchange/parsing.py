"""Reading a case register file (CSV or XLSX) into rows of cells, and parsing cell values.

The file format is the public contract in docs (spec/case-exchange.md §1). Everything here is
forgiving about presentation (header case, Danish or English names, separators, BOMs, date
formats, spaces around labels) and strict about meaning: a value that cannot be read becomes a
problem for the caller to report, never an exception that escapes.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import gettext as _

from ombud.cases.exchange import import_caps
from ombud.lib.spreadsheet import restore_cell

# A cell as read from the file: CSV gives text; XLSX can also give dates and numbers.
Cell = str | dt.date | int | float


@dataclass(frozen=True)
class Column:
    name: str  # the English name of the contract
    alias: str  # the Danish alias, which the Danish export writes
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("reference", "sagsnummer", required=True),
    Column("main_case", "hovedsag"),
    Column("citizen", "borger", required=True),
    Column("opened", "oprettet", required=True),
    Column("closed", "afsluttet"),
    Column("kind", "type", required=True),
    Column("channel", "kanal"),
    Column("concerns_municipality", "vedrører_kommunen", required=True),
    Column("centre", "center"),
    Column("external_body", "ekstern_myndighed"),
    Column("themes", "klagetemaer"),
    Column("handling", "behandling", required=True),
    Column("rejection_reason", "afvisningsgrund"),
    Column("outcome", "resultat"),
    Column("summary", "resumé"),
)


def _normalise_header(text: str) -> str:
    # Spaces and hyphens count as underscores, so "Vedrører kommunen" matches too.
    text = unicodedata.normalize("NFC", text.strip().lstrip("\ufeff").strip().lower())
    return re.sub(r"[\s\-]+", "_", text)


_HEADER_NAMES: dict[str, str] = {}
for _column in COLUMNS:
    for _spelling in (_column.name, _column.alias):
        _HEADER_NAMES[_normalise_header(_spelling)] = _column.name
# Common spellings without Danish letters or in British/American variants.
_HEADER_NAMES.update(
    {
        "resume": "summary",
        "vedroerer_kommunen": "concerns_municipality",
        "rejection_ground": "rejection_reason",
        "outside_body": "external_body",
    }
)


def column_for_header(text: str) -> str | None:
    """The contract's column name for a header cell, or None for an unknown (ignored) column."""
    return _HEADER_NAMES.get(_normalise_header(text))


class ExchangeFileError(ValueError):
    """The file as a whole cannot be read (missing, unreadable, empty, required columns absent)."""


@dataclass
class Table:
    """The file's data rows. `columns` maps contract names to (cell index, header as written)."""

    columns: dict[str, tuple[int, str]]
    rows: list[tuple[int, list[Cell]]]  # (row number as a spreadsheet shows it, cells)
    notes: list[str] = field(default_factory=list)

    def header(self, name: str) -> str:
        """The header as the file spells it, so problems name the column the user sees."""
        found = self.columns.get(name)
        return found[1] if found else name

    def cell(self, cells: list[Cell], name: str) -> Cell:
        found = self.columns.get(name)
        if found is None or found[0] >= len(cells):
            return ""
        value = cells[found[0]]
        return value.strip() if isinstance(value, str) else value


# ---------------------------------------------------------------------------------------------
# Reading files

XLSX_MAGIC = b"PK\x03\x04"


def read_table(source: str | bytes | IO[bytes], filename: str = "") -> Table:
    """Read a CSV or XLSX file (decided by its content, then its name) into a Table.

    Within the caps (`import_caps.py`): the unpacked size is checked before any parsing (an XLSX
    is a zip), the header row is checked before the rows are read, and reading stops at the row
    cap, so an oversized or bomb-like file is refused quickly with the limit named."""
    data = _read_bytes(source)
    if not data.strip():
        raise ExchangeFileError(_("The file is empty."))
    name = (filename or (source if isinstance(source, str) else "")).lower()
    if data.startswith(XLSX_MAGIC):
        import_caps.xlsx_check_unpacked(data)
        return _table_from_rows(_xlsx_rows(data), [])
    if name.endswith((".xlsx", ".xlsm", ".xls")):
        raise ExchangeFileError(
            _("The file is not a valid Excel workbook (.xlsx). Save it as .xlsx or CSV again.")
        )
    import_caps.csv_check_size(data)
    raw_rows, notes = _csv_rows(data)
    return _table_from_rows(raw_rows, notes)


def _read_bytes(source: str | bytes | IO[bytes]) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str):
        try:
            with open(source, "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            raise ExchangeFileError(
                _("The file %(name)s does not exist.") % {"name": source}
            ) from None
        except IsADirectoryError:
            raise ExchangeFileError(
                _("%(name)s is a folder, not a file.") % {"name": source}
            ) from None
        except OSError as error:
            raise ExchangeFileError(
                _("The file %(name)s cannot be read: %(error)s")
                % {"name": source, "error": error.strerror or error}
            ) from None
    return source.read()


def _decode(data: bytes) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise ExchangeFileError(
            _("The file is neither a CSV text file nor an Excel workbook (.xlsx).")
        )
    note = _("The file is not UTF-8; it was read as Windows-1252 (Western European).")
    return data.decode("cp1252", errors="replace"), [note]


def _csv_rows(data: bytes) -> tuple[Iterator[list[Cell]], list[str]]:
    text, notes = _decode(data)
    delimiter = _detect_delimiter(text)

    def rows() -> Iterator[list[Cell]]:
        try:
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                # An apostrophe our export put before a formula character comes off again.
                yield [restore_cell(c) for c in row]
        except csv.Error as error:
            raise ExchangeFileError(
                _("The CSV file cannot be read: %(error)s") % {"error": error}
            ) from None

    return rows(), notes


def _detect_delimiter(text: str) -> str:
    """Pick the separator under which the header names the most known columns.

    csv.Sniffer guesses wrongly on short files and on semicolon-separated themes inside a
    comma-separated file, so the header decides; the Sniffer only breaks a tie.
    """
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    scores: dict[str, int] = {}
    for delimiter in (",", ";", "\t"):
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        scores[delimiter] = sum(1 for c in cells if column_for_header(c))
    best = max(scores.values())
    if best > 0:
        winners = [d for d, s in scores.items() if s == best]
        if len(winners) == 1:
            return winners[0]
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _xlsx_rows(data: bytes) -> Iterator[list[Cell]]:
    """The first sheet's rows, read one at a time (read-only mode) while they are consumed."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ExchangeFileError(
            _("The Excel file cannot be read: %(error)s") % {"error": error}
        ) from None
    try:
        if not workbook.worksheets:
            raise ExchangeFileError(_("The Excel file has no sheets."))
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_xlsx_cell(v) for v in row]
    finally:
        workbook.close()


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return restore_cell(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return str(value)


def _table_from_rows(raw_rows: Iterator[list[Cell]], notes: list[str]) -> Table:
    numbered = enumerate(raw_rows)
    header_at, header = next(
        ((i, row) for i, row in numbered if any(_text(c) for c in row)), (None, [])
    )
    if header_at is None:
        raise ExchangeFileError(_("The file is empty."))
    columns = _header_columns(header)
    max_rows = import_caps.max_rows()
    rows: list[tuple[int, list[Cell]]] = []
    for number, cells in numbered:  # the rows after the header, read only now
        if any(_text(c) for c in cells):
            if len(rows) >= max_rows:
                raise import_caps.too_many_rows(max_rows)
            rows.append((number + 1, cells))
    if not rows:
        raise ExchangeFileError(_("The file has a header but no rows of cases."))
    return Table(columns=columns, rows=rows, notes=notes)


def _header_columns(header: list[Cell]) -> dict[str, tuple[int, str]]:
    """The known columns named in the header row, checked before any other row is read."""
    columns: dict[str, tuple[int, str]] = {}
    duplicates: list[str] = []
    for index, cell in enumerate(header):
        written = _text(cell)
        name = column_for_header(written)
        if name is None:
            continue
        if name in columns:
            duplicates.append(written)
            continue
        columns[name] = (index, written)
    _check_columns(columns, duplicates)
    return columns


def _check_columns(columns: dict[str, tuple[int, str]], duplicates: list[str]) -> None:
    if duplicates:
        raise ExchangeFileError(
            _("These columns appear more than once: %(columns)s.")
            % {"columns": ", ".join(duplicates)}
        )
    missing = [f"{c.name} ({c.alias})" for c in COLUMNS if c.required and c.name not in columns]
    if missing:
        raise ExchangeFileError(
            _(
                "The first row must name the columns. These required columns are missing: "
                "%(columns)s."
            )
            % {"columns": ", ".join(missing)}
        )


def _text(cell: Cell) -> str:
    return cell.strip() if isinstance(cell, str) else str(cell)


# ---------------------------------------------------------------------------------------------
# Cell values. Each parser raises ValueError with a message for the user.

_DATE_PATTERNS = (
    (
        re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
        "ymd",
    ),
    (re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$"), "dmy"),
)
# Excel's serial day numbers for 1954-10-13 to 2119-01-01: a plain number in a date column.
_EXCEL_SERIALS = range(20000, 80000)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value: Cell) -> dt.date | None:
    """A date from YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or an Excel date; None when empty."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return _excel_serial(value)
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return _excel_serial(int(text))
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValueError(_("This date does not exist.")) from None
    raise ValueError(_("Write the date as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY."))


def _excel_serial(number: float) -> dt.date:
    if int(number) not in _EXCEL_SERIALS:
        raise ValueError(_("Write the date as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY."))
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


_TRUE = {"ja", "j", "yes", "y", "true", "sand", "1", "x"}
_FALSE = {"nej", "n", "no", "false", "falsk", "0"}


def parse_bool(value: Cell) -> bool | None:
    """ja/nej, yes/no, true/false, 1/0; None when empty."""
    text = _text(value).lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(_("Write ja or nej (or yes/no, true/false, 1/0)."))


_KINDS = {
    "klage": "complaint",
    "klagesag": "complaint",
    "complaint": "complaint",
    "henvendelse": "inquiry",
    "anden henvendelse": "inquiry",
    "anden_henvendelse": "inquiry",
    "inquiry": "inquiry",
    "other inquiry": "inquiry",
    "other_inquiry": "inquiry",
}


def parse_kind(value: Cell) -> str | None:
    """'complaint' or 'inquiry' from the Danish or English words; None when empty."""
    text = " ".join(_text(value).lower().split())
    if not text:
        return None
    try:
        return _KINDS[text]
    except KeyError:
        raise ValueError(_("Write klage or henvendelse (or complaint or inquiry).")) from None


def label_key(value: str) -> str:
    """How labels are compared: case-insensitively, ignoring surrounding spaces."""
    # NFC: a Mac may write "æ" or "é" as a letter plus a combining mark.
    return unicodedata.normalize("NFC", value.strip().lower())


def split_themes(value: Cell) -> list[tuple[str | None, str]]:
    """`A; Group > B` as [(None, "A"), ("Group", "B")]; empty parts are skipped."""
    themes: list[tuple[str | None, str]] = []
    for part in _text(value).split(";"):
        part = part.strip()
        if not part:
            continue
        if ">" in part:
            group, _sep, label = part.partition(">")
            themes.append((group.strip() or None, label.strip()))
        else:
            themes.append((None, part))
    return themes


def cell_text(value: Cell) -> str:
    """A cell as text, for labels, keys and problem reports."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(value)
