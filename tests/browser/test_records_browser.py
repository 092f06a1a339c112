"""Records and data protection in the browser: the public notices and the settings page pass
axe-core, and the public footers lead to the municipality's WAS-Tool statement."""

import datetime as dt
from typing import Any

from ombud.cases.services import case_close
from ombud.records.services import retention_propose
from tests.helpers import case_data
from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas
from tests.helpers.records import subject_make
from tests.helpers.whistleblower import make_setup

WAS = "https://www.was.digst.dk/borgerraadgiver-ishoj-dk"


def test_the_public_notices_are_accessible(page: Any, browser_personas: Personas) -> None:
    make_setup(browser_personas)
    browser_personas.ishoj.accessibility_statement_url = WAS
    browser_personas.ishoj.save()
    for path in (
        "/borgerraadgiver/ishoj/privatliv/",
        "/borgerraadgiver/ishoj/kontakt/papir/",
        "/borgerraadgiver/ishoj/kontakt/",
        "/whistleblower/ishoj/privatliv/",
        "/whistleblower/ishoj/",
    ):
        page.goto(path)
        assert page.get_attribute("#footer-accessibility", "href") == WAS
        assert page.inner_text("#footer-accessibility") == "Tilgængelighedserklæring"
        assert_accessible(page)


def test_the_advisor_sets_the_was_address_with_the_keyboard(
    page: Any, browser_personas: Personas
) -> None:
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/databeskyttelse/indstillinger/")
    assert_accessible(page)
    page.fill("#id_accessibility_url", "ikke en adresse")
    page.press("#id_accessibility_url", "Enter")
    page.wait_for_selector("#form-errors")
    assert_accessible(page)
    page.fill("#id_accessibility_url", WAS)
    page.press("#id_accessibility_url", "Enter")
    page.wait_for_selector(".alert-success")
    browser_personas.ishoj.refresh_from_db()
    assert browser_personas.ishoj.accessibility_statement_url == WAS


def test_the_advisor_registers_and_decides_a_request_with_the_keyboard(
    page: Any, browser_personas: Personas
) -> None:
    subject = subject_make(browser_personas)
    login(page, browser_personas.advisor)
    page.goto(f"/m/ishoj/borgere/{subject.citizen.public_id}/")
    page.click("text=Registrér en anmodning om indsigt, sletning m.m.")
    page.wait_for_selector("#id_kind_0")
    assert_accessible(page)
    page.check("#id_kind_2")  # erasure
    page.fill("#id_received_on", "10-03-2026")
    page.press("#id_received_on", "Enter")
    page.wait_for_selector("#request-facts")
    assert page.inner_text("#due-on").startswith("10-04-2026")
    assert_accessible(page)
    page.check("#id_outcome_2")  # refused, without a ground
    page.click("#decide-heading ~ form button[type=submit]")
    page.wait_for_selector("#form-errors")
    assert_accessible(page)
    page.fill("#id_ground", "Art. 17, stk. 3, litra b: journaliseringspligt.")
    page.click("#decide-heading ~ form button[type=submit]")
    page.wait_for_selector("#decision")
    page.goto("/m/ishoj/databeskyttelse/")
    assert "Ingen åbne anmodninger." in page.inner_text("#open-requests")
    assert_accessible(page)


def test_the_advisor_approves_retention_with_the_keyboard(
    page: Any, browser_personas: Personas
) -> None:
    case = case_data.make_case(browser_personas.ishoj, opened_on=dt.date(2019, 1, 5))
    case_close(actor=browser_personas.advisor, case=case, closed_on=dt.date(2019, 2, 1))
    retention_propose(browser_personas.ishoj, dt.date(2026, 1, 1))
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/databeskyttelse/opbevaring/")
    assert_accessible(page)
    page.check("#retention-pending input")
    page.click("#retention-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "Ingen sager venter på godkendelse." in page.inner_text("#retention-none")
    assert_accessible(page)
