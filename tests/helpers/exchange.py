"""Building case register files for the exchange tests."""

import csv
import io

ENGLISH = [
    "reference",
    "main_case",
    "citizen",
    "opened",
    "closed",
    "kind",
    "channel",
    "concerns_municipality",
    "centre",
    "external_body",
    "themes",
    "handling",
    "rejection_reason",
    "outcome",
    "summary",
]
DANISH = [
    "sagsnummer",
    "hovedsag",
    "borger",
    "oprettet",
    "afsluttet",
    "type",
    "kanal",
    "vedrører_kommunen",
    "center",
    "ekstern_myndighed",
    "klagetemaer",
    "behandling",
    "afvisningsgrund",
    "resultat",
    "resumé",
]

GOOD_ROWS: list[dict[str, str]] = [
    {
        "reference": "2021-0001",
        "citizen": "B1",
        "opened": "2021-01-04",
        "closed": "2021-02-01",
        "kind": "klage",
        "channel": "telefon",
        "concerns_municipality": "ja",
        "centre": "Center for Voksne og Velfærd",
        "themes": "Sagsbehandlingstid; Manglende svar",
        "handling": "Styrket dialog",
        "outcome": "Medhold",
        "summary": "Venter på svar",
    },
    {
        # A follow-up pointing forward to a row later in the file.
        "reference": "2021-0002",
        "main_case": "2021-0003",
        "citizen": "B2",
        "opened": "05-01-2021",
        "kind": "complaint",
        "channel": "email",
        "concerns_municipality": "yes",
        "centre": "center for borgerservice ",
        "themes": "God forvaltningsskik > Betjening",
        "handling": "Hjælp til klageprocessen",
    },
    {
        "reference": "2021-0003",
        "citizen": "B2",
        "opened": "05.01.2021",
        "closed": "06.01.2021",
        "kind": "henvendelse",
        "concerns_municipality": "nej",
        "external_body": "Udbetaling Danmark",
        "handling": "Vejledning",
    },
    {
        "reference": "2021-0004",
        "citizen": "B3",
        "opened": "2021-01-07",
        "closed": "2021-01-08",
        "kind": "klage",
        "concerns_municipality": "1",
        "centre": "Center for Borgerservice",
        "themes": "Betjening",
        "handling": "Afvist",
        "rejection_reason": "Indbragt for domstolene",
    },
]


def csv_bytes(
    rows: list[dict[str, str]],
    *,
    header: list[str] = ENGLISH,
    delimiter: str = ",",
    bom: bool = False,
    encoding: str = "utf-8",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in ENGLISH])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode(encoding)


def xlsx_bytes(rows: list[list[object]], header: list[str] = ENGLISH) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
