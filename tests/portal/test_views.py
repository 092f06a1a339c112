import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from ombud.cases.models import Case
from ombud.cooperation import services as coop
from ombud.core.jobs import jobs_run_due
from ombud.portal.models import Contact, ContactStatus, ProcessingDeadline
from ombud.portal.services import contact_accept, deadline_save
from tests.helpers import case_data
from tests.helpers.personas import Personas, verified_client
from tests.helpers.portal import centre_request_sent, contact_form


@pytest.mark.parametrize("name", ["home", "contact", "deadlines", "accessibility", "receipt"])
def test_it_shows_the_public_pages_without_login(personas: Personas, name: str) -> None:
    response = Client().get(reverse(f"portal:{name}", args=["ishoj"]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_it_gives_404_for_an_unknown_municipality(db: None) -> None:
    assert Client().get(reverse("portal:home", args=["nowhere"])).status_code == 404


def test_it_links_the_accessibility_statement_and_whistleblower_scheme(
    personas: Personas,
) -> None:
    from ombud.whistleblower import services as wb

    content = Client().get(reverse("portal:home", args=["ishoj"])).content.decode()
    assert reverse("portal:accessibility", args=["ishoj"]) in content
    assert reverse("whistleblower:info", args=["ishoj"]) not in content  # no scheme yet
    wb.scheme_setup(actor=None, municipality=personas.ishoj)
    content = Client().get(reverse("portal:home", args=["ishoj"])).content.decode()
    assert reverse("whistleblower:info", args=["ishoj"]) in content


@pytest.mark.clock_sensitive
def test_it_shows_open_counselling_times_and_closures(personas: Personas) -> None:
    from ombud.cooperation.models import CounsellingClosure, CounsellingSchedule

    coop.schedule_create(
        actor=personas.advisor,
        municipality=personas.ishoj,
        schedule=CounsellingSchedule(
            weekday=2, starts_at=dt.time(14), ends_at=dt.time(17), place="Ishøj Bibliotek"
        ),
    )
    today = timezone.localdate()
    coop.closure_create(
        actor=personas.advisor,
        municipality=personas.ishoj,
        closure=CounsellingClosure(
            starts_on=today, ends_on=today + dt.timedelta(days=7), reason="Ferie"
        ),
    )
    content = Client().get(reverse("portal:home", args=["ishoj"])).content.decode()
    assert "Ishøj Bibliotek" in content and "14:00" in content and "Ferie" in content


def test_it_receives_a_contact_and_shows_a_receipt(personas: Personas) -> None:
    client = Client()
    upload = SimpleUploadedFile("brev.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    url = reverse("portal:contact", args=["ishoj"])
    response = client.post(url, {**contact_form(personas), "attachments": [upload]})
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.status == ContactStatus.PENDING
    assert contact.files.count() == 1
    receipt = client.get(response["Location"]).content.decode()
    assert contact.reference in receipt


@override_settings(LANGUAGE_CODE="en")
def test_it_refuses_bad_input_with_field_errors_and_keeps_the_values(personas: Personas) -> None:
    url = reverse("portal:contact", args=["ishoj"])
    upload = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
    data = contact_form(personas, email="not-an-address", what_happened="", attachments=[upload])
    response = Client().post(url, data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Write what happened." in content
    assert "navn@eksempel.dk" in content
    assert "Karin Borger" in content  # valid values are kept
    assert 'id="files-note"' in content  # the citizen is told to choose the files again
    assert not Contact.objects.exists()


@override_settings(LANGUAGE_CODE="en")
def test_it_refuses_a_forbidden_file_type(personas: Personas) -> None:
    url = reverse("portal:contact", args=["ishoj"])
    upload = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
    response = Client().post(url, {**contact_form(personas), "attachments": [upload]})
    assert response.status_code == 400
    assert "cannot be uploaded" in response.content.decode()
    assert "Jeg har ventet et år på svar." in response.content.decode()
    assert not Contact.objects.exists()


@override_settings(LANGUAGE_CODE="en")
def test_it_requires_a_way_to_reach_the_citizen(personas: Personas) -> None:
    url = reverse("portal:contact", args=["ishoj"])
    response = Client().post(url, contact_form(personas, email=""))
    assert response.status_code == 400
    assert "Give an e-mail address or a phone number." in response.content.decode()


@pytest.mark.clock_sensitive
def test_it_keeps_every_arrival_on_the_waiting_list_during_a_pause(personas: Personas) -> None:
    today = timezone.localdate()
    coop.intake_pause(
        actor=personas.advisor,
        municipality=personas.ishoj,
        starts_on=today,
        reopens_on=today + dt.timedelta(days=21),
        reason="",
    )
    client = Client()
    url = reverse("portal:contact", args=["ishoj"])
    assert "intake-paused" in client.get(url).content.decode()
    for i in range(5):
        response = client.post(url, contact_form(personas, name=f"Borger {i}"))
        assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    assert 'id="receipt-waiting"' in receipt
    rows = list(Contact.objects.order_by("waiting_position"))
    assert [c.name for c in rows] == [f"Borger {i}" for i in range(5)]
    assert [c.waiting_position for c in rows] == [1, 2, 3, 4, 5]
    assert all(c.status == ContactStatus.WAITING_LIST for c in rows)
    # After the pause the waiting list becomes ordinary pending contacts, in the same order.
    later = timezone.now() + dt.timedelta(days=22)
    assert jobs_run_due(later)["released"] == 5
    assert Contact.objects.filter(status=ContactStatus.PENDING).count() == 5


def test_it_accepts_a_contact_as_a_case(personas: Personas) -> None:
    Client().post(reverse("portal:contact", args=["ishoj"]), contact_form(personas))
    contact = Contact.objects.get()
    client = verified_client(personas.advisor)
    url = reverse("cooperation:contact", args=["ishoj", contact.public_id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"centre": contact.centre_id})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.ACCEPTED
    case = Case.objects.get()
    assert case.citizen.name == "Karin Borger"
    assert case.channel is not None and case.channel.code == "web"


def test_it_hides_contacts_from_outsiders_and_readers(personas: Personas) -> None:
    Client().post(reverse("portal:contact", args=["ishoj"]), contact_form(personas))
    contact = Contact.objects.get()
    url = reverse("cooperation:contact", args=["ishoj", contact.public_id])
    assert verified_client(personas.outsider).get(url).status_code == 404
    # The read-only role may not see citizens' identities.
    assert verified_client(personas.reader).get(url).status_code == 403
    assistant = verified_client(personas.assistant)
    assert assistant.get(url).status_code == 200


def test_it_refuses_accepting_twice(personas: Personas) -> None:
    Client().post(reverse("portal:contact", args=["ishoj"]), contact_form(personas))
    contact = Contact.objects.get()
    contact_accept(actor=personas.advisor, contact=contact)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        contact_accept(actor=personas.advisor, contact=contact)


def _deadline(personas: Personas, **values: Any) -> ProcessingDeadline:
    row = ProcessingDeadline(
        title=values.get("title", "Støtte til køb af handicapbil"),
        area=values.get("area", "Voksne og handicap"),
        centre=case_data.centre(personas.ishoj),
        deadline="6 måneder",
        legal_basis=values.get("legal_basis", "Servicelovens § 114"),
        source="Kommunalbestyrelsens beslutning",
        valid_from=dt.date(2026, 1, 1),
        keywords=values.get("keywords", "bil, sagsbehandlingstid"),
    )
    return deadline_save(actor=personas.advisor, municipality=personas.ishoj, deadline=row)


@pytest.mark.parametrize("query", ["handicapbil", "sagsbehandlingstid", "§ 114", "HANDICAP bil"])
def test_it_finds_processing_deadlines(personas: Personas, query: str) -> None:
    _deadline(personas)
    _deadline(personas, title="Hjemmehjælp", area="Ældre", keywords="pleje", legal_basis="§ 83")
    response = Client().get(reverse("portal:deadlines", args=["ishoj"]), {"q": query})
    content = response.content.decode()
    assert "handicapbil" in content and "Hjemmehjælp" not in content


@pytest.mark.clock_sensitive
def test_it_lets_a_centre_maintain_deadlines_through_an_expiring_link(
    personas: Personas,
) -> None:
    from ombud.portal.services import edit_link_create

    link, token = edit_link_create(
        actor=personas.advisor, municipality=personas.ishoj, centre=case_data.centre(personas.ishoj)
    )
    url = reverse("portal:centre_deadlines", args=["ishoj", token])
    data = {
        "title": "Plejebolig",
        "area": "Ældre",
        "deadline": "2 måneder",
        "legal_basis": "Almenboligloven",
        "source": "Kvalitetsstandard 2026",
        "valid_from": "01-02-2026",
        "is_active": "on",
    }
    assert Client().post(url, data).status_code == 302
    assert ProcessingDeadline.objects.get().centre == link.centre
    link.expires_at = timezone.now() - dt.timedelta(seconds=1)
    link.save()
    assert Client().get(url).status_code == 410
    assert (
        Client().get(reverse("portal:centre_deadlines", args=["hvidovre", token])).status_code
        == 410
    )


def test_it_takes_a_reply_through_the_link_once(personas: Personas) -> None:
    request, token = centre_request_sent(personas)
    url = reverse("portal:reply", args=["ishoj", token])
    client = Client()
    assert "Hvad er status?" in client.get(url).content.decode()
    assert client.post(url, {"reply": "Afgørelse sendt.", "replied_by": "Chef"}).status_code == 200
    request.refresh_from_db()
    assert request.reply_text == "Afgørelse sendt."
    again = client.get(url)
    assert again.status_code == 410
    assert 'id="link-refused"' in again.content.decode()
    assert client.post(url, {"reply": "Igen"}).status_code == 410


@pytest.mark.clock_sensitive
@override_settings(LANGUAGE_CODE="en")
def test_it_refuses_an_expired_link_in_plain_words(personas: Personas) -> None:
    request, token = centre_request_sent(personas)
    request.token_expires_at = timezone.now() - dt.timedelta(days=1)
    request.save()
    response = Client().get(reverse("portal:reply", args=["ishoj", token]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert Client().get(reverse("portal:reply", args=["ishoj", "bogus"])).status_code == 410


def test_it_speaks_english_when_chosen_in_the_footer(personas: Personas) -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get(reverse("portal:home", args=["ishoj"])).content.decode()
    assert "What the citizens\u2019 advisor can help with" in content
    assert 'lang="en"' in content


def test_it_pins_the_query_counts_of_the_lists(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    for i in range(5):
        Client().post(
            reverse("portal:contact", args=["ishoj"]), contact_form(personas, name=f"B{i}")
        )
        _deadline(personas, title=f"Frist {i}")
    client = verified_client(personas.advisor)
    with django_assert_max_num_queries(12):
        client.get(reverse("cooperation:contacts", args=["ishoj"]))
    with django_assert_max_num_queries(6):
        Client().get(reverse("portal:deadlines", args=["ishoj"]), {"q": "frist"})


def test_it_edits_the_public_texts_and_shows_them(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    url = reverse("cooperation:texts", args=["ishoj"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"advisor_name": "Lise Lund", "can_help": "Lytte\nHjælpe"})
    assert response.status_code == 302
    content = Client().get(reverse("portal:home", args=["ishoj"])).content.decode()
    assert "Lise Lund" in content and "<li>Lytte</li>" in content
    assert verified_client(personas.assistant).get(url).status_code == 403


def test_it_edits_a_deadline_and_serves_contact_files(personas: Personas) -> None:
    row = _deadline(personas)
    client = verified_client(personas.advisor)
    url = reverse("cooperation:deadline_edit", args=["ishoj", row.public_id])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("brev.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    Client().post(
        reverse("portal:contact", args=["ishoj"]),
        {**contact_form(personas), "attachments": [upload]},
    )
    contact = Contact.objects.get()
    file = contact.files.get()
    url = reverse("cooperation:contact_file", args=["ishoj", contact.public_id, file.public_id])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 test"  # type: ignore[attr-defined]
    assert verified_client(personas.outsider).get(url).status_code == 404


@pytest.mark.clock_sensitive
def test_the_pause_banner_labels_the_reason_and_says_whether_counselling_is_open(
    personas: Personas,
) -> None:
    today = timezone.localdate()
    coop.intake_pause(
        actor=personas.advisor,
        municipality=personas.ishoj,
        starts_on=today,
        reopens_on=today + dt.timedelta(days=21),
        reason="Ferie og sygdom",
        reason_en="Holidays and illness",
        counselling_continues=False,
    )
    url = reverse("portal:home", args=["ishoj"])
    danish = Client().get(url).content.decode()
    assert "<strong>Begrundelse:</strong> <span>Ferie og sygdom</span>" in danish
    assert "Den åbne rådgivning er også lukket under pausen." in danish
    with override_settings(LANGUAGE_CODE="en"):
        english = Client().get(url).content.decode()
    assert "<strong>Reason:</strong> <span>Holidays and illness</span>" in english
    assert "Open counselling is also closed during the pause." in english
    assert "Ferie" not in english


def test_the_error_summary_does_not_double_a_question_mark(personas: Personas) -> None:
    url = reverse("portal:contact", args=["ishoj"])
    response = Client().post(url, contact_form(personas, kind=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hvad drejer det sig om? " in html
    assert "?:" not in html
