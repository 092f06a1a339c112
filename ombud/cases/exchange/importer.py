"""Importing a case register file: validate every row, then store all of it or nothing.

The contract is spec/case-exchange.md §1. Decisions beyond it:
- Rows are matched on `reference`. An identical row is unchanged; a changed row updates the case
  (audited). An open stored case that is awaiting the centre or the citizen keeps that status.
- `citizen` is `Citizen.external_key` (same key, same person; a missing key creates the citizen).
  The export writes a citizen without a key as its public id, so the key also matches that.
  A merged citizen's key resolves to the record it was merged into.
- Outcomes describe complaints only: an inquiry's outcome is checked but not stored (as in the
  case form).
- With `create_missing`, unknown labels are added to the taxonomy. A theme written without
  `Group > ` goes into the group "Øvrige forhold" (the default taxonomy's catch-all group,
  created if absent). A new handling applies to the row's kind and counts as a rejection when
  its label starts with "afvis" or "reject".
- Retired taxonomy entries still match: old registers point at them.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import IO, Any, TypeVar, cast

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from ombud.accounts.models import Municipality, User
from ombud.cases.exchange.parsing import (
    Cell,
    Table,
    cell_text,
    label_key,
    parse_bool,
    parse_date,
    parse_kind,
    read_table,
    split_themes,
)
from ombud.cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Centre,
    Channel,
    Citizen,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    Theme,
    ThemeGroup,
)
from ombud.cases.rules import CaseFacts, case_rule_errors
from ombud.cases.services import reference_counter_sync
from ombud.core.audit import audit_record, audit_record_many
from ombud.core.bulk import bulk_insert, insert_rows
from ombud.core.models import AuditAction

Progress = Callable[[int, int], None]
_M = TypeVar("_M", bound=Model)


def _all(model: type[_M], municipality: Municipality) -> list[_M]:
    # The taxonomy managers are typed for the abstract base; the rows are the subclass.
    manager: Any = model._default_manager
    return cast(list[_M], list(manager.filter(municipality=municipality)))


CATCH_ALL_THEME_GROUP = "Øvrige forhold"
PROGRESS_EVERY = 250

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

# The stored fields an import sets, in the order they are compared.
CASE_FIELDS = (
    "main_case_id",
    "citizen_id",
    "opened_on",
    "closed_on",
    "kind",
    "channel_id",
    "concerns_municipality",
    "centre_id",
    "external_body_id",
    "handling_id",
    "rejection_ground_id",
    "outcome_id",
    "summary",
    "status",
)


@dataclass(frozen=True)
class ImportProblem:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: value '{self.value}': {self.message}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_labels: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary_line(self) -> str:
        """The contract's one-line summary. English on purpose: scripts parse it."""
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ImportResult":
        problems = [ImportProblem(**p) for p in data.get("problems", [])]
        rest = {k: v for k, v in data.items() if k != "problems"}
        return cls(problems=problems, **rest)


# ---------------------------------------------------------------------------------------------
# Taxonomy look-up (a handful of queries for the whole file)


class UnknownLabelError(Exception):
    pass


class _Taxonomy:
    def __init__(self, municipality: Municipality, *, create_missing: bool) -> None:
        self.municipality = municipality
        self.create_missing = create_missing
        self.new: list[Model] = []
        self.new_labels: list[str] = []
        self.simple: dict[type[Model], dict[str, Any]] = {}
        for model in (Centre, ExternalBody, RejectionGround, Outcome):
            self.simple[model] = {label_key(o.label): o for o in _all(model, municipality)}
        self.channels: dict[str, Channel] = {}
        for channel in _all(Channel, municipality):
            self.channels[label_key(channel.label)] = channel
            if channel.code:
                self.channels.setdefault(label_key(channel.code), channel)
        self.handling: dict[tuple[str, str], HandlingType] = {
            (h.applies_to, label_key(h.label)): h for h in _all(HandlingType, municipality)
        }
        self.groups = {label_key(g.label): g for g in _all(ThemeGroup, municipality)}
        self.themes: dict[tuple[str, str], Theme] = {}
        self.themes_by_label: dict[str, list[Theme]] = defaultdict(list)
        themes: Any = Theme._default_manager.filter(municipality=municipality)
        themes = themes.select_related("group")
        for theme in cast(list[Theme], list(themes)):
            self.themes[(label_key(theme.group.label), label_key(theme.label))] = theme
            self.themes_by_label[label_key(theme.label)].append(theme)

    def _add(self, obj: Model, description: str) -> None:
        self.new.append(obj)
        self.new_labels.append(description)

    def entry(self, model: type[Model], text: str) -> Any:
        key = label_key(text)
        found = self.simple[model].get(key)
        if found is not None:
            return found
        if not self.create_missing:
            raise UnknownLabelError(_("This label is not in the municipality's list."))
        found = model(municipality=self.municipality, label=text.strip())
        self.simple[model][key] = found
        self._add(found, f"{model._meta.verbose_name}: {text.strip()}")
        return found

    def channel(self, text: str) -> Channel:
        found = self.channels.get(label_key(text))
        if found is not None:
            return found
        if not self.create_missing:
            raise UnknownLabelError(_("This channel is not in the municipality's list."))
        found = Channel(municipality=self.municipality, label=text.strip())
        self.channels[label_key(text)] = found
        self._add(found, f"{Channel._meta.verbose_name}: {text.strip()}")
        return found

    def handling_for(self, kind: str, text: str) -> HandlingType:
        key = label_key(text)
        found = self.handling.get((kind, key))
        if found is not None:
            return found
        if not self.create_missing:
            other = CaseKind.INQUIRY if kind == CaseKind.COMPLAINT else CaseKind.COMPLAINT
            wrong_kind = self.handling.get((other, key))
            if wrong_kind is not None:
                return wrong_kind  # the case rules explain the mismatch
            raise UnknownLabelError(_("This handling is not in the municipality's list."))
        is_rejection = key.startswith(("afvis", "reject"))
        found = HandlingType(
            municipality=self.municipality,
            label=text.strip(),
            applies_to=kind,
            is_rejection=is_rejection,
        )
        self.handling[(kind, key)] = found
        self._add(found, f"{HandlingType._meta.verbose_name}: {text.strip()}")
        return found

    def theme(self, group_text: str | None, text: str) -> Theme:
        key = label_key(text)
        if group_text is None:
            matches = self.themes_by_label.get(key, [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                groups = ", ".join(sorted(t.group.label for t in matches))
                raise UnknownLabelError(
                    _("The theme is in several groups (%(groups)s); write Group > Theme.")
                    % {"groups": groups}
                )
            group_text = CATCH_ALL_THEME_GROUP
            if not self.create_missing:
                raise UnknownLabelError(
                    _("This complaint theme is not in the municipality's list.")
                )
        group_key = label_key(group_text)
        found = self.themes.get((group_key, key))
        if found is not None:
            return found
        if not self.create_missing:
            if group_key not in self.groups:
                raise UnknownLabelError(_("The theme group is not in the municipality's list."))
            raise UnknownLabelError(_("This complaint theme is not in the municipality's list."))
        group = self._group(group_text)
        found = Theme(municipality=self.municipality, group=group, label=text.strip())
        self.themes[(group_key, key)] = found
        self.themes_by_label[key].append(found)
        self._add(found, f"{Theme._meta.verbose_name}: {group.label} > {text.strip()}")
        return found

    def _group(self, text: str) -> ThemeGroup:
        key = label_key(text)
        group = self.groups.get(key)
        if group is None:
            group = ThemeGroup(municipality=self.municipality, label=text.strip())
            self.groups[key] = group
            self._add(group, f"{ThemeGroup._meta.verbose_name}: {text.strip()}")
        return group

    def save_new(self) -> None:
        # Groups come before their themes in `new`, so the foreign keys are set in order.
        for obj in self.new:
            obj.save()


# ---------------------------------------------------------------------------------------------
# Rows


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


# ---------------------------------------------------------------------------------------------
# The register as stored


@dataclass
class _Stored:
    ids: dict[str, int]  # reference -> id
    refs: dict[int, str]  # id -> reference
    state: dict[int, tuple[Any, ...]]  # id -> values of CASE_FIELDS
    themes: dict[int, frozenset[int]]
    follow_ups: dict[int, list[str]]  # main case id -> its follow-ups' references
    citizens: dict[str, int]  # key -> citizen id


def _load_stored(municipality: Municipality) -> _Stored:
    ids: dict[str, int] = {}
    refs: dict[int, str] = {}
    state: dict[int, tuple[Any, ...]] = {}
    follow_ups: dict[int, list[str]] = defaultdict(list)
    rows = Case.objects.filter(municipality=municipality).order_by()
    for pk, reference, *values in rows.values_list("id", "reference", *CASE_FIELDS):
        ids[reference], refs[pk], state[pk] = pk, reference, tuple(values)
        if values[0] is not None:
            follow_ups[values[0]].append(reference)
    themes: dict[int, set[int]] = defaultdict(set)
    through = Case.themes.through.objects.filter(case__municipality=municipality).order_by()
    for case_id, theme_id in through.values_list("case_id", "theme_id"):
        themes[case_id].add(theme_id)
    return _Stored(
        ids=ids,
        refs=refs,
        state=state,
        themes={k: frozenset(v) for k, v in themes.items()},
        follow_ups=follow_ups,
        citizens=_load_citizens(municipality),
    )


def _load_citizens(municipality: Municipality) -> dict[str, int]:
    rows = list(
        Citizen.objects.filter(municipality=municipality)
        .order_by()
        .values_list("id", "external_key", "public_id", "merged_into_id")
    )
    merged = {pk: into for pk, _key, _public, into in rows if into}

    def final(pk: int) -> int:
        seen = set()
        while pk in merged and pk not in seen:
            seen.add(pk)
            pk = merged[pk]
        return pk

    keys = {str(public): final(pk) for pk, _key, public, _into in rows}
    keys.update({key: final(pk) for pk, key, _public, _into in rows if key})
    return keys


# ---------------------------------------------------------------------------------------------
# Cross-row checks


def _check_references(
    refs: list[_Ref], stored: _Stored, problems: list[ImportProblem], table: Table
) -> None:
    """Duplicates and main cases, over every row with a reference (faulty rows included)."""
    by_ref: dict[str, list[_Ref]] = defaultdict(list)
    for ref in refs:
        by_ref[ref.reference].append(ref)
    ref_header, main_header = table.header("reference"), table.header("main_case")
    for reference, same in by_ref.items():
        if len(same) > 1:
            numbers = ", ".join(str(r.number) for r in same)
            message = _("The reference appears more than once in the file (rows %(rows)s).") % {
                "rows": numbers
            }
            problems.extend(ImportProblem(r.number, ref_header, reference, message) for r in same)
    for ref in refs:
        message = _main_case_problem(ref, by_ref, stored)
        if message:
            problems.append(ImportProblem(ref.number, main_header, ref.main_ref, message))


def _main_case_problem(row: _Ref, by_ref: dict[str, list[_Ref]], stored: _Stored) -> str:
    if not row.main_ref:
        return ""
    if row.main_ref == row.reference:
        return _("A case cannot be its own main case.")
    in_file = by_ref.get(row.main_ref)
    if in_file:
        if in_file[0].main_ref:
            return _(
                "%(ref)s is itself a follow-up case (row %(row)d); a follow-up must point to "
                "a main case."
            ) % {"ref": row.main_ref, "row": in_file[0].number}
    elif row.main_ref in stored.ids:
        if stored.state[stored.ids[row.main_ref]][0] is not None:
            return _(
                "%(ref)s is itself a follow-up case; a follow-up must point to a main case."
            ) % {"ref": row.main_ref}
    else:
        return _("There is no case %(ref)s in the file or in the register.") % {"ref": row.main_ref}
    own_id = stored.ids.get(row.reference)
    if own_id is not None:
        # Stored follow-ups of this case that the file does not move elsewhere.
        kept = [r for r in stored.follow_ups.get(own_id, []) if r not in by_ref]
        if kept:
            return _(
                "This case has follow-up cases (%(refs)s), so it cannot itself be a follow-up."
            ) % {"refs": ", ".join(sorted(kept))}
    return ""


# ---------------------------------------------------------------------------------------------
# The import


def import_cases(
    *,
    actor: User | None,
    municipality: Municipality,
    source: str | bytes | IO[bytes],
    filename: str = "",
    dry_run: bool = False,
    create_missing: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a case register. Raises ExchangeFileError when the file cannot be read at all.

    Any problem in any row means nothing is stored; the result lists every problem. A dry run
    validates and counts without storing. The validation of a real run happens inside the
    write transaction, so nobody can change the register in between.
    """
    table = read_table(source, filename)
    if dry_run:
        return _run(actor, municipality, table, filename, True, create_missing, progress)
    with transaction.atomic():
        return _run(actor, municipality, table, filename, False, create_missing, progress)


def _run(
    actor: User | None,
    municipality: Municipality,
    table: Table,
    filename: str,
    dry_run: bool,
    create_missing: bool,
    progress: Progress | None,
) -> ImportResult:
    taxonomy = _Taxonomy(municipality, create_missing=create_missing)
    reader = _RowReader(table, taxonomy)
    rows: list[_Row] = []
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        row = reader.read(number, cells)
        if row is not None:
            rows.append(row)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    stored = _load_stored(municipality)
    problems = reader.problems
    _check_references(reader.refs, stored, problems, table)
    problems.sort(key=lambda p: p.row)
    plan = _Plan(rows, stored)
    result = ImportResult(
        created=len(plan.create),
        updated=len(plan.update),
        unchanged=plan.unchanged,
        problems=problems,
        notes=list(table.notes),
        new_labels=list(taxonomy.new_labels),
        dry_run=dry_run,
    )
    if problems or dry_run:
        return result
    _write(actor, municipality, taxonomy, plan, stored, result, filename)
    return result


class _Plan:
    """Which rows create cases, which update them, and with what values."""

    def __init__(self, rows: list[_Row], stored: _Stored) -> None:
        self.create: list[_Row] = []
        self.update: list[tuple[_Row, int, list[str], bool]] = []  # row, id, fields, themes?
        self.unchanged = 0
        for row in rows:
            pk = stored.ids.get(row.reference)
            if pk is None:
                self.create.append(row)
                continue
            fields, themes_changed = _differences(row, pk, stored)
            if fields or themes_changed:
                self.update.append((row, pk, fields, themes_changed))
            else:
                self.unchanged += 1


def _status(row: _Row, current: str | None) -> str:
    if row.values["closed_on"] is not None:
        return CaseStatus.CLOSED
    if current in (CaseStatus.AWAITING_CENTRE, CaseStatus.AWAITING_CITIZEN):
        return current
    return CaseStatus.OPEN


def _pk(obj: Model | None) -> int | None:
    return obj.pk if obj is not None else None


def _desired(row: _Row, stored: _Stored, current_status: str | None) -> tuple[Any, ...]:
    v = row.values
    main_id = stored.ids.get(row.main_ref) if row.main_ref else None
    if row.main_ref and main_id is None:
        main_id = -1  # a case created by this import: differs from anything stored
    return (
        main_id,
        stored.citizens.get(row.citizen_key, -1),
        v["opened_on"],
        v["closed_on"],
        v["kind"],
        _pk(v["channel"]),
        v["concerns_municipality"],
        _pk(v["centre"]),
        _pk(v["external_body"]),
        _pk(v["handling"]),
        _pk(v["rejection_ground"]),
        _pk(v["outcome"]),
        v["summary"],
        _status(row, current_status),
    )


def _differences(row: _Row, pk: int, stored: _Stored) -> tuple[list[str], bool]:
    current = list(stored.state[pk])
    current[CASE_FIELDS.index("summary")] = (current[CASE_FIELDS.index("summary")] or "").strip()
    desired = _desired(row, stored, current[-1])
    fields = [name for name, a, b in zip(CASE_FIELDS, current, desired, strict=True) if a != b]
    theme_ids = frozenset(t.pk for t in row.themes)
    themes_changed = None in theme_ids or theme_ids != stored.themes.get(pk, frozenset())
    return fields, themes_changed


def _write(
    actor: User | None,
    municipality: Municipality,
    taxonomy: _Taxonomy,
    plan: _Plan,
    stored: _Stored,
    result: ImportResult,
    filename: str,
) -> None:
    taxonomy.save_new()
    if taxonomy.new:
        audit_record_many(
            actor=actor,
            municipality=municipality,
            action=AuditAction.CREATE,
            objects=taxonomy.new,
            summary="Added to the taxonomy by a case import",
        )
    _create_citizens(actor, municipality, plan, stored)
    created = _create_cases(municipality, plan, stored)
    _update_cases(actor, municipality, plan, stored)
    _set_themes(created, plan)
    if created:
        audit_record_many(
            actor=actor,
            municipality=municipality,
            action=AuditAction.CREATE,
            objects=created.values(),
            summary="Case created by import",
        )
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.IMPORT,
        object_type="case_import",
        object_ref=filename[:100],
        summary=f"Case register imported: {result.summary_line()}",
        changes={
            "file": filename,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "new_labels": result.new_labels,
        },
    )
    reference_counter_sync(municipality=municipality)


def _create_citizens(
    actor: User | None, municipality: Municipality, plan: _Plan, stored: _Stored
) -> None:
    rows = [*plan.create, *(u[0] for u in plan.update)]
    keys = sorted({r.citizen_key for r in rows if r.citizen_key not in stored.citizens})
    if not keys:
        return
    citizens = bulk_insert([Citizen(municipality=municipality, external_key=key) for key in keys])
    for citizen in citizens:
        stored.citizens[citizen.external_key] = citizen.pk
    audit_record_many(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        objects=citizens,
        summary="Citizen created by import",
    )


def _case_values(row: _Row, stored: _Stored, current_status: str | None) -> dict[str, Any]:
    v = row.values
    return {
        "citizen_id": stored.citizens[row.citizen_key],
        "opened_on": v["opened_on"],
        "closed_on": v["closed_on"],
        "kind": v["kind"],
        "channel_id": _pk(v["channel"]),
        "concerns_municipality": v["concerns_municipality"],
        "centre_id": _pk(v["centre"]),
        "external_body_id": _pk(v["external_body"]),
        "handling_id": _pk(v["handling"]),
        "rejection_ground_id": _pk(v["rejection_ground"]),
        "outcome_id": _pk(v["outcome"]),
        "summary": v["summary"],
        "status": _status(row, current_status),
    }


def _create_cases(municipality: Municipality, plan: _Plan, stored: _Stored) -> dict[str, Case]:
    """Main cases first, so follow-ups created in the same file can point at them."""
    created: dict[str, Case] = {}
    mains = [r for r in plan.create if not r.main_ref]
    follow_ups = [r for r in plan.create if r.main_ref]
    for batch in (mains, follow_ups):
        cases = [
            Case(
                municipality_id=municipality.pk,
                reference=row.reference,
                main_case_id=stored.ids[row.main_ref] if row.main_ref else None,
                **_case_values(row, stored, None),
            )
            for row in batch
        ]
        for case in bulk_insert(cases):
            created[case.reference] = case
            stored.ids[case.reference] = case.pk
    return created


def _update_cases(
    actor: User | None, municipality: Municipality, plan: _Plan, stored: _Stored
) -> None:
    if not plan.update:
        return
    now = timezone.now()
    cases: list[Case] = []
    by_change: dict[tuple[str, ...], list[Case]] = defaultdict(list)
    for row, pk, fields, themes_changed in plan.update:
        current_status = stored.state[pk][-1]
        case = Case(
            pk=pk,
            municipality_id=municipality.pk,
            reference=row.reference,
            main_case_id=stored.ids[row.main_ref] if row.main_ref else None,
            updated_at=now,
            **_case_values(row, stored, current_status),
        )
        cases.append(case)
        names_changed = [f.removesuffix("_id") for f in fields]
        if themes_changed:
            names_changed.append("themes")
        by_change[tuple(names_changed)].append(case)
    names = [f.removesuffix("_id") for f in CASE_FIELDS]
    Case.objects.bulk_update(cases, [*names, "updated_at"], batch_size=500)
    for changed, group in by_change.items():
        audit_record_many(
            actor=actor,
            municipality=municipality,
            action=AuditAction.UPDATE,
            objects=group,
            summary="Case changed by import: " + ", ".join(changed),
        )


def _set_themes(created: dict[str, Case], plan: _Plan) -> None:
    through = Case.themes.through
    rows: list[tuple[int, Iterable[Theme]]] = [
        (created[r.reference].pk, r.themes) for r in plan.create
    ]
    changed = [
        (pk, row.themes) for row, pk, _fields, themes_changed in plan.update if themes_changed
    ]
    changed_ids = [pk for pk, _themes in changed]
    for start in range(0, len(changed_ids), 500):
        through.objects.filter(case_id__in=changed_ids[start : start + 500]).delete()
    rows.extend(changed)
    links = [(pk, t.pk) for pk, themes in rows for t in themes]
    # Two integer columns: plain multi-row INSERTs, far cheaper than model instances.
    insert_rows(through._meta.db_table, ["case_id", "theme_id"], links)
