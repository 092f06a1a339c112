"""Writes for the public pages: contacts from the form (and their acceptance as cases),
processing deadlines, the centres' expiring edit links, and the public texts."""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.models import Case, CaseKind, Centre, Channel, Citizen, ExternalBody
from ombud.cases.services import CaseInput, case_register, upload_check
from ombud.cooperation.selectors import intake_pause_current
from ombud.cooperation.tokens import token_hash, token_new
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.portal.models import (
    CentreEditLink,
    Contact,
    ContactFile,
    ContactStatus,
    PortalTexts,
    ProcessingDeadline,
)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class ContactInput:
    kind: str
    centre: Centre | None
    what_happened: str
    name: str
    email: str
    phone: str
    consent_to_contact_centre: bool
    files: list["UploadedFile[bytes]"] = field(default_factory=list)


def _reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"H-{code[:4]}-{code[4:]}"


def files_check(files: list["UploadedFile[bytes]"]) -> list[str]:
    """The content types of the files, or a ValidationError keyed `attachments`."""
    types = []
    for upload in files:
        try:
            types.append(upload_check(upload))
        except ValidationError as error:
            messages = error.message_dict.get("attachment", error.messages)
            raise ValidationError(
                {"attachments": [f"{upload.name}: {m}" for m in messages]}
            ) from None
    return types


@transaction.atomic
def contact_submit(*, municipality: Municipality, data: ContactInput) -> Contact:
    """Store a contact from the public form. While intake is paused it goes on the waiting list,
    numbered in arrival order; nothing is dropped."""
    if data.centre is not None and data.centre.municipality_id != municipality.pk:
        raise ValidationError({"centre": _("Choose a centre from the list.")})
    if not (data.email or data.phone):
        raise ValidationError({"email": _("Enter an e-mail address or a phone number.")})
    types = files_check(data.files)
    contact = Contact(
        municipality=municipality,
        reference=_reference(),
        kind=data.kind,
        centre=data.centre,
        what_happened=data.what_happened,
        name=data.name,
        email=data.email,
        phone=data.phone,
        consent_to_contact_centre=data.consent_to_contact_centre,
    )
    if intake_pause_current(municipality) is not None:
        # Lock the municipality row so concurrent arrivals get distinct positions.
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        last = Contact.objects.filter(municipality=municipality).aggregate(
            m=Max("waiting_position")
        )["m"]
        contact.status = ContactStatus.WAITING_LIST
        contact.waiting_position = (last or 0) + 1
    contact.full_clean(exclude=["municipality"])
    contact.save()
    for upload, content_type in zip(data.files, types, strict=True):
        ContactFile.objects.create(
            contact=contact,
            file=upload,
            name=(upload.name or "")[:255],
            size=upload.size or 0,
            content_type=content_type,
        )
    audit_record(
        actor=None,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=contact,
        object_ref=contact.reference,
        summary="Contact received from the public form",
    )
    return contact


@transaction.atomic
def contact_accept(
    *,
    actor: User,
    contact: Contact,
    centre: Centre | None = None,
    external_body: ExternalBody | None = None,
    handler: User | None = None,
    citizen: Citizen | None = None,
    matches_offered: int = 0,
) -> Case:
    """Turn the contact into a case, for an existing `citizen` of the same municipality (chosen
    by the advisor among the offered matches) or else a new one from the contact's details.

    The advisor may correct the centre, or choose an outside body instead. The choice, and how
    many matches were offered, is written to the audit log with the acceptance."""
    if contact.status not in (ContactStatus.PENDING, ContactStatus.WAITING_LIST):
        raise ValidationError(_("This contact has already been handled."))
    municipality = contact.municipality
    if citizen is not None and (
        citizen.municipality_id != municipality.pk or citizen.merged_into_id is not None
    ):
        raise ValidationError(_("Choose one of the citizens offered, or a new citizen."))
    channel = Channel.objects.filter(municipality=municipality, code="web").first()
    data = CaseInput(
        kind=CaseKind.COMPLAINT if contact.kind == CaseKind.COMPLAINT else CaseKind.INQUIRY,
        citizen=citizen,  # type: ignore[arg-type]  # None: set by case_register from new_citizen
        opened_on=timezone.localdate(),
        concerns_municipality=external_body is None,
        centre=None if external_body else (centre or contact.centre),
        external_body=external_body,
        channel=channel,
        handler=handler or actor,
        summary=contact.what_happened[:2000],
    )
    new_citizen = None if citizen is not None else _citizen_fields(contact)
    case = case_register(actor=actor, municipality=municipality, data=data, new_citizen=new_citizen)
    contact.status, contact.case = ContactStatus.ACCEPTED, case
    contact.handled_at, contact.handled_by = timezone.now(), actor
    contact.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=contact,
        object_ref=contact.reference,
        summary=f"Contact accepted as case {case.reference} "
        + ("for an existing citizen" if citizen is not None else "with a new citizen"),
        changes={
            "citizen": "existing" if citizen is not None else "new",
            "citizen_ref": str(case.citizen.public_id),
            "matches_offered": matches_offered,
        },
    )
    return case


def _citizen_fields(contact: Contact) -> dict[str, object]:
    return {
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "consent_to_contact": contact.consent_to_contact_centre,
        "consent_date": timezone.localdate() if contact.consent_to_contact_centre else None,
    }


@transaction.atomic
def contact_dismiss(*, actor: User, contact: Contact) -> Contact:
    if contact.status not in (ContactStatus.PENDING, ContactStatus.WAITING_LIST):
        raise ValidationError(_("This contact has already been handled."))
    contact.status = ContactStatus.DISMISSED
    contact.handled_at, contact.handled_by = timezone.now(), actor
    contact.save()
    audit_record(
        actor=actor,
        municipality=contact.municipality,
        action=AuditAction.UPDATE,
        obj=contact,
        object_ref=contact.reference,
        summary="Contact dismissed",
    )
    return contact


# Processing deadlines


@transaction.atomic
def deadline_save(
    *,
    actor: User | None,
    municipality: Municipality,
    deadline: ProcessingDeadline,
    via: str = "staff",
) -> ProcessingDeadline:
    if deadline.centre is not None and deadline.centre.municipality_id != municipality.pk:
        raise ValidationError({"centre": _("Choose a centre of this municipality.")})
    creating = deadline.pk is None
    deadline.municipality = municipality
    deadline.full_clean(exclude=["municipality"])
    deadline.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=deadline,
        summary=f"Processing deadline saved ({via})",
    )
    return deadline


@transaction.atomic
def edit_link_create(
    *, actor: User, municipality: Municipality, centre: Centre, days: int = 30
) -> tuple[CentreEditLink, str]:
    if centre.municipality_id != municipality.pk:
        raise ValidationError({"centre": _("Choose a centre of this municipality.")})
    token, digest = token_new()
    link = CentreEditLink.objects.create(
        municipality=municipality,
        centre=centre,
        token_hash=digest,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=link,
        summary=f"Edit link for processing deadlines created ({centre.label})",
    )
    return link, token


def edit_link_for_token(municipality: Municipality, token: str) -> CentreEditLink | None:
    return (
        CentreEditLink.objects.select_related("centre")
        .filter(
            municipality=municipality,
            token_hash=token_hash(token),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def texts_update(*, actor: User, municipality: Municipality, values: dict[str, str]) -> PortalTexts:
    row, _created = PortalTexts.objects.get_or_create(municipality=municipality)
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean(exclude=["municipality"])
    row.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=row,
        summary="Public page texts changed",
    )
    return row
