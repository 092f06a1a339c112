"""Reads for the public pages and the advisor's contact inbox."""

import uuid

from django.db.models import Q, QuerySet

from ombud.accounts.models import Municipality
from ombud.portal import defaults
from ombud.portal.models import (
    Contact,
    ContactStatus,
    PortalTexts,
    ProcessingDeadline,
)
from ombud.whistleblower.models import Scheme


def municipality_public(slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)


def texts_for(municipality: Municipality) -> dict[str, str]:
    row = PortalTexts.objects.filter(municipality=municipality).first()
    return {
        "advisor_name": row.advisor_name if row else "",
        "about": (row.about if row else "") or defaults.ABOUT,
        "can_help": (row.can_help if row else "") or defaults.CAN_HELP,
        "cannot_help": (row.cannot_help if row else "") or defaults.CANNOT_HELP,
        "contact": (row.contact if row else "") or defaults.CONTACT,
        "phone": row.phone if row else "",
        "email": row.email if row else "",
        "address": row.address if row else "",
    }


def contacts_open(municipality: Municipality) -> QuerySet[Contact]:
    """Pending contacts and the waiting list, in arrival order."""
    return (
        Contact.objects.filter(
            municipality=municipality,
            status__in=[ContactStatus.PENDING, ContactStatus.WAITING_LIST],
        )
        .select_related("centre")
        .order_by("created_at", "id")
    )


def contact_list(municipality: Municipality) -> QuerySet[Contact]:
    return Contact.objects.filter(municipality=municipality).select_related("centre", "case")


def contact_get(municipality: Municipality, public_id: uuid.UUID) -> Contact:
    return contact_list(municipality).prefetch_related("files").filter(public_id=public_id).get()


# Words that name what the whole page lists. A municipality may tag rows with them, so they are
# searched like any word; only when nothing matches are they dropped, so that "sagsbehandlingstid
# boligstøtte" still finds the boligstøtte row instead of nothing.
GENERIC_DEADLINE_WORDS = frozenset(
    {
        "behandlingstid",
        "behandlingstiden",
        "frist",
        "fristen",
        "frister",
        "sagsbehandlingsfrist",
        "sagsbehandlingsfristen",
        "sagsbehandlingsfrister",
        "sagsbehandlingstid",
        "sagsbehandlingstiden",
        "sagsbehandlingstider",
    }
)


def deadline_search(
    municipality: Municipality, query: str = "", *, published_only: bool = True
) -> QuerySet[ProcessingDeadline]:
    """Every word must match title, area, centre, keywords or legal basis (case-insensitive)."""
    rows = ProcessingDeadline.objects.filter(municipality=municipality).select_related("centre")
    if published_only:
        rows = rows.filter(is_active=True)
    words = query.split()[:10]
    found = _deadlines_matching(rows, words)
    specific = [word for word in words if word.lower() not in GENERIC_DEADLINE_WORDS]
    if len(specific) < len(words) and not found.exists():
        found = _deadlines_matching(rows, specific)
    return found.order_by("area", "title")


def _deadlines_matching(
    rows: QuerySet[ProcessingDeadline], words: list[str]
) -> QuerySet[ProcessingDeadline]:
    for word in words:
        rows = rows.filter(
            Q(title__icontains=word)
            | Q(area__icontains=word)
            | Q(centre__label__icontains=word)
            | Q(keywords__icontains=word)
            | Q(legal_basis__icontains=word)
        )
    return rows


def scheme_is_open(municipality: Municipality) -> bool:
    return Scheme.objects.filter(municipality=municipality, is_open=True).exists()
