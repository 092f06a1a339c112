"""Anonymisation of cases and citizens, for an erasure that was granted and for retention.

What goes: the citizen's identity (name, contact details, CPR, key, representative, notes), the
free text of the case and its journal, requests to centres, web contacts and walk-ins, and every
document. What stays: the rows and their classification (type, centre, themes, handling,
outcome, dates, channel), so the statistics and the annual reports add up to the same figures.
The audit log is append-only and is not changed (docs/data-protection.md says what it holds).
"""

from collections.abc import Iterable

from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile

from ombud.accounts.models import Municipality, User
from ombud.cases.models import Case, Citizen, JournalEntry
from ombud.cooperation.models import CentreRequest, WalkIn
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.portal.models import Contact, ContactFile
from ombud.records.models import Anonymisation, DataRequest

REMOVED = "-"


def _delete_on_commit(storage: Storage, name: str) -> None:
    # After commit, so a rolled-back anonymisation still finds its files.
    transaction.on_commit(lambda: storage.delete(name))


def _delete_files_on_commit(files: Iterable[FieldFile]) -> None:
    for stored in files:
        if stored and stored.name:
            _delete_on_commit(stored.storage, stored.name)


def _journal_strip(cases: list[Case]) -> None:
    entries = JournalEntry.objects.filter(case__in=cases)
    _delete_files_on_commit(entry.attachment for entry in entries.exclude(attachment=""))
    entries.update(subject="", body="", attachment="", attachment_name="", attachment_size=None)


def _contacts_strip(cases: list[Case]) -> None:
    contacts = Contact.objects.filter(case__in=cases)
    files = ContactFile.objects.filter(contact__in=contacts)
    _delete_files_on_commit(row.file for row in files)
    files.delete()
    contacts.update(name=REMOVED, email="", phone="", what_happened=REMOVED)


def cases_strip(cases: list[Case]) -> None:
    """Remove the free text and documents of the cases, keeping their classification."""
    ids = [case.pk for case in cases]
    Case.objects.filter(pk__in=ids).update(summary="")
    _journal_strip(cases)
    CentreRequest.objects.filter(case__in=cases).update(question=REMOVED, reply_text="")
    WalkIn.objects.filter(case__in=cases).update(label="")
    _contacts_strip(cases)


def citizen_strip(citizen: Citizen) -> None:
    Citizen.objects.filter(pk=citizen.pk).update(
        name="",
        email="",
        phone="",
        address="",
        external_key="",
        cpr_encrypted=None,
        cpr_index="",
        cpr_masked="",
        representative_name="",
        representative_relation="",
        power_of_attorney_date=None,
        consent_scope="",
        notes="",
    )


@transaction.atomic
def citizen_erase(*, actor: User, citizen: Citizen, data_request: DataRequest | None = None) -> int:
    """Anonymise the citizen and every case of theirs (and of records merged into theirs).
    Returns the number of cases anonymised."""
    citizens = [citizen, *Citizen.objects.filter(merged_into=citizen)]
    cases = list(Case.objects.filter(citizen__in=citizens))
    cases_strip(cases)
    for person in citizens:
        citizen_strip(person)
        Anonymisation.objects.create(
            municipality=citizen.municipality,
            reason="erasure",
            citizen=person,
            data_request=data_request,
            approved_by=actor,
        )
    audit_record(
        actor=actor,
        municipality=citizen.municipality,
        action=AuditAction.UPDATE,
        obj=citizen,
        summary=f"Citizen anonymised after an erasure request ({len(cases)} cases)",
    )
    return len(cases)


@transaction.atomic
def case_anonymise(
    *, actor: User | None, municipality: Municipality, case: Case, archived_as: str
) -> Anonymisation:
    """Retention: anonymise one closed case, and its citizen once none of their cases is left
    un-anonymised (a citizen with a newer case keeps their identity for that case)."""
    cases_strip([case])
    row = Anonymisation.objects.create(
        municipality=municipality,
        reason="retention",
        case=case,
        archived_as=archived_as,
        approved_by=actor,
    )
    done = Anonymisation.objects.filter(case__citizen_id=case.citizen_id).count()
    if done == Case.objects.filter(citizen_id=case.citizen_id).count():
        citizen_strip(case.citizen)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=case,
        summary="Case archived and anonymised after the retention period",
        changes={"archived_as": archived_as},
    )
    return row
