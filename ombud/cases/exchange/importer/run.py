"""The import itself: read, validate every row, plan, and store all of it or nothing."""

from typing import IO

from django.db import transaction

from ombud.accounts.models import Municipality, User
from ombud.cases.exchange.importer.plan import _Plan
from ombud.cases.exchange.importer.register import _check_references, _load_stored
from ombud.cases.exchange.importer.result import ImportResult, Progress
from ombud.cases.exchange.importer.rows import _Row, _RowReader
from ombud.cases.exchange.importer.taxonomy import _Taxonomy
from ombud.cases.exchange.importer.writing import _write
from ombud.cases.exchange.parsing import Table, read_table

PROGRESS_EVERY = 250


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
