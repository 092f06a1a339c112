"""Fast inserts for bulk paths (imports): plain multi-row INSERT statements.

Django's `bulk_create` builds one statement with a placeholder per field and asks for the new
keys back; for tens of thousands of rows that costs more than the database work. Here the keys
are reserved first (a sequence on PostgreSQL; on SQLite the write lock the import's transaction
holds makes `MAX(id) + 1` safe), then the rows go in as multi-row INSERTs. Field
preparation (`pre_save`, `get_db_prep_save`) is Django's own, so defaults, `auto_now` and
value conversion behave as in `save()`. Use inside `transaction.atomic`.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import connection, models
from django.utils import timezone

M = TypeVar("M", bound=models.Model)


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    pk_column = str(model._meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk_column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({quote(pk_column)}), 0) FROM {quote(table)}")  # noqa: S608
        start = int(cursor.fetchone()[0]) + 1
        return list(range(start, start + count))


# Field types whose Python value the database adapter cannot take as it is.
_CONVERTED = {"UUIDField", "JSONField", "DateTimeField", "DecimalField", "BinaryField", "DateField"}


def _preparer(
    field: models.Field,  # type: ignore[type-arg]
    now: dt.datetime,
) -> Callable[[models.Model], Any]:
    """Per field, the cheapest correct way to get its database value (this runs per cell)."""
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        # One timestamp for the whole batch, prepared once, as `save()` would set it.
        stamp = field.get_db_prep_save(now, connection)

        def timestamp(obj: models.Model) -> Any:
            setattr(obj, attname, now)
            return stamp

        return timestamp
    if field.get_internal_type() in _CONVERTED:
        return lambda obj: field.get_db_prep_save(getattr(obj, attname), connection)
    return lambda obj: getattr(obj, attname)


# Bound parameters per statement: PostgreSQL allows 65,535, SQLite (3.32+) 32,766.
_MAX_PARAMS = 30_000
_MAX_ROWS = 1_000


def insert_rows(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Multi-row INSERTs (SQLite) or COPY (PostgreSQL) rather than one statement per row."""
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        names = ", ".join(quote(c) for c in columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no COPY
            with raw.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    head = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "  # noqa: S608
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, min(_MAX_ROWS, _MAX_PARAMS // len(columns)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = [value for row in chunk for value in row]
            cursor.execute(head + ", ".join([one] * len(chunk)), params)


def bulk_insert(objs: Sequence[M]) -> Sequence[M]:
    """Insert new model instances of one model; sets their primary keys. Sends no signals."""
    if not objs:
        return objs
    model = type(objs[0])
    meta = model._meta
    for obj, pk in zip(objs, _reserve_ids(model, len(objs)), strict=True):
        obj.pk = pk
    fields = list(meta.concrete_fields)
    now = timezone.now()
    preparers = [_preparer(f, now) for f in fields]
    rows = [tuple(prepare(obj) for prepare in preparers) for obj in objs]
    insert_rows(meta.db_table, [str(f.column) for f in fields], rows)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


def bulk_insert_values(
    template: models.Model,
    per_row: dict[str, Callable[[Any], Any]],
    sources: Sequence[Any],
) -> int:
    """Insert one row per source: the template's values, with `per_row` fields computed from it.

    Fields not in `per_row` are prepared once from the template, so thousands of rows cost no
    model instances. `per_row` must return values the database takes as they are (text,
    numbers). `auto_now_add` fields take the template's value (set it explicitly).
    """
    if not sources:
        return 0
    model = type(template)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    fixed = {
        f.attname: f.get_db_prep_save(getattr(template, f.attname), connection)
        for f in fields
        if f.name not in per_row
    }
    pk_column = str(model._meta.pk.column)
    ids = _reserve_ids(model, len(sources))
    rows = [
        (
            pk,
            *(per_row[f.name](source) if f.name in per_row else fixed[f.attname] for f in fields),
        )
        for pk, source in zip(ids, sources, strict=True)
    ]
    insert_rows(model._meta.db_table, [pk_column, *(str(f.column) for f in fields)], rows)
    return len(rows)
