"""Public forms mark optional fields visibly, and the receipt gives the advisor's number.

From the journeys walkthrough (docs/journeys-walkthrough.md): the contact form said fields
"markeret som obligatoriske" must be filled in, but the marking was for screen readers only.
"""

import re

from django.test import Client
from django.urls import reverse

from ombud.cooperation import services as coop
from ombud.cooperation.models import RequestMethod
from ombud.cooperation.services import RequestInput
from ombud.portal.services import edit_link_create, texts_update
from tests.helpers import case_data
from tests.helpers.personas import Personas


def _label(content: str, field_id: str) -> str:
    match = re.search(rf'<label class="form-label" for="{field_id}">(.*?)</label>', content, re.S)
    assert match, field_id
    return match.group(1)


def _visible(html: str) -> str:
    """The label as a sighted user reads it: without the screen-reader-only spans."""
    return re.sub(r"<[^>]+>", "", re.sub(r'<span class="sr-only">.*?</span>', "", html)).strip()


def test_it_states_the_rule_and_marks_optional_fields_on_the_contact_form(
    personas: Personas,
) -> None:
    content = Client().get(reverse("portal:contact", args=["ishoj"])).content.decode()
    assert "Alle felter skal udfyldes, medmindre de er markeret som frivillige." in content
    assert "obligatoriske" not in content
    assert _visible(_label(content, "id_centre")).endswith("(frivilligt)")
    assert _visible(_label(content, "id_attachments")) == "Bilag (frivilligt)"
    assert _visible(_label(content, "id_name")) == "Dit navn"
    assert _visible(_label(content, "id_what_happened")) == "Hvad er der sket?"
    # One of e-mail and phone must be given, so neither is called optional.
    assert "frivilligt" not in _label(content, "id_email")
    assert "frivilligt" not in _label(content, "id_phone")


def test_it_marks_optional_fields_on_the_centres_pages(personas: Personas) -> None:
    case = case_data.make_case(personas.ishoj)
    _request, token = coop.request_send(
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
    reply = Client().get(reverse("portal:reply", args=["ishoj", token])).content.decode()
    assert "Alle felter skal udfyldes, medmindre de er markeret som frivillige." in reply
    assert _visible(_label(reply, "id_replied_by")).endswith("(frivilligt)")
    assert "frivilligt" not in _label(reply, "id_reply")

    _link, token = edit_link_create(
        actor=personas.advisor, municipality=personas.ishoj, centre=case.centre
    )
    url = reverse("portal:centre_deadlines", args=["ishoj", token])
    page = Client().get(url).content.decode()
    assert "Alle felter skal udfyldes, medmindre de er markeret som frivillige." in page
    assert _visible(_label(page, "id_keywords")).endswith("(frivilligt)")
    assert "frivilligt" not in _label(page, "id_title")
    assert "frivilligt" not in _label(page, "id_is_active")  # a checkbox is an answer either way


def test_it_leaves_staff_forms_unmarked(personas: Personas, advisor_client: Client) -> None:
    content = advisor_client.get(reverse("cooperation:deadlines", args=["ishoj"])).content.decode()
    assert 'id="id_keywords"' in content
    assert "frivilligt" not in content


def _receipt(personas: Personas) -> str:
    client = Client()
    data = {
        "kind": "complaint",
        "what_happened": "Jeg har ventet et år på svar.",
        "name": "Karin Borger",
        "email": "karin@example.org",
        "consent": "yes",
    }
    response = client.post(reverse("portal:contact", args=["ishoj"]), data)
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_it_gives_the_advisors_phone_and_email_on_the_receipt(personas: Personas) -> None:
    texts_update(
        actor=personas.advisor,
        municipality=personas.ishoj,
        values={"phone": "43 57 70 00", "email": "borgerraadgiver@ishoj.dk"},
    )
    receipt = _receipt(personas)
    assert 'href="tel:43577000"' in receipt and "43 57 70 00" in receipt
    assert 'href="mailto:borgerraadgiver@ishoj.dk"' in receipt


def test_it_says_nothing_about_phoning_without_a_number(personas: Personas) -> None:
    receipt = _receipt(personas)
    assert "ring til" not in receipt.lower() and "call the" not in receipt.lower()
    assert 'id="receipt-urgent"' not in receipt and 'id="receipt-email"' not in receipt


def test_it_marks_optional_fields_on_the_whistleblower_report_form(personas: Personas) -> None:
    from tests.helpers.whistleblower import make_setup

    make_setup(personas)
    page = Client().get(reverse("whistleblower:report", args=["ishoj"])).content.decode()
    assert "Alle felter skal udfyldes, medmindre de er markeret som frivillige." in page
    assert _visible(_label(page, "id_attachments")) == "Bilag (frivilligt)"
    assert _visible(_label(page, "id_contact")).endswith("(frivilligt)")
    assert _visible(_label(page, "id_evidence")).endswith("(frivilligt)")  # an optional question
    assert "frivilligt" not in _label(page, "id_what")  # the required core question
    # A confidential report needs the name, so it is not called optional.
    assert "frivilligt" not in _label(page, "id_name")
