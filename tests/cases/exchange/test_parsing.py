"""Odd but valid input must parse; garbage must become problems, never exceptions."""

import contextlib
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ombud.cases.exchange.importer import import_cases
from ombud.cases.exchange.parsing import (
    ExchangeFileError,
    parse_bool,
    parse_date,
    parse_kind,
    read_table,
    split_themes,
)
from ombud.cases.models import Case
from tests.helpers.exchange import DANISH, ENGLISH, GOOD_ROWS
from tests.helpers.personas import Personas

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@given(DATES, st.sampled_from(["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]), st.sampled_from(["", " "]))
def test_it_reads_dates_in_all_three_formats(day: dt.date, fmt: str, pad: str) -> None:
    assert parse_date(pad + day.strftime(fmt) + pad) == day


@given(st.text(max_size=30))
def test_it_turns_garbage_into_value_errors(text: str) -> None:
    for parser in (parse_date, parse_bool, parse_kind):
        with contextlib.suppress(ValueError):
            parser(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("ja", True), ("NEJ", False), (" yes ", True), ("False", False), ("1", True), ("0", False)],
)
def test_it_reads_booleans(text: str, value: bool) -> None:
    assert parse_bool(text) is value


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("klage", "complaint"),
        ("Klagesag", "complaint"),
        ("complaint", "complaint"),
        ("Anden  henvendelse", "inquiry"),
        ("inquiry", "inquiry"),
        ("henvendelse", "inquiry"),
    ],
)
def test_it_reads_kinds(text: str, kind: str) -> None:
    assert parse_kind(text) == kind


def test_it_splits_themes_with_groups() -> None:
    assert split_themes(" A ;; G > B ;") == [(None, "A"), ("G", "B")]


def _spell(name: str, case: int) -> str:
    return [name, name.upper(), name.title(), f"  {name} "][case]


@given(
    order=st.permutations(list(range(len(ENGLISH)))),
    danish=st.lists(st.booleans(), min_size=len(ENGLISH), max_size=len(ENGLISH)),
    cases=st.lists(st.integers(0, 3), min_size=len(ENGLISH), max_size=len(ENGLISH)),
    delimiter=st.sampled_from([",", ";", "\t"]),
    bom=st.booleans(),
    extra=st.booleans(),
)
def test_it_finds_the_columns_whatever_the_header_looks_like(
    order: list[int],
    danish: list[bool],
    cases: list[int],
    delimiter: str,
    bom: bool,
    extra: bool,
) -> None:
    header = [_spell(DANISH[i] if danish[i] else ENGLISH[i], cases[i]) for i in order]
    values = [
        "2021-0001",
        "",
        "B1",
        "2021-01-04",
        "",
        "klage",
        "",
        "ja",
        "Center",
        "",
        "A; B",
        "Styrket dialog",
        "",
        "",
        "tekst",
    ]
    row = [values[i] for i in order]
    if extra:
        header.append("Noter")
        row.append("ignoreres")
    text = "\n".join(
        delimiter.join(f'"{c}"' if ";" in c or "," in c else c for c in line)
        for line in (header, row)
    )
    table = read_table((("\ufeff" if bom else "") + text).encode())
    assert set(table.columns) == set(ENGLISH)
    number, cells = table.rows[0]
    assert number == 2
    assert table.cell(cells, "reference") == "2021-0001"
    assert table.cell(cells, "themes") == "A; B"
    assert table.cell(cells, "handling") == "Styrket dialog"


def test_it_refuses_a_header_without_required_columns() -> None:
    with pytest.raises(ExchangeFileError):
        read_table(b"foo,bar\n1,2\n")


GARBAGE = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    garbage=st.lists(st.tuples(st.sampled_from(ENGLISH), GARBAGE), min_size=1, max_size=5),
    pad=st.sampled_from(["", " ", "  "]),
)
def test_garbage_values_yield_problems_not_exceptions(
    personas: Personas, garbage: list[tuple[str, str]], pad: str
) -> None:
    import csv
    import io

    row = {k: pad + v + pad for k, v in GOOD_ROWS[0].items()}
    for column, value in garbage:
        row[column] = value
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ENGLISH)
    writer.writerow([row.get(c, "") for c in ENGLISH])
    try:
        result = import_cases(
            actor=None,
            municipality=personas.ishoj,
            source=buffer.getvalue().encode(),
            filename="x.csv",
            dry_run=True,
        )
    except ExchangeFileError:
        return  # a whole-file problem (e.g. the only row became blank) is reported, too
    for problem in result.problems:
        assert problem.row == 2
        assert problem.column in ENGLISH
    assert not Case.objects.exists()


def test_it_matches_headers_written_with_combining_accents() -> None:
    import unicodedata

    header = unicodedata.normalize("NFD", ";".join(DANISH))
    table = read_table((header + "\n" + ";" * (len(DANISH) - 1) + "x\n").encode())
    assert "summary" in table.columns
