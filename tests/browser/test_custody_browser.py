"""Four-eyes custody in the browser: the administrator designates themselves, sees only the
pending page with a code, and a handler approves it; every page is axe-clean."""

from typing import Any

from tests.helpers.browser import assert_accessible, login, unlock_keys
from tests.helpers.personas import PASSWORD, Personas
from tests.helpers.whistleblower import make_setup


def test_a_designation_waits_for_a_handlers_approval(
    page: Any, browser: Any, live_server: Any, browser_personas: Personas
) -> None:
    wb = make_setup(browser_personas)
    admin = browser_personas.admin
    login(page, admin)
    page.goto("/m/ishoj/whistleblower/handlere/")
    assert_accessible(page)
    page.select_option("#id_user", str(admin.pk))
    page.click("main form:not(.inline-form) button.button-primary")
    page.wait_for_load_state()
    assert "Afventer" in page.inner_text("main table")
    page.goto("/m/ishoj/whistleblower/")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/afventer-godkendelse/")
    assert_accessible(page)
    code = page.inner_text("main code").replace(" ", "")
    assert len(code) == 8

    handler_context = browser.new_context(base_url=live_server.url, locale="da-DK")
    handler_page = handler_context.new_page()
    login(handler_page, wb.handler_user)
    unlock_keys(handler_page)
    handler_page.goto("/m/ishoj/whistleblower/godkendelser/")
    assert_accessible(handler_page)
    handler_page.fill("main input[name$='-code']", "AAAAAAAA")
    handler_page.click("main form button.button-primary")
    handler_page.wait_for_selector(".form-error-message")
    assert_accessible(handler_page)
    handler_page.fill("main input[name$='-code']", code)
    handler_page.click("main form button.button-primary")
    handler_page.wait_for_load_state()
    assert "Ingen udpegning afventer godkendelse" in handler_page.inner_text("main")
    handler_context.close()

    page.goto("/m/ishoj/whistleblower/")
    page.wait_for_selector("#wb-report-table, main")
    assert "/afventer-godkendelse/" not in page.url
