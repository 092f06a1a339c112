"""Reads for records and data protection."""

import datetime as dt
import uuid

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from ombud.accounts.models import Municipality
from ombud.records.models import DataRequest, RecordsSettings, RetentionProposal


def records_settings_get(municipality: Municipality) -> RecordsSettings:
    """The municipality's settings, or the defaults (unsaved) when it has none yet."""
    found = RecordsSettings.objects.filter(municipality=municipality).first()
    return found or RecordsSettings(municipality=municipality)


def data_requests_open(municipality: Municipality) -> list[DataRequest]:
    """Undecided requests, the most urgent first (by `due_on`, the extended date if any).

    For the start page and the requests page; each row has `citizen` loaded.
    """
    rows = DataRequest.objects.open().filter(municipality=municipality).select_related("citizen")
    return sorted(rows, key=lambda row: (row.due_on, row.received_on, row.pk))


def data_request_list(municipality: Municipality) -> QuerySet[DataRequest]:
    """Every request, the newest first."""
    return (
        DataRequest.objects.filter(municipality=municipality)
        .select_related("citizen", "decided_by")
        .order_by("-received_on", "-id")
    )


def data_request_get(municipality: Municipality, public_id: uuid.UUID) -> DataRequest:
    """Another municipality's request is a 404."""
    found = (
        DataRequest.objects.filter(municipality=municipality, public_id=public_id)
        .select_related("citizen", "decided_by", "registered_by")
        .first()
    )
    if found is None:
        raise Http404
    return found


def retention_pending(municipality: Municipality) -> QuerySet[RetentionProposal]:
    """Cases offered for archiving and anonymisation that await the advisor's approval."""
    return (
        RetentionProposal.objects.filter(municipality=municipality, approved_at__isnull=True)
        .select_related("case", "case__centre", "case__external_body")
        .order_by("due_on", "id")
    )


def retention_recent(municipality: Municipality) -> QuerySet[RetentionProposal]:
    """Approved cases, the newest first (waiting for the next run, or done)."""
    return (
        RetentionProposal.objects.filter(municipality=municipality, approved_at__isnull=False)
        .select_related("case", "approved_by")
        .order_by("-approved_at", "-id")[:100]
    )


def data_request_counts(
    municipality: Municipality, today: dt.date, soon_until: dt.date
) -> dict[str, int]:
    """For the start page: undecided requests past their (extended) deadline, due by
    `soon_until`, and all undecided ones — counts only, in one query."""
    rows = DataRequest.objects.open().filter(municipality=municipality)
    return rows.annotate(due=Coalesce("extended_to", "deadline")).aggregate(
        late=Count("pk", filter=Q(due__lt=today)),
        soon=Count("pk", filter=Q(due__gte=today, due__lte=soon_until)),
        open=Count("pk"),
    )
