"""Imports that cannot stall the server (issue 10, point 6): the header first, a row cap, an
unpacked-size cap checked before parsing, and zip bombs refused — each with the limit named."""

import io
import os
import zipfile

import pytest
from django.test import override_settings
from django.utils import translation

from ombud.cases.exchange.importer import import_cases
from ombud.cases.exchange.parsing import ExchangeFileError, read_table
from tests.helpers.exchange import ENGLISH, GOOD_ROWS, csv_bytes, xlsx_bytes
from tests.helpers.personas import Personas


def _rows(count: int) -> list[dict[str, str]]:
    return [dict(GOOD_ROWS[0], reference=f"2021-{n:05d}") for n in range(count)]


@override_settings(OMBUD_IMPORT_MAX_ROWS=3)
def test_it_refuses_more_rows_than_the_cap_naming_it() -> None:
    assert len(read_table(csv_bytes(_rows(3))).rows) == 3
    with translation.override("da"), pytest.raises(ExchangeFileError) as refused:
        read_table(csv_bytes(_rows(4)))
    assert "mere end 3 rækker" in str(refused.value)


@override_settings(OMBUD_IMPORT_MAX_ROWS=3)
def test_it_checks_the_header_before_counting_rows() -> None:
    wrong_header = ["nonsense" for _ in ENGLISH]
    with pytest.raises(ExchangeFileError) as refused:
        read_table(csv_bytes(_rows(10), header=wrong_header))
    assert "reference" in str(refused.value)  # the missing columns, not the row cap


@override_settings(OMBUD_IMPORT_MAX_UNPACKED_MB=1)
def test_it_refuses_a_workbook_that_unpacks_beyond_the_cap_before_parsing() -> None:
    # Random text does not compress: a plain large workbook, not a bomb.
    filler = os.urandom(700_000).hex()
    data = xlsx_bytes([[f"2021-{n}", None, "B1", "2021-01-04", None, "klage", None, "ja",
                        None, None, None, "Styrket dialog", None, None, filler[:30000]]
                       for n in range(50)])  # fmt: skip
    with translation.override("da"), pytest.raises(ExchangeFileError) as refused:
        read_table(data, "big.xlsx")
    assert "mere end 1 MB" in str(refused.value)
    with override_settings(OMBUD_IMPORT_MAX_UNPACKED_MB=60):
        assert len(read_table(data, "big.xlsx").rows) == 50


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row>" + b"0" * 20_000_000 + b"</row>")
    return buffer.getvalue()


@pytest.mark.django_db
def test_it_refuses_a_zip_bomb_without_unpacking_it(personas: Personas) -> None:
    data = _bomb()
    assert len(data) < 100_000
    with translation.override("da"), pytest.raises(ExchangeFileError) as refused:
        import_cases(actor=None, municipality=personas.ishoj, source=data, filename="x.xlsx")
    assert "100 gange" in str(refused.value)
