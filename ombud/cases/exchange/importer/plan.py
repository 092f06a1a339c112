"""Which rows create cases and which change stored ones."""

from typing import Any

from django.db.models import Model

from ombud.cases.exchange.importer.register import CASE_FIELDS, _Stored
from ombud.cases.exchange.importer.rows import _Row
from ombud.cases.models import CaseStatus


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
