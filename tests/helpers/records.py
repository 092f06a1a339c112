"""A citizen with everything an access extract covers, set up through the real services."""

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from ombud.cases.models import Case, Citizen, JournalDirection, JournalEntry, JournalKind
from ombud.cases.services import (
    citizen_create,
    citizen_log_identity_view,
    citizen_reveal_cpr,
    journal_add,
)
from ombud.cooperation import services as coop
from ombud.cooperation.models import RequestMethod, WalkIn
from ombud.cooperation.services import RequestInput
from ombud.portal.models import Contact
from ombud.portal.services import ContactInput, contact_accept, contact_submit
from tests.helpers import case_data
from tests.helpers.personas import Personas

LETTER = b"Kaere borgerraadgiver, jeg har ventet et aar."
CPR = "0101901234"


@dataclass
class Subject:
    citizen: Citizen
    case: Case  # registered by the advisor, with a journal letter
    web_case: Case  # from the public contact form
    contact: Contact
    walk_in: WalkIn
    entry: JournalEntry


def _contact_case(personas: Personas, citizen: Citizen) -> tuple[Contact, Case]:
    contact = contact_submit(
        municipality=personas.ishoj,
        data=ContactInput(
            kind="complaint",
            centre=case_data.centre(personas.ishoj),
            what_happened="Min hjemmehjælp kommer ikke.",
            name="Karin Borger",
            email="karin@example.org",
            phone="",
            consent_to_contact_centre=True,
            files=[SimpleUploadedFile("foto.txt", b"billede", "text/plain")],
        ),
    )
    case = contact_accept(actor=personas.advisor, contact=contact, citizen=citizen)
    contact.refresh_from_db()
    return contact, case


def _walk_in(personas: Personas, case: Case) -> WalkIn:
    session = coop.session_start(actor=personas.advisor, municipality=personas.ishoj)
    walk_in = coop.walk_in_add(actor=personas.advisor, session=session, label="Karin")
    return coop.walk_in_to_case(actor=personas.advisor, walk_in=walk_in, case=case)


def subject_make(personas: Personas) -> Subject:
    """Karin Borger in Ishøj: two cases, a letter, a web contact with a file, a walk-in, a
    request to a centre, and three reads in the audit log."""
    citizen = citizen_create(
        actor=personas.advisor,
        municipality=personas.ishoj,
        name="Karin Borger",
        email="karin@example.org",
        phone="20 30 40 50",
        cpr=CPR,
    )
    case = case_data.make_case(
        personas.ishoj,
        actor=personas.advisor,
        citizen=citizen,
        opened_on=dt.date(2021, 3, 1),
        summary="Klage over ventetid på hjælpemidler.",
    )
    entry = journal_add(
        actor=personas.advisor,
        case=case,
        kind=JournalKind.LETTER,
        direction=JournalDirection.INCOMING,
        subject="Brev fra borgeren",
        body="Brevet er vedlagt.",
        attachment=SimpleUploadedFile("brev.txt", LETTER, "text/plain"),
    )
    coop.request_send(
        actor=personas.advisor,
        case=case,
        data=RequestInput(
            centre=case.centre,
            external_body=None,
            method=RequestMethod.PHONE,
            recipient_name="Chef",
            recipient_email="",
            question="Hvorfor varer det så længe?",
        ),
    )
    contact, web_case = _contact_case(personas, citizen)
    walk_in = _walk_in(personas, web_case)
    citizen_log_identity_view(actor=personas.advisor, citizen=citizen)
    citizen_log_identity_view(actor=personas.assistant, citizen=citizen)
    citizen_reveal_cpr(actor=personas.advisor, citizen=citizen)
    return Subject(citizen, case, web_case, contact, walk_in, entry)
