"""Reads for the public pages and the advisor's contact inbox."""

import uuid
from typing import Any

from django.db.models import Count, Q, QuerySet

from ombud.accounts.models import Municipality
from ombud.cases.selectors import CitizenMatch, citizen_matches
from ombud.cooperation.selectors import tasks_open
from ombud.core.public_text import public_text
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


# The texts a municipality writes itself, each with an English twin `<name>_en`.
TRANSLATED_TEXTS = {
    "about": defaults.ABOUT,
    "can_help": defaults.CAN_HELP,
    "cannot_help": defaults.CANNOT_HELP,
    "contact": defaults.CONTACT,
    "privacy": defaults.PRIVACY,
}


def texts_for(municipality: Municipality) -> dict[str, Any]:
    """The public page's texts in the active language (PublicText), and the contact facts."""
    row = PortalTexts.objects.filter(municipality=municipality).first()
    texts: dict[str, Any] = {
        name: public_text(getattr(row, name, ""), getattr(row, f"{name}_en", ""), default)
        for name, default in TRANSLATED_TEXTS.items()
    }
    for name in ("advisor_name", "phone", "email", "address"):
        texts[name] = getattr(row, name, "")
    return texts


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


def contact_citizen_matches(contact: Contact) -> list[CitizenMatch]:
    """Citizens of the contact's own municipality who may be the person who wrote (none once
    the contact is handled)."""
    if contact.status not in (ContactStatus.PENDING, ContactStatus.WAITING_LIST):
        return []
    return citizen_matches(
        contact.municipality, email=contact.email, phone=contact.phone, name=contact.name
    )


def inbox_counts(municipality: Municipality) -> dict[str, int]:
    """Pending contacts from the public page and open cooperation tasks."""
    return {
        "contacts": contacts_open(municipality).count(),
        "tasks": tasks_open(municipality).count(),
    }


def contact_counts(municipality: Municipality) -> dict[str, int]:
    """For the start page: new contacts from the public page, and the waiting list."""
    return Contact.objects.filter(municipality=municipality).aggregate(
        new=Count("pk", filter=Q(status=ContactStatus.PENDING)),
        waiting=Count("pk", filter=Q(status=ContactStatus.WAITING_LIST)),
    )
