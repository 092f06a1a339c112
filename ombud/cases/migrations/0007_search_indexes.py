"""Indexes for the case search (decisions/0006): trigram GIN indexes on PostgreSQL, FTS5 trigram
tables kept in step by triggers on SQLite. Nothing in the models' state changes."""

from typing import Any

from django.db import migrations

# The columns the case search reads: (table, FTS5 table, columns).
_SOURCES = [
    ("cases_case", "cases_case_search", ["reference", "summary"]),
    ("cases_citizen", "cases_citizen_search", ["name"]),
    ("cases_journalentry", "cases_journalentry_search", ["subject", "body"]),
]


def _postgresql(forwards: bool) -> list[str]:
    statements = []
    for table, _fts, columns in _SOURCES:
        for column in columns:
            name = f"{table}_{column}_trgm"
            if forwards:
                statements.append(
                    f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                    f'USING gin (UPPER("{column}") gin_trgm_ops)'
                )
            else:
                statements.append(f'DROP INDEX IF EXISTS "{name}"')
    return statements


def _sqlite(forwards: bool) -> list[str]:
    statements = []
    for table, fts, columns in _SOURCES:
        if not forwards:
            statements.append(f'DROP TABLE IF EXISTS "{fts}"')
            for event in ("insert", "delete", "update"):
                statements.append(f'DROP TRIGGER IF EXISTS "{fts}_{event}"')
            continue
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        statements += [
            # External content: the text stays in its table; the index holds trigrams only.
            f'CREATE VIRTUAL TABLE "{fts}" USING fts5({cols}, content="{table}", '
            f'content_rowid="id", tokenize="trigram")',
            f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')',
            f'CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN '
            f'INSERT INTO "{fts}"(rowid, {cols}) VALUES (new.id, {new}); END',
            f'CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN '
            f'INSERT INTO "{fts}"("{fts}", rowid, {cols}) VALUES (\'delete\', old.id, {old}); END',
            f'CREATE TRIGGER "{fts}_update" AFTER UPDATE OF {cols} ON "{table}" BEGIN '
            f'INSERT INTO "{fts}"("{fts}", rowid, {cols}) VALUES (\'delete\', old.id, {old}); '
            f'INSERT INTO "{fts}"(rowid, {cols}) VALUES (new.id, {new}); END',
        ]
    return statements


def _run(forwards: bool) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            if forwards:
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            statements = _postgresql(forwards)
        elif vendor == "sqlite":
            statements = _sqlite(forwards)
        else:
            statements = []
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_theme_retired_with_group")]

    operations = [migrations.RunPython(_run(True), _run(False))]
