"""Reading one row: cells to values, each problem collected instead of stopping."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from ombud.cases.exchange.importer.result import ImportProblem
from ombud.cases.exchange.importer.taxonomy import UnknownLabelError, _Taxonomy
from ombud.cases.exchange.parsing import (
    Cell,
    Table,
    cell_text,
    parse_bool,
    parse_date,
    parse_kind,
    split_themes,
)
from ombud.cases.models import (
    CaseKind,
    CaseStatus,
    Centre,
    ExternalBody,
    Outcome,
    RejectionGround,
    Theme,
)
from ombud.cases.rules import CaseFacts, case_rule_errors

# Built once; translated only when a row actually fails.
NEED_REFERENCE = gettext_lazy("Every row needs a reference.")
LONG_REFERENCE = gettext_lazy("A reference has at most 30 characters.")
NEED_CITIZEN = gettext_lazy("Every row needs a citizen key.")
LONG_CITIZEN = gettext_lazy("A citizen key has at most 100 characters.")
NEED_KIND = gettext_lazy("Write klage or henvendelse (or complaint or inquiry).")
NEED_OPENED = gettext_lazy("Every row needs the date the case was opened.")
NEED_CONCERNS = gettext_lazy("Write ja or nej (or yes/no, true/false, 1/0).")

# Rule errors are keyed by model field; problems name the file's columns.
RULE_COLUMNS = {
    "kind": "kind",
    "opened_on": "opened",
    "closed_on": "closed",
    "centre": "centre",
    "external_body": "external_body",
    "handling": "handling",
    "rejection_ground": "rejection_reason",
    "themes": "themes",
}


@dataclass(frozen=True)
class _Ref:
    number: int
    reference: str
    main_ref: str


@dataclass
class _Row:
    number: int
    reference: str
    main_ref: str
    citizen_key: str
    values: dict[str, Any]
    themes: list[Theme]


class _Cells:
    """One row's cells, and which of its columns already have a problem."""

    def __init__(self, reader: "_RowReader", number: int, cells: list[Cell]) -> None:
        self.reader, self.number = reader, number
        # Each cell is looked up and turned into text once: this loop runs for every row.
        table = reader.table
        self.values = {name: table.cell(cells, name) for name in table.columns}
        self.texts = {name: cell_text(value) for name, value in self.values.items()}
        self.bad: set[str] = set()

    def get(self, name: str) -> Cell:
        return self.values.get(name, "")

    def text(self, name: str) -> str:
        return self.texts.get(name, "")

    def fail(self, name: str, message: StrOrPromise) -> None:
        self.bad.add(name)
        self.reader.problem(self.number, name, self.get(name), str(message))

    def parsed(self, name: str, parser: Callable[[Cell], Any], missing: StrOrPromise = "") -> Any:
        try:
            value = parser(self.get(name))
        except ValueError as error:
            self.fail(name, str(error))
            return None
        if value is None and missing:
            self.fail(name, missing)
        return value

    def text_of(self, name: str, missing: StrOrPromise, too_long: StrOrPromise, limit: int) -> str:
        text = self.text(name)
        if not text:
            self.fail(name, missing)
        elif len(text) > limit:
            self.fail(name, too_long)
        return text

    def label(self, name: str, resolve: Callable[[str], Any]) -> Any:
        text = self.text(name)
        if not text:
            return None
        try:
            return resolve(text)
        except UnknownLabelError as error:
            self.fail(name, str(error))
            return None


class _RowReader:
    """Turns one row's cells into values, collecting every problem instead of stopping."""

    def __init__(self, table: Table, taxonomy: _Taxonomy) -> None:
        self.table = table
        self.taxonomy = taxonomy
        self.problems: list[ImportProblem] = []
        self.refs: list[_Ref] = []

    def problem(self, number: int, column: str, value: Cell | str, message: str) -> None:
        header = self.table.header(column)
        self.problems.append(ImportProblem(number, header, cell_text(value), message))

    def read(self, number: int, cells: list[Cell]) -> _Row | None:
        before = len(self.problems)
        row = _Cells(self, number, cells)
        reference = row.text_of(
            "reference",
            NEED_REFERENCE,
            LONG_REFERENCE,
            30,
        )
        citizen_key = row.text_of(
            "citizen",
            NEED_CITIZEN,
            LONG_CITIZEN,
            100,
        )
        if reference:
            self.refs.append(_Ref(number, reference, row.text("main_case")))
        values = self._values(row)
        themes = self._themes(number, row.get("themes"), row.bad)
        if values["kind"] is not None and values["concerns_municipality"] is not None:
            self._check_rules(number, cells, values, themes, row.bad)
        if len(self.problems) > before:
            return None
        if values["kind"] == CaseKind.INQUIRY:
            values["outcome"] = None
        return _Row(number, reference, row.text("main_case"), citizen_key, values, themes)

    def _values(self, row: _Cells) -> dict[str, Any]:
        kind = row.parsed("kind", parse_kind, NEED_KIND)
        tax = self.taxonomy
        return {
            "opened_on": row.parsed("opened", parse_date, NEED_OPENED),
            "closed_on": row.parsed("closed", parse_date),
            "kind": kind,
            "concerns_municipality": row.parsed(
                "concerns_municipality",
                parse_bool,
                NEED_CONCERNS,
            ),
            "channel": row.label("channel", tax.channel),
            "centre": row.label("centre", lambda t: tax.entry(Centre, t)),
            "external_body": row.label("external_body", lambda t: tax.entry(ExternalBody, t)),
            "rejection_ground": row.label(
                "rejection_reason", lambda t: tax.entry(RejectionGround, t)
            ),
            "outcome": row.label("outcome", lambda t: tax.entry(Outcome, t)),
            "handling": row.label("handling", lambda t: tax.handling_for(kind, t))
            if kind
            else None,
            "summary": row.text("summary"),
        }

    def _themes(self, number: int, value: Cell, bad: set[str]) -> list[Theme]:
        themes: list[Theme] = []
        for group, text in split_themes(value):
            if not text:
                bad.add("themes")
                self.problem(number, "themes", value, _("A theme after '>' is missing."))
                continue
            try:
                theme = self.taxonomy.theme(group, text)
            except UnknownLabelError as error:
                bad.add("themes")
                shown = f"{group} > {text}" if group else text
                self.problem(number, "themes", shown, str(error))
                continue
            if theme not in themes:
                themes.append(theme)
        return themes

    def _check_rules(
        self,
        number: int,
        cells: list[Cell],
        values: dict[str, Any],
        themes: list[Theme],
        bad: set[str],
    ) -> None:
        facts = CaseFacts(
            kind=values["kind"],
            opened_on=values["opened_on"],
            closed_on=values["closed_on"],
            status=CaseStatus.CLOSED if values["closed_on"] else CaseStatus.OPEN,
            concerns_municipality=values["concerns_municipality"],
            centre=values["centre"],
            external_body=values["external_body"],
            handling=values["handling"],
            rejection_ground=values["rejection_ground"],
            themes=themes,
        )
        for name, messages in case_rule_errors(facts, require_complete=True).items():
            column = RULE_COLUMNS.get(name, name)
            if column in bad or (column == "rejection_reason" and "handling" in bad):
                continue  # already reported for this cell
            for message in messages:
                self.problem(number, column, self.table.cell(cells, column), message)
