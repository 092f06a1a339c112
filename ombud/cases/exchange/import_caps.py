"""Caps on what an import may make the server read (issue 10, point 6).

An XLSX file is a zip: 215 KB can unpack to 73 MB of XML and hold a web request for half a minute.
So before any parsing the unpacked size is added up from the zip's directory (cheap: nothing is
unpacked), members that unpack far more than ordinary spreadsheets do are refused as a zip bomb,
a CSV may not be larger than the same cap, and reading stops at the row cap. The header row is
checked before the rows are read (parsing.py). The caps are settings
(`OMBUD_IMPORT_MAX_ROWS`, `OMBUD_IMPORT_MAX_UNPACKED_MB`) and every refusal names the limit.
"""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

# Ordinary XLSX members compress 5-30 times; a member that unpacks more than this many times its
# packed size, and is large, is a bomb rather than a register.
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024


def _error(message: str) -> Exception:
    from ombud.cases.exchange.parsing import ExchangeFileError

    return ExchangeFileError(message)


def max_rows() -> int:
    return int(settings.OMBUD_IMPORT_MAX_ROWS)


def max_unpacked_bytes() -> int:
    return int(settings.OMBUD_IMPORT_MAX_UNPACKED_MB) * 1024 * 1024


def too_many_rows(limit: int) -> Exception:
    return _error(
        _(
            "The file has more than %(limit)s rows of cases, which is the most one import may "
            "hold. Split the file, for example by year."
        )
        % {"limit": f"{limit:,}".replace(",", ".")}
    )


def _too_large(megabytes: int) -> Exception:
    return _error(
        _(
            "The file takes up more than %(limit)s MB when unpacked, which is the most one "
            "import may hold. Split the file, for example by year."
        )
        % {"limit": megabytes}
    )


def csv_check_size(data: bytes) -> None:
    if len(data) > max_unpacked_bytes():
        raise _too_large(settings.OMBUD_IMPORT_MAX_UNPACKED_MB)


def xlsx_check_unpacked(data: bytes) -> None:
    """Refuse a workbook whose members would unpack beyond the cap, or that looks like a bomb,
    reading only the zip's directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise _error(_("The Excel file cannot be read: %(error)s") % {"error": error}) from None
    total = sum(member.file_size for member in members)
    if total > max_unpacked_bytes():
        raise _too_large(settings.OMBUD_IMPORT_MAX_UNPACKED_MB)
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size / packed > MAX_RATIO:
            raise _error(
                _(
                    "The Excel file unpacks to more than %(ratio)s times its size, which no "
                    "ordinary spreadsheet does. Open it in Excel and save it again, or save it "
                    "as CSV."
                )
                % {"ratio": MAX_RATIO}
            )
