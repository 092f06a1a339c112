"""Gathers what Ombud holds about one citizen. Reads only; whistleblower reports are never part
of it (they are not linked to the register at all, WB-14)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ombud.cases.models import Case, Citizen, JournalEntry
from ombud.cooperation.models import CentreRequest, WalkIn
from ombud.core.crypto import field_decrypt
from ombud.core.models import AuditAction, AuditEvent
from ombud.portal.models import Contact
from ombud.records.models import DataRequest
from ombud.records.selectors import records_settings_get

# Reads of a citizen's data that art. 15 covers (C-579/21): the event, and the purpose it served.
READ_PURPOSES = {
    AuditAction.VIEW_IDENTITY: _("Your record was opened to handle your case."),
    AuditAction.VIEW_CPR: _("Your CPR number was shown to handle your case."),
    AuditAction.EXPORT: _("Your data were exported (for example for an access extract)."),
}


@dataclass
class Extract:
    data: dict[str, Any]
    # (path in the ZIP, stored file) for every original document.
    files: list[tuple[str, FieldFile]] = field(default_factory=list)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _person(citizen: Citizen) -> dict[str, Any]:
    cpr = field_decrypt(bytes(citizen.cpr_encrypted)) if citizen.cpr_encrypted else ""
    return {
        "id": str(citizen.public_id),
        "name": citizen.name,
        "cpr": cpr,
        "email": citizen.email,
        "phone": citizen.phone,
        "address": citizen.address,
        "key": citizen.external_key,
        "representative": citizen.representative_name,
        "representative_relation": citizen.representative_relation,
        "power_of_attorney_date": _iso(citizen.power_of_attorney_date),
        "consent_to_contact_centre": citizen.consent_to_contact,
        "consent_date": _iso(citizen.consent_date),
        "consent_scope": citizen.consent_scope,
        "notes": citizen.notes,
        "registered_at": _iso(citizen.created_at),
    }


def _journal(entry: JournalEntry, files: list[tuple[str, FieldFile]]) -> dict[str, Any]:
    path = None
    if entry.attachment:
        path = f"files/{entry.case.reference}/{entry.public_id}-{entry.attachment_name}"
        files.append((path, entry.attachment))
    return {
        "id": str(entry.public_id),
        "occurred_at": _iso(entry.occurred_at),
        "kind": entry.kind,
        "direction": entry.direction,
        "subject": entry.subject,
        "text": entry.body,
        "file": path,
        "file_name": entry.attachment_name or None,
    }


def _request(row: CentreRequest) -> dict[str, Any]:
    return {
        "to": row.recipient_label,
        "recipient": row.recipient_name,
        "sent_at": _iso(row.sent_at),
        "deadline": _iso(row.deadline),
        "question": row.question,
        "replied_at": _iso(row.replied_at),
        "reply": row.reply_text,
        "replied_by": row.reply_by,
    }


def _case(case: Case, files: list[tuple[str, FieldFile]]) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "main_case": case.main_case.reference if case.main_case else None,
        "kind": case.kind,
        "status": case.status,
        "opened_on": _iso(case.opened_on),
        "closed_on": _iso(case.closed_on),
        "channel": str(case.channel or "") or None,
        "concerns": case.concerns_label or None,
        "themes": [str(theme) for theme in case.themes.all()],
        "handling": str(case.handling or "") or None,
        "rejection_ground": str(case.rejection_ground or "") or None,
        "outcome": str(case.outcome or "") or None,
        "summary": case.summary,
        "journal": [_journal(entry, files) for entry in case.journal.order_by("occurred_at", "id")],
        "requests_to_centres": [_request(r) for r in case.requests.order_by("sent_at", "id")],
    }


def _contact(contact: Contact, files: list[tuple[str, FieldFile]]) -> dict[str, Any]:
    names = []
    for upload in contact.files.order_by("id"):
        path = f"files/contacts/{contact.reference}/{upload.public_id}-{upload.name}"
        files.append((path, upload.file))
        names.append(path)
    return {
        "reference": contact.reference,
        "received_at": _iso(contact.created_at),
        "kind": contact.kind,
        "what_happened": contact.what_happened,
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "consent_to_contact_centre": contact.consent_to_contact_centre,
        "status": contact.status,
        "case": contact.case.reference if contact.case else None,
        "files": names,
    }


def _walk_in(row: WalkIn) -> dict[str, Any]:
    return {
        "session_date": _iso(row.session.held_on),
        "place": row.session.place,
        "arrived_at": _iso(row.arrived_at),
        "label": row.label,
        "status": row.status,
        "case": row.case.reference if row.case else None,
        "meeting_at": _iso(row.meeting_at),
        "meeting_place": row.meeting_place,
    }


def _reads(citizens: list[Citizen], cases: list[Case], with_names: bool) -> list[dict[str, Any]]:
    """When and why the citizen's data were read, from the audit log."""
    refs = [case.reference for case in cases]
    about = Q(object_type="citizen", object_ref__in=[str(c.public_id) for c in citizens]) | Q(
        object_type__in=["case", "journalentry"], object_ref__in=refs
    )
    events = AuditEvent.objects.filter(
        about, municipality_id=citizens[0].municipality_id, action__in=list(READ_PURPOSES)
    ).order_by("created_at", "id")
    return [
        {
            "at": _iso(event.created_at),
            "what": event.summary,
            "purpose": str(READ_PURPOSES[AuditAction(event.action)]),
            **({"by": event.actor_name} if with_names else {}),
        }
        for event in events
    ]


def _data_request(row: DataRequest) -> dict[str, Any]:
    return {
        "right": row.kind,
        "received_on": _iso(row.received_on),
        "answer_by": _iso(row.due_on),
        "extension_reason": row.extension_reason,
        "decided_on": _iso(row.decided_on),
        "decision": row.outcome or None,
        "ground": row.ground,
    }


def extract_collect(citizen: Citizen) -> Extract:
    """Everything about the citizen, including records merged into theirs."""
    citizens = [citizen, *Citizen.objects.filter(merged_into=citizen).order_by("id")]
    cases = list(
        Case.objects.filter(citizen__in=citizens)
        .select_related("main_case", "channel", "centre", "external_body")
        .select_related("handling", "rejection_ground", "outcome")
        .prefetch_related("themes")
        .order_by("opened_on", "reference")
    )
    files: list[tuple[str, FieldFile]] = []
    contacts = Contact.objects.filter(case__in=cases).select_related("case").order_by("id")
    walk_ins = WalkIn.objects.filter(case__in=cases).select_related("session", "case")
    with_names = records_settings_get(citizen.municipality).extract_staff_names
    data = {
        "format": "ombud-access-extract",
        "version": 1,
        "made_at": _iso(timezone.now()),
        "municipality": citizen.municipality.name,
        "person": _person(citizen),
        "merged_records": [_person(other) for other in citizens[1:]],
        "cases": [_case(case, files) for case in cases],
        "web_contacts": [_contact(contact, files) for contact in contacts],
        "walk_ins": [_walk_in(row) for row in walk_ins.order_by("arrived_at", "id")],
        "reads": _reads(citizens, cases, with_names),
        "data_requests": [
            _data_request(row)
            for row in DataRequest.objects.filter(citizen__in=citizens).order_by("received_on")
        ],
    }
    return Extract(data=data, files=files)
