"""Fast inserts for bulk paths (imports): plain multi-row INSERTs through `executemany`.

Django's `bulk_create` builds one statement with a placeholder per field and asks for the new
keys back; for tens of thousands of rows that costs more than the database work. Here the keys
are reserved first (a sequence on PostgreSQL; on SQLite the write lock the import's transaction
holds makes `MAX(id) + 1` safe), then the rows go in with one prepared statement. Field
preparation (`pre_save`, `get_db_prep_save`) is Django's own, so defaults, `auto_now` and
value conversion behave as in `save()`. Use inside `transaction.atomic`.
"""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import connection, models

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


def _preparer(field: models.Field) -> Callable[[models.Model], Any]:  # type: ignore[type-arg]
    """Per field, the cheapest correct way to get its database value (this runs per cell)."""
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)
    if field.get_internal_type() in _CONVERTED:
        return lambda obj: field.get_db_prep_save(getattr(obj, attname), connection)
    return lambda obj: getattr(obj, attname)


def bulk_insert(objs: Sequence[M], *, batch_size: int = 5000) -> Sequence[M]:
    """Insert new model instances of one model; sets their primary keys. Sends no signals."""
    if not objs:
        return objs
    model = type(objs[0])
    meta = model._meta
    for obj, pk in zip(objs, _reserve_ids(model, len(objs)), strict=True):
        obj.pk = pk
    fields = list(meta.concrete_fields)
    preparers = [_preparer(f) for f in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    rows = [tuple(prepare(obj) for prepare in preparers) for obj in objs]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, rows[start : start + batch_size])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


def bulk_insert_values(
    template: models.Model,
    per_row: dict[str, Callable[[Any], Any]],
    sources: Sequence[Any],
    *,
    batch_size: int = 5000,
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
    quote = connection.ops.quote_name
    columns = ", ".join([quote(pk_column), *(quote(str(f.column)) for f in fields)])
    placeholders = ", ".join(["%s"] * (len(fields) + 1))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    ids = _reserve_ids(model, len(sources))
    rows = [
        (
            pk,
            *(per_row[f.name](source) if f.name in per_row else fixed[f.attname] for f in fields),
        )
        for pk, source in zip(ids, sources, strict=True)
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, rows[start : start + batch_size])
    return len(rows)
