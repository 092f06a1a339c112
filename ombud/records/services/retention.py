"""Retention of case data: closed cases are kept N years after closure (the municipality's
setting, 5 by default), then offered to the advisor; approved cases are exported to the archive
(journal-export format) and anonymised. Never silently: nothing is done without approval."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ombud.accounts.models import Municipality, User
from ombud.cases.models import Case
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.records.journal import ArchiveBackend, FolderDrop, case_package
from ombud.records.models import Anonymisation, RetentionProposal
from ombud.records.selectors import records_settings_get
from ombud.records.services.anonymise import case_anonymise


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def retention_due(municipality: Municipality, today: dt.date) -> QuerySet[Case]:
    """Closed cases whose retention period has passed and that are not yet anonymised."""
    years = records_settings_get(municipality).retention_years
    anonymised = Anonymisation.objects.filter(case__isnull=False).values("case_id")
    return (
        Case.objects.closed()
        .filter(municipality=municipality, closed_on__lte=_years_before(today, years))
        .exclude(pk__in=anonymised)
        .order_by("closed_on", "reference")
    )


def _due_on(case: Case, years: int) -> dt.date:
    assert case.closed_on is not None  # closed() above
    return _years_before(case.closed_on, -years)


@transaction.atomic
def retention_propose(municipality: Municipality, today: dt.date) -> int:
    """Offer every due case not offered yet; returns how many were added."""
    years = records_settings_get(municipality).retention_years
    offered = RetentionProposal.objects.filter(municipality=municipality).values("case_id")
    new = [
        RetentionProposal(municipality=municipality, case=case, due_on=_due_on(case, years))
        for case in retention_due(municipality, today).exclude(pk__in=offered)
    ]
    RetentionProposal.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def retention_approve(
    *, actor: User, municipality: Municipality, proposals: QuerySet[RetentionProposal]
) -> int:
    rows = list(proposals.filter(municipality=municipality, approved_at__isnull=True))
    now = timezone.now()
    for row in rows:
        row.approved_at, row.approved_by = now, actor
        audit_record(
            actor=actor,
            municipality=municipality,
            action=AuditAction.UPDATE,
            obj=row.case,
            summary="Case approved for archiving and anonymisation (retention)",
        )
    RetentionProposal.objects.bulk_update(rows, ["approved_at", "approved_by"])
    return len(rows)


@dataclass
class RetentionResult:
    done: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def _carry_out_one(row: RetentionProposal, backend: ArchiveBackend) -> str:
    where = backend.deliver(f"{row.case.reference}.zip", case_package(row.case))
    with transaction.atomic():
        actor = row.approved_by
        case_anonymise(actor=actor, municipality=row.municipality, case=row.case, archived_as=where)
        row.done_at = timezone.now()
        row.save(update_fields=["done_at", "updated_at"])
    return where


def retention_carry_out(municipality: Municipality, backend: ArchiveBackend) -> RetentionResult:
    """Export, then anonymise, every approved case; one that cannot be exported stays as it is
    (approved, not done) and is tried again next time."""
    result = RetentionResult()
    rows = RetentionProposal.objects.filter(
        municipality=municipality, approved_at__isnull=False, done_at__isnull=True
    ).select_related("case", "case__citizen", "approved_by", "municipality")
    for row in rows:
        try:
            _carry_out_one(row, backend)
        except OSError as error:
            result.failed[row.case.reference] = error.strerror or str(error)
        else:
            result.done.append(row.case.reference)
    return result


def archive_backend(municipality: Municipality) -> ArchiveBackend:
    return FolderDrop(Path(settings.OMBUD_ARCHIVE_DIR) / municipality.slug)


def retention_run(now: dt.datetime) -> int:
    """The scheduled job: offer what is due, carry out what was approved, in every municipality."""
    count = 0
    for municipality in Municipality.objects.order_by("pk"):
        count += retention_propose(municipality, timezone.localdate(now))
        count += len(retention_carry_out(municipality, archive_backend(municipality)).done)
    return count
