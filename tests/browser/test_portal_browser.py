import datetime as dt
from pathlib import Path
from typing import Any

from django.utils import timezone

from ombud.cooperation import services as coop
from ombud.cooperation.models import CounsellingSchedule, RequestMethod
from ombud.cooperation.services import RequestInput
from ombud.portal.models import Contact, ContactStatus
from tests.helpers import case_data
from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas


def test_it_sends_the_contact_form_with_the_keyboard(
    page: Any, browser_personas: Personas, tmp_path: Path
) -> None:
    coop.schedule_create(
        actor=browser_personas.advisor,
        municipality=browser_personas.ishoj,
        schedule=CounsellingSchedule(
            weekday=2, starts_at=dt.time(14), ends_at=dt.time(17), place="Ishøj Bibliotek"
        ),
    )
    page.goto("/borgerraadgiver/ishoj/")
    assert "Ishøj Bibliotek" in page.inner_text("#counselling-times")
    assert_accessible(page)
    page.click("main a.button-primary")
    page.wait_for_selector("#contact-form")
    assert_accessible(page)
    # First a mistake: no description and a bad e-mail address.
    page.check("#id_kind_0")
    page.fill("#id_name", "Karin Borger")
    page.fill("#id_email", "karin(at)example")
    page.check("#id_consent_0")
    page.click("#contact-form button[type=submit]")
    page.wait_for_selector("#form-errors")
    assert_accessible(page)
    assert page.input_value("#id_name") == "Karin Borger"
    page.click("#form-errors a[href='#id_what_happened']")
    page.keyboard.type("Jeg har ventet et år på en afgørelse om hjælpemidler.")
    page.fill("#id_email", "karin@example.org")
    attachment = tmp_path / "brev.txt"
    attachment.write_text("Brev fra kommunen")
    page.set_input_files("#id_attachments", str(attachment))
    page.focus("#contact-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#receipt-reference")
    assert_accessible(page)
    contact = Contact.objects.get()
    assert page.inner_text("#receipt-reference") == contact.reference
    assert contact.files.count() == 1


def test_it_shows_the_pause_and_waiting_list_on_a_phone(
    page: Any, browser_personas: Personas
) -> None:
    today = timezone.localdate()
    coop.intake_pause(
        actor=browser_personas.advisor,
        municipality=browser_personas.ishoj,
        starts_on=today,
        reopens_on=today + dt.timedelta(days=21),
        reason="",
    )
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/borgerraadgiver/ishoj/")
    assert page.is_visible("#intake-paused")
    assert_accessible(page)
    page.goto("/borgerraadgiver/ishoj/kontakt/")
    page.check("#id_kind_1")
    page.fill("#id_what_happened", "Et spørgsmål om boligstøtte.")
    page.fill("#id_name", "Per")
    page.fill("#id_phone", "12345678")
    page.check("#id_consent_1")
    page.click("#contact-form button[type=submit]")
    page.wait_for_selector("#receipt-waiting")
    assert_accessible(page)
    assert Contact.objects.get().status == ContactStatus.WAITING_LIST
    page.goto("/borgerraadgiver/ishoj/frister/")
    assert_accessible(page)
    page.goto("/borgerraadgiver/ishoj/tilgaengelighed/")
    assert_accessible(page)


def test_it_replies_through_the_link(page: Any, browser_personas: Personas) -> None:
    case = case_data.make_case(browser_personas.ishoj)
    _request, token = coop.request_send(
        actor=browser_personas.advisor,
        case=case,
        data=RequestInput(
            centre=case.centre,
            external_body=None,
            method=RequestMethod.EMAIL,
            recipient_name="Chef",
            recipient_email="chef@example.org",
            question="Hvornår træffes afgørelsen?",
        ),
    )
    page.goto(f"/borgerraadgiver/ishoj/svar/{token}/")
    assert "Hvornår træffes afgørelsen?" in page.content()
    assert_accessible(page)
    page.fill("#id_reply", "Afgørelsen sendes i næste uge.")
    page.fill("#id_replied_by", "Centerchef Karen")
    page.click("#reply-form button[type=submit]")
    page.wait_for_selector("#reply-received")
    assert_accessible(page)
    page.goto(f"/borgerraadgiver/ishoj/svar/{token}/")
    assert page.is_visible("#link-refused")
    assert_accessible(page)
    assert case.journal.filter(body__contains="næste uge").exists()


def test_it_runs_a_walk_in_session(page: Any, browser_personas: Personas) -> None:
    coop.schedule_create(
        actor=browser_personas.advisor,
        municipality=browser_personas.ishoj,
        schedule=CounsellingSchedule(
            weekday=2, starts_at=dt.time(14), ends_at=dt.time(17), place="Ishøj Bibliotek"
        ),
    )
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/samarbejde/aaben-raadgivning/")
    assert_accessible(page)
    page.click("#session-start button[type=submit]")
    page.wait_for_selector("#walk-in-form")
    for label in ("Ahmed", "Birthe", "Carl"):
        page.fill("#id_label", label)
        page.press("#id_label", "Enter")
        page.wait_for_selector(f"#queue li:has-text('{label}')")
    assert_accessible(page)
    page.click("#walk-in-1 button[type=submit]")  # seen
    page.wait_for_selector("#walk-in-1", state="detached")
    page.click("#walk-in-2 a:nth-of-type(1)")  # make a case
    page.wait_for_selector("#walk-in-action")
    page.check("#id_kind_1")
    page.select_option("#id_centre", index=1)
    page.click("#walk-in-action button[type=submit]")
    page.wait_for_selector("#walk-in-2", state="detached")
    page.click("#walk-in-3 a:nth-of-type(2)")  # book a meeting
    page.wait_for_selector("#walk-in-action")
    when = timezone.localtime() + dt.timedelta(days=2)
    page.fill("#id_meeting_at", when.strftime("%Y-%m-%dT10:00"))
    # A session started outside the usual times has no place of its own to offer.
    page.fill("#id_place", "Ishøj Bibliotek")
    page.fill("#id_minutes", "30")
    page.click("#walk-in-action button[type=submit]")
    page.wait_for_selector("#handled-table a[href$='.ics']")
    assert_accessible(page)
    with page.expect_download() as download:
        page.click("#handled-table a[href$='.ics']")
    assert download.value.suggested_filename.endswith(".ics")
    page.click("form[action$='/luk/'] button")
    page.wait_for_url("**/aaben-raadgivning/")
    assert "1" in page.inner_text("#session-table tbody")


def test_it_sends_a_request_from_the_case_page(page: Any, browser_personas: Personas) -> None:
    case = case_data.make_case(browser_personas.ishoj)
    login(page, browser_personas.advisor)
    page.goto(f"/m/ishoj/sager/{case.reference}/")
    page.click("#send-request")
    page.wait_for_selector("#request-form")
    assert_accessible(page)
    page.fill("#id_recipient_email", "chef@example.org")
    page.fill("#id_question", "Hvornår får borgeren svar?")
    page.click("#request-form button[type=submit]")
    page.wait_for_selector("text=Hvornår får borgeren svar?")
    assert_accessible(page)
    page.goto("/m/ishoj/samarbejde/forespoergsler/")
    assert page.is_visible("#request-stats")
    assert_accessible(page)
    page.goto("/m/ishoj/samarbejde/kapacitet/")
    assert_accessible(page)
    page.goto("/m/ishoj/samarbejde/")
    assert page.is_visible("#task-list")
    assert_accessible(page)


def test_it_keeps_the_typed_text_when_the_contact_form_is_rate_limited(
    page: Any, browser_personas: Personas, settings: Any
) -> None:
    settings.OMBUD_CONTACT_LIMIT_PER_HOUR = 0  # the very first submission is over the limit
    page.goto("/borgerraadgiver/ishoj/kontakt/")
    page.check("#id_kind_1")
    page.fill("#id_what_happened", "Hvor længe må sagsbehandlingen vare?")
    page.fill("#id_name", "Per Hansen")
    page.fill("#id_phone", "12345678")
    page.check("#id_consent_1")
    with page.expect_response(lambda r: r.url.endswith("/kontakt/") and r.status == 429):
        page.click("#contact-form button[type=submit]")
    assert "Vent" in page.inner_text("#rate-limited")
    assert page.input_value("#id_what_happened") == "Hvor længe må sagsbehandlingen vare?"
    assert page.input_value("#id_name") == "Per Hansen"
    assert_accessible(page)
    assert not Contact.objects.exists()


def test_it_accepts_a_contact_for_a_citizen_already_registered(
    page: Any, browser_personas: Personas
) -> None:
    from ombud.cases.services import citizen_create
    from ombud.portal.services import ContactInput, contact_submit

    known = citizen_create(
        actor=None, municipality=browser_personas.ishoj, name="Karin Borger", email="k@example.org"
    )
    contact = contact_submit(
        municipality=browser_personas.ishoj,
        data=ContactInput(
            kind="complaint",
            centre=case_data.centre(browser_personas.ishoj),
            what_happened="Ingen afgørelse endnu.",
            name="Karin Borger",
            email="K@example.org",
            phone="",
            consent_to_contact_centre=True,
        ),
    )
    login(page, browser_personas.advisor)
    page.goto(f"/m/ishoj/samarbejde/henvendelser/{contact.public_id}/")
    assert "samme e-mail" in page.inner_text("#id_citizen_group")
    assert_accessible(page)
    page.check(f"input[name=citizen][value='{known.public_id}']")
    page.click("#accept-form button[type=submit]")
    page.wait_for_url("**/sager/**")
    contact.refresh_from_db()
    assert contact.case is not None and contact.case.citizen == known
