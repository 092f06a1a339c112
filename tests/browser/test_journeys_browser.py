"""The journeys of docs/journeys-walkthrough.md, walked as their users would: on a phone-sized
screen, with the keyboard alone, in Danish."""

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from ombud.cooperation import services as coop
from ombud.cooperation.models import CounsellingSchedule, RequestMethod
from ombud.cooperation.services import RequestInput
from ombud.portal.models import Contact, ContactStatus, ProcessingDeadline
from ombud.portal.services import deadline_save, edit_link_create
from ombud.whistleblower import services as wb_services
from tests.helpers import case_data
from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas
from tests.helpers.reports import filled_draft
from tests.helpers.stats_data import build_register
from tests.helpers.whistleblower import make_setup, sample_input

PHONE = {"width": 375, "height": 812}

# Where the keyboard focus is: the element's id, or its text for links and buttons.
FOCUSED = "() => document.activeElement.id || document.activeElement.innerText.trim()"


def assert_fits_the_screen(page: Any) -> None:
    """No sideways scrolling, and the footer's language label is not cut at the screen edge."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"
    label = page.locator("label[for=language-select]").bounding_box()
    assert label is not None and label["x"] >= 8, f"{page.url}: language label at {label}"


def _deadline(personas: Personas, title: str, deadline: str, law: str, keywords: str) -> None:
    deadline_save(
        actor=personas.advisor,
        municipality=personas.ishoj,
        deadline=ProcessingDeadline(
            title=title,
            area="Hjælpemidler og ydelser",
            centre=case_data.centre(personas.ishoj),
            deadline=deadline,
            legal_basis=law,
            source="Kommunalbestyrelsens beslutning",
            valid_from=dt.date(2026, 1, 1),
            keywords=keywords,
        ),
    )


def _deadlines(personas: Personas) -> None:
    _deadline(
        personas,
        "Ansøgning om handicapbil",
        "6 måneder",
        "Serviceloven § 114",
        "bil, handicap",
    )
    _deadline(
        personas,
        "Aktindsigt",
        "7 arbejdsdage",
        "Offentlighedsloven § 36",
        "aktindsigt, sagsbehandlingstid",
    )


def _send_contact(browser: Any, live_server: Any, name: str) -> tuple[str, str]:
    """A citizen sends the contact form on a phone; returns the receipt number and text."""
    context = browser.new_context(base_url=live_server.url, locale="da-DK", viewport=PHONE)
    citizen = context.new_page()
    citizen.goto("/borgerraadgiver/ishoj/kontakt/")
    assert citizen.is_visible("#intake-paused")
    citizen.check("#id_kind_1")
    citizen.fill("#id_what_happened", f"{name} spørger om boligstøtte.")
    citizen.fill("#id_name", name)
    citizen.fill("#id_email", "borger@example.org")
    citizen.check("#id_consent_0")
    citizen.click("#contact-form button[type=submit]")
    citizen.wait_for_selector("#receipt-waiting")
    assert_fits_the_screen(citizen)
    receipt = (citizen.inner_text("#receipt-reference"), citizen.inner_text("#receipt-waiting"))
    context.close()
    return receipt


def test_it_keeps_two_contacts_in_order_while_intake_is_paused(
    page: Any, browser: Any, live_server: Any, browser_personas: Personas
) -> None:
    today = timezone.localdate()
    reopens = today + dt.timedelta(days=21)
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/samarbejde/kapacitet/")
    page.fill("#id_starts_on", today.isoformat())
    page.fill("#id_reopens_on", reopens.isoformat())
    page.fill("#id_reason", "Sommerferie.")
    page.click("#pause-form button[type=submit]")
    page.wait_for_selector("#pause-status:has-text('åbner igen')")
    reopens_text = reopens.strftime("%d-%m-%Y")
    assert reopens_text in page.inner_text("#pause-status")

    first_ref, first_text = _send_contact(browser, live_server, "Anna Andersen")
    second_ref, second_text = _send_contact(browser, live_server, "Bent Bentsen")
    assert "nummer 1 på ventelisten" in first_text and reopens_text in first_text
    assert "nummer 2 på ventelisten" in second_text and reopens_text in second_text

    contacts = list(Contact.objects.order_by("created_at"))
    assert [(c.reference, c.status, c.waiting_position) for c in contacts] == [
        (first_ref, ContactStatus.WAITING_LIST, 1),
        (second_ref, ContactStatus.WAITING_LIST, 2),
    ]
    page.goto("/m/ishoj/samarbejde/henvendelser/")
    rows = page.locator("#contact-table tbody tr").all_inner_texts()
    assert first_ref in rows[0] and "På ventelisten (nr. 1)" in rows[0]
    assert second_ref in rows[1] and "På ventelisten (nr. 2)" in rows[1]
    assert_accessible(page)


def test_it_finds_processing_deadlines_as_a_citizen_on_a_phone(
    page: Any, browser_personas: Personas
) -> None:
    _deadlines(browser_personas)
    page.set_viewport_size(PHONE)
    page.goto("/borgerraadgiver/ishoj/")
    page.focus("#home-deadline-q")
    page.keyboard.type("sagsbehandlingstid")
    page.keyboard.press("Enter")
    page.wait_for_url("**/frister/?q=sagsbehandlingstid")
    assert page.inner_text("#deadline-count") == "1 frist fundet"
    row = page.locator("#deadline-table tbody tr").inner_text()
    assert "Aktindsigt" in row and "7 arbejdsdage" in row and "Offentlighedsloven § 36" in row
    assert_fits_the_screen(page)
    assert_accessible(page)

    for query in ("handicapbil", "Sagsbehandlingstid handicapbil"):
        page.fill("#deadline-q", query)
        page.press("#deadline-q", "Enter")
        page.wait_for_url("**/frister/?q=*" + query.split()[-1])
        assert page.inner_text("#deadline-count") == "1 frist fundet"
        row = page.locator("#deadline-table tbody tr").inner_text()
        assert "Ansøgning om handicapbil" in row and "Serviceloven § 114" in row
        assert "6 måneder" in row
    assert_fits_the_screen(page)


def test_it_fits_the_public_pages_on_a_phone(
    page: Any, browser_personas: Personas, live_server: Any
) -> None:
    p = browser_personas
    _deadlines(p)
    make_setup(p)
    case = case_data.make_case(p.ishoj)
    _request, reply_token = coop.request_send(
        actor=p.advisor,
        case=case,
        data=RequestInput(
            centre=case.centre,
            external_body=None,
            method=RequestMethod.EMAIL,
            recipient_name="Chef",
            recipient_email="chef@example.org",
            question="Hvornår træffes afgørelsen om hjælpemidler til borgeren?",
        ),
    )
    _link, edit_token = edit_link_create(actor=p.advisor, municipality=p.ishoj, centre=case.centre)
    page.set_viewport_size(PHONE)
    for path in (
        "/borgerraadgiver/ishoj/",
        "/borgerraadgiver/ishoj/kontakt/",
        "/borgerraadgiver/ishoj/frister/",
        "/borgerraadgiver/ishoj/frister/?q=handicapbil",
        "/borgerraadgiver/ishoj/tilgaengelighed/",
        f"/borgerraadgiver/ishoj/frister/center/{edit_token}/",
        f"/borgerraadgiver/ishoj/svar/{reply_token}/",
        "/whistleblower/ishoj/",
        "/whistleblower/ishoj/indberet/",
        "/whistleblower/ishoj/postkasse/log-ind/",
    ):
        page.goto(path)
        assert_fits_the_screen(page)

    # The pages that come after a form: errors, the receipt, the reply sent, the reporter's inbox.
    page.goto("/borgerraadgiver/ishoj/kontakt/")
    page.click("#contact-form button[type=submit]")
    page.wait_for_selector("#form-errors")
    assert_fits_the_screen(page)
    page.check("#id_kind_0")
    page.fill("#id_what_happened", "Jeg har ventet længe på en afgørelse.")
    page.fill("#id_name", "Karin Borger")
    page.fill("#id_phone", "12345678")
    page.check("#id_consent_1")
    page.click("#contact-form button[type=submit]")
    page.wait_for_selector("#receipt-reference")
    assert_fits_the_screen(page)
    page.goto(f"/borgerraadgiver/ishoj/svar/{reply_token}/")
    page.fill("#id_reply", "Afgørelsen sendes i næste uge.")
    page.fill("#id_replied_by", "Centerchef Karen")
    page.click("#reply-form button[type=submit]")
    page.wait_for_selector("#reply-received")
    assert_fits_the_screen(page)
    submission = wb_services.report_submit(municipality=p.ishoj, data=sample_input(anonymous=True))
    page.goto("/whistleblower/ishoj/postkasse/log-ind/")
    page.fill("#id_receipt", submission.receipt)
    page.press("#id_receipt", "Enter")
    page.wait_for_selector(".wb-messages")
    assert_fits_the_screen(page)


def test_it_fits_the_main_staff_pages_on_a_phone(page: Any, browser_personas: Personas) -> None:
    p = browser_personas
    build_register(p, 2021)
    cache.clear()
    draft = filled_draft(p)
    case = case_data.make_case(p.ishoj, actor=p.advisor)
    coop.schedule_create(
        actor=p.advisor,
        municipality=p.ishoj,
        schedule=CounsellingSchedule(
            weekday=2, starts_at=dt.time(14), ends_at=dt.time(17), place="Ishøj Bibliotek"
        ),
    )
    login(page, p.advisor)
    page.set_viewport_size(PHONE)
    page.goto("/m/ishoj/samarbejde/aaben-raadgivning/")
    page.click("#session-start button[type=submit]")
    page.wait_for_selector("#walk-in-form")
    session_path = page.url
    for path in (
        "/m/ishoj/",
        "/m/ishoj/sager/",
        f"/m/ishoj/sager/{case.reference}/",
        "/m/ishoj/statistik/?year=2021",
        f"/m/ishoj/aarsberetning/kladde/{draft.public_id}/",
        "/m/ishoj/aarsberetning/",
        session_path,
        "/m/ishoj/samarbejde/aaben-raadgivning/",
        "/m/ishoj/samarbejde/kapacitet/",
        "/m/ishoj/samarbejde/henvendelser/",
    ):
        page.goto(path)
        assert_fits_the_screen(page)


def test_it_sends_the_contact_form_with_the_keyboard_alone(
    page: Any, browser_personas: Personas
) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/borgerraadgiver/ishoj/kontakt/")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Gå til indholdet"
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED) == "main-content"
    # Tab from the top of the content to the submit button: every field, in reading order.
    stops: list[str] = []
    while not stops or stops[-1] != "Send":
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        assert len(stops) < 30, stops
    fields = [stop for stop in stops if stop.startswith("id_")]
    assert fields == [
        "id_kind_0",
        "id_centre",
        "id_what_happened",
        "id_name",
        "id_email",
        "id_phone",
        "id_consent_0",
        "id_attachments",
    ]
    page.keyboard.press("Enter")
    page.wait_for_selector("#form-errors")
    assert page.evaluate(FOCUSED) == "form-errors"
    assert_accessible(page)

    # The first error is the radio group: its link goes to the first option, with the question
    # and the error message in view above it.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_kind_0"
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED) == "id_kind_0"
    legend = page.locator("#id_kind_group legend").bounding_box()
    assert legend is not None and -1 <= legend["y"] < PHONE["height"] - 100
    assert page.is_visible("#id_kind_error")
    page.keyboard.press("Space")
    assert page.is_checked("#id_kind_0")

    page.keyboard.press("Tab")  # the centre: "Ved ikke" is fine
    page.keyboard.press("Tab")
    page.keyboard.type("Jeg har ventet et år på en afgørelse om hjælpemidler.")
    page.keyboard.press("Tab")
    page.keyboard.type("Karin Borger")
    page.keyboard.press("Tab")
    page.keyboard.type("karin@example.org")
    page.keyboard.press("Tab")  # phone stays empty
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "id_consent_0"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # attachments
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Send"
    page.keyboard.press("Enter")
    page.wait_for_selector("#receipt-reference")
    contact = Contact.objects.get()
    assert contact.name == "Karin Borger" and contact.email == "karin@example.org"
    assert page.inner_text("#receipt-reference") == contact.reference


def test_it_notes_walk_ins_one_after_another_with_the_keyboard(
    page: Any, browser_personas: Personas
) -> None:
    coop.schedule_create(
        actor=browser_personas.advisor,
        municipality=browser_personas.ishoj,
        schedule=CounsellingSchedule(
            weekday=2, starts_at=dt.time(14), ends_at=dt.time(17), place="Ishøj Bibliotek"
        ),
    )
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/samarbejde/aaben-raadgivning/")
    page.click("#session-start button[type=submit]")
    page.wait_for_selector("#walk-in-form")
    for label in ("Ahmed", "Birthe", "Carl", "Dorte"):
        # The name field has the focus after every reload: type and press Enter, nothing else.
        assert page.evaluate(FOCUSED) == "id_label"
        page.keyboard.type(label)
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.inner_text("#queue-heading") == "Venter: 4 personer"
    queue = page.locator("#queue li strong").all_inner_texts()
    assert queue == ["Nr. 1", "Nr. 2", "Nr. 3", "Nr. 4"]
    assert "Dorte" in page.inner_text("#walk-in-4")
    assert_accessible(page)
