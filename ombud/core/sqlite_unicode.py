"""Case-insensitive matching beyond ASCII on SQLite (searching "ø" finds "Ø").

SQLite's LIKE, which Django uses for `icontains` and `iexact`, folds only ASCII letters. A
deterministic SQL function `ombud_casefold` (Python's `str.casefold`) is registered on the SQLite
connection when a search first needs it, and the `icontains`/`iexact` lookups of text fields
compare casefolded text. Other databases keep Django's own SQL (PostgreSQL's UPPER already
handles every letter).

Only lookups against a plain value with a non-ASCII letter change: for ASCII search text SQLite's
LIKE already ignores case, so Django's SQL is kept and costs nothing extra. The search text is
casefolded once in Python; the function runs for each row the lookup examines, so it costs
something only in searches, which are already scans of one municipality's rows.
"""

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import lookups
from django.db.models.sql.compiler import SQLCompiler

CASEFOLD = "ombud_casefold"


def _casefold(value: object) -> str | None:
    return None if value is None else str(value).casefold()


def _ensure_casefold(connection: BaseDatabaseWrapper) -> None:
    """Register the function on the connection's current SQLite connection, once.

    Registered lazily, when a search first needs it, rather than on `connection_created`: a
    receiver there made the browser tests' shared in-memory database report "table is locked".
    The wrapper keeps the raw connection it registered on, so a reconnect registers again.
    """
    connection.ensure_connection()
    raw = connection.connection
    if connection.__dict__.get("_ombud_casefold_on") is not raw:
        raw.create_function(CASEFOLD, 1, _casefold, deterministic=True)
        connection.__dict__["_ombud_casefold_on"] = raw


class _UnicodeMixin:
    """On SQLite, for non-ASCII search text: compare `ombud_casefold(column)` with the casefolded
    (LIKE-escaped) value."""

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        lookup: Any = self
        if not (lookup.rhs_is_direct_value() and isinstance(lookup.rhs, str)):
            return lookup.as_sql(compiler, connection)
        if lookup.rhs.isascii():
            return lookup.as_sql(compiler, connection)
        _ensure_casefold(connection)
        lhs_sql, params = lookup.process_lhs(compiler, connection)
        rhs_sql, rhs_params = lookup.process_rhs(compiler, connection)
        params = [*params, *(_casefold(p) if isinstance(p, str) else p for p in rhs_params)]
        return f"{CASEFOLD}({lhs_sql}) {lookup.get_rhs_op(connection, rhs_sql)}", params


class UnicodeIContains(_UnicodeMixin, lookups.IContains):
    pass


class UnicodeIExact(_UnicodeMixin, lookups.IExact):
    pass


def install() -> None:
    """Called once from CoreConfig.ready()."""
    for field in (models.CharField, models.TextField):
        field.register_lookup(UnicodeIContains)
        field.register_lookup(UnicodeIExact)
