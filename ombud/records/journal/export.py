"""Choosing the cases and handing their ZIPs to a backend, audit-logged per case."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from ombud.accounts.models import Municipality, User
from ombud.cases.models import Case
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.records.journal.backends import ArchiveBackend
from ombud.records.journal.package import case_package


def cases_for_period(municipality: Municipality, start: dt.date, end: dt.date) -> QuerySet[Case]:
    """Cases open at any time from `start` to `end` (both included): opened by `end` and not
    closed before `start`. Oldest first."""
    return (
        Case.objects.filter(municipality=municipality, opened_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .order_by("opened_on", "reference")
    )


@dataclass
class ExportResult:
    delivered: dict[str, str] = field(default_factory=dict)  # reference -> where it went
    failed: dict[str, str] = field(default_factory=dict)  # reference -> why


def _case_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related(
        "municipality", "citizen", "main_case", "channel", "centre", "external_body"
    ).prefetch_related("themes")


def journal_export(
    *, actor: User | None, cases: QuerySet[Case], backend: ArchiveBackend
) -> ExportResult:
    """Package each case and deliver it; a case the backend refuses is reported, not retried."""
    result = ExportResult()
    for case in _case_rows(cases):
        try:
            where = backend.deliver(f"{case.reference}.zip", case_package(case))
        except OSError as error:
            result.failed[case.reference] = error.strerror or str(error)
            continue
        result.delivered[case.reference] = where
        audit_record(
            actor=actor,
            municipality=case.municipality,
            action=AuditAction.EXPORT,
            obj=case,
            summary="Case exported for the journal (ESDH)",
            changes={"to": where},
        )
    return result
