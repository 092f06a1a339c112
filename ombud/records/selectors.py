"""Reads for records and data protection."""

import uuid

from django.db.models import QuerySet
from django.http import Http404

from ombud.accounts.models import Municipality
from ombud.records.models import DataRequest, RecordsSettings


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
