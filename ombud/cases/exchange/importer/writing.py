"""Storing a validated import: new taxonomy entries, citizens, cases, themes, audit rows."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from ombud.accounts.models import Municipality, User
from ombud.cases.exchange.importer.plan import _pk, _Plan, _status
from ombud.cases.exchange.importer.register import CASE_FIELDS, _Stored
from ombud.cases.exchange.importer.result import ImportResult
from ombud.cases.exchange.importer.rows import _Row
from ombud.cases.exchange.importer.taxonomy import _Taxonomy
from ombud.cases.models import Case, Citizen, Theme
from ombud.cases.services import cases_registered_announce, reference_counter_sync
from ombud.core.audit import audit_record, audit_record_many
from ombud.core.bulk import bulk_insert, insert_rows
from ombud.core.models import AuditAction


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
        cases_registered_announce(
            actor=actor,
            municipality=municipality,
            case_ids=[c.pk for c in created.values()],
            imported=True,
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
