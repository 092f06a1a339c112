"""Shared data for the public pages' tests: a filled-in contact form and a sent centre request."""

from typing import Any

from ombud.cooperation import services as coop
from ombud.cooperation.models import CentreRequest, RequestMethod
from ombud.cooperation.services import RequestInput
from tests.helpers import case_data
from tests.helpers.personas import Personas


def contact_form(personas: Personas, **overrides: Any) -> dict[str, Any]:
    """The public contact form's fields for a complaint about one of Ishøj's centres."""
    data: dict[str, Any] = {
        "kind": "complaint",
        "centre": case_data.centre(personas.ishoj).pk,
        "what_happened": "Jeg har ventet et år på svar.",
        "name": "Karin Borger",
        "email": "karin@example.org",
        "phone": "",
        "consent": "yes",
    }
    data.update(overrides)
    return data


def centre_request_sent(personas: Personas) -> tuple[CentreRequest, str]:
    """A request to a centre about a new Ishøj case, sent by e-mail; returns it and its token."""
    case = case_data.make_case(personas.ishoj)
    return coop.request_send(
        actor=personas.advisor,
        case=case,
        data=RequestInput(
            centre=case.centre,
            external_body=None,
            method=RequestMethod.EMAIL,
            recipient_name="Chef",
            recipient_email="chef@example.org",
            question="Hvad er status?",
        ),
    )
