from pathlib import Path
from typing import Any

from tests.helpers.browser import assert_accessible, login, unlock_keys
from tests.helpers.personas import Personas
from tests.helpers.whistleblower import make_setup


def test_it_submits_logs_in_with_the_receipt_and_exchanges_messages(
    page: Any, browser: Any, live_server: Any, browser_personas: Personas, tmp_path: Path
) -> None:
    wb = make_setup(browser_personas)
    page.goto("/whistleblower/ishoj/")
    assert_accessible(page)
    page.click("main a.button-primary")
    page.wait_for_url("**/indberet/")
    assert_accessible(page)
    page.select_option("#id_reporter_category", "employee")
    page.select_option("#id_category", "crime")
    page.fill("#id_what", "Der snydes med kørselsgodtgørelse i Vejcentret.")
    page.fill("#id_when", "Hele foråret")
    evidence = tmp_path / "skema.txt"
    evidence.write_text("Kørselsskema uden navne")
    page.set_input_files("#id_attachments", str(evidence))
    assert page.locator("#wb-identity").is_hidden()  # anonymous is the default
    page.keyboard.press("End")
    page.click("button[type=submit].button-primary")
    page.wait_for_selector("#wb-receipt")
    assert_accessible(page)
    receipt = page.inner_text("#wb-receipt").replace(" ", "")
    assert len(receipt) == 16 and receipt.isdigit()

    handler_context = browser.new_context(base_url=live_server.url, locale="da-DK")
    handler_page = handler_context.new_page()
    login(handler_page, wb.handler_user)
    # The key is not unlocked at login (the password step comes before the second factor):
    # the handler unlocks it once, on the unlock page, and the list opens.
    unlock_keys(handler_page)
    handler_page.goto("/m/ishoj/whistleblower/")
    handler_page.wait_for_selector("#wb-report-table")
    assert_accessible(handler_page)
    handler_page.click("#wb-report-table a")
    handler_page.wait_for_selector("#wb-what")
    assert "kørselsgodtgørelse" in handler_page.inner_text("#wb-what")
    assert "skema.txt" in handler_page.content()
    assert_accessible(handler_page)
    handler_page.fill("#wb-message-form textarea", "Hvem har attesteret skemaerne?")
    handler_page.click("#wb-message-form button")
    handler_page.wait_for_load_state()

    page.goto("/whistleblower/ishoj/postkasse/log-ind/")
    assert_accessible(page)
    page.fill("#id_receipt", "0000000000000000")
    page.press("#id_receipt", "Enter")
    page.wait_for_selector(".form-error-message")
    page.fill("#id_receipt", receipt)
    page.press("#id_receipt", "Enter")
    page.wait_for_selector(".wb-messages")
    assert "Hvem har attesteret skemaerne?" in page.inner_text(".wb-messages")
    assert_accessible(page)
    page.fill("#id_body", "Det gjorde afdelingslederen.")
    page.click("main form button.button-primary")
    page.wait_for_load_state()
    assert "afdelingslederen" in page.inner_text(".wb-messages")

    handler_page.reload()
    assert "afdelingslederen" in handler_page.inner_text(".wb-messages")
    handler_context.close()


def test_it_schedules_a_meeting_the_reporter_accepts(
    page: Any, browser: Any, live_server: Any, browser_personas: Personas
) -> None:
    from ombud.whistleblower import services
    from tests.helpers.whistleblower import sample_input

    wb = make_setup(browser_personas)
    submission = services.report_submit(
        municipality=browser_personas.ishoj, data=sample_input(anonymous=True)
    )
    page.goto("/whistleblower/ishoj/postkasse/log-ind/")
    page.fill("#id_receipt", submission.receipt)
    page.press("#id_receipt", "Enter")
    page.wait_for_selector(".wb-messages")
    with page.expect_navigation():
        page.click("form[action$='/postkasse/moede/'] button")

    handler_context = browser.new_context(base_url=live_server.url, locale="da-DK")
    handler_page = handler_context.new_page()
    login(handler_page, wb.handler_user)
    unlock_keys(handler_page)
    handler_page.goto(f"/m/ishoj/whistleblower/{submission.report.public_id}/")
    handler_page.wait_for_selector("#wb-propose-form")
    handler_page.fill("#id_propose-date", "2026-03-31")
    handler_page.fill("#id_propose-time", "14:30")
    handler_page.fill("#id_propose-place", "Mødelokale 7, Rådhuset")
    handler_page.click("#wb-propose-form button")
    handler_page.wait_for_selector("#wb-meeting")
    assert "Mødelokale 7" in handler_page.inner_text("#wb-meeting")
    assert_accessible(handler_page)

    page.reload()
    page.wait_for_selector("#wb-meeting-accept")
    assert "Mødelokale 7" in page.inner_text("#wb-meeting")
    assert_accessible(page)
    page.focus("#wb-meeting-accept")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#wb-meeting-accept").count() == 0
    handler_page.reload()
    assert "Mødelokale 7" in handler_page.inner_text("#wb-meeting")
    handler_context.close()


def test_it_adds_a_question_that_the_public_form_then_asks(
    page: Any, live_server: Any, browser_personas: Personas
) -> None:
    wb = make_setup(browser_personas)
    login(page, wb.handler_user)
    unlock_keys(page)
    page.goto("/m/ishoj/whistleblower/ordning/spoergsmaal/")
    page.wait_for_selector("#wb-questions-form")
    assert_accessible(page)
    page.fill("#id_form-6-label", "Hvilken afdeling drejer det sig om?")
    page.select_option("#id_form-6-kind", "choice")
    page.fill("#id_form-6-options", "Vejcentret\nBorgerservice")
    page.check("#id_form-6-required")
    page.click("#wb-questions-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    page.goto("/whistleblower/ishoj/indberet/")
    label = page.locator("label", has_text="Hvilken afdeling drejer det sig om?")
    assert label.count() == 1
    select_id = label.get_attribute("for")
    page.select_option(f"#{select_id}", "Borgerservice")
    assert_accessible(page)


def test_it_configures_departments_that_reporters_and_handlers_then_use(
    page: Any, browser: Any, live_server: Any, browser_personas: Personas
) -> None:
    from ombud.whistleblower import services
    from ombud.whistleblower.models import Report

    wb = make_setup(browser_personas)
    login(page, wb.handler_user)
    unlock_keys(page)
    page.goto("/m/ishoj/whistleblower/ordning/afdelinger/")
    page.wait_for_selector("#wb-list-form")
    assert_accessible(page)
    page.fill("#id_form-0-label", "Vej og Park")
    page.click("#wb-list-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    page.goto("/m/ishoj/whistleblower/ordning/kategorier/")
    assert_accessible(page)

    reporter = browser.new_context(base_url=live_server.url, locale="da-DK").new_page()
    reporter.goto("/whistleblower/ishoj/indberet/")
    label = reporter.locator("label", has_text="Hvilken afdeling drejer det sig om?")
    reporter.select_option(f"#{label.get_attribute('for')}", label="Vej og Park")
    reporter.select_option("#id_reporter_category", "employee")
    reporter.fill("#id_what", "Materiel forsvinder fra depotet.")
    assert_accessible(reporter)
    reporter.click("#wb-report-form button[type=submit]")
    reporter.wait_for_selector("#wb-receipt")
    report = Report.objects.get()
    assert report.department != ""

    services.escalations_run(municipality=browser_personas.ishoj)  # nothing missed yet
    page.goto(f"/m/ishoj/whistleblower/?department={report.department}")
    assert report.reference in page.inner_text("#wb-report-table")
    assert "Vej og Park" in page.inner_text("#wb-report-table")
    assert_accessible(page)
    page.goto(f"/m/ishoj/whistleblower/{report.public_id}/")
    page.select_option("#id_classify-category", "harassment")
    page.click("#wb-classify button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "Chikane" in page.inner_text("#wb-category")
    assert_accessible(page)

    admin = browser.new_context(base_url=live_server.url, locale="da-DK").new_page()
    login(admin, browser_personas.admin)
    admin.goto("/m/ishoj/whistleblower/indstillinger/eskalering/")
    admin.fill("#id_emails", "direktion@ishoj.example")
    admin.click("#wb-escalation-form button[type=submit]")
    admin.wait_for_selector(".alert-success")
    assert_accessible(admin)


def test_a_citizens_report_has_no_statutory_deadline_until_the_administrator_applies_them(
    page: Any, browser: Any, live_server: Any, browser_personas: Personas
) -> None:
    import dataclasses

    from ombud.whistleblower import services
    from ombud.whistleblower.models import Scheme
    from tests.helpers.whistleblower import sample_input

    wb = make_setup(browser_personas)
    Scheme.objects.filter(pk=wb.scheme.pk).update(open_to=["employee", "citizen"])
    citizen = services.report_submit(
        municipality=browser_personas.ishoj,
        data=dataclasses.replace(sample_input(), reporter_category="citizen"),
    ).report
    login(page, wb.handler_user)
    unlock_keys(page)
    page.goto("/m/ishoj/whistleblower/")
    page.wait_for_selector("#wb-report-table")
    assert "Ingen lovbestemt frist" in page.inner_text("#wb-report-table tbody")
    assert_accessible(page)
    page.goto(f"/m/ishoj/whistleblower/{citizen.public_id}/")
    assert "Ingen lovbestemt frist" in page.inner_text("#wb-no-deadline")
    assert_accessible(page)

    admin = browser.new_context(base_url=live_server.url, locale="da-DK").new_page()
    login(admin, browser_personas.admin)
    admin.goto("/m/ishoj/whistleblower/indstillinger/")
    assert "Brug lovens frister på alle indberetninger" in admin.content()
    assert_accessible(admin)
    admin.check("#id_deadlines_for_all")
    admin.click("form:has(#id_deadlines_for_all) button[type=submit]")
    admin.wait_for_selector(".alert-success")
    assert admin.is_checked("#id_deadlines_for_all")

    page.goto("/m/ishoj/whistleblower/")
    table = page.inner_text("#wb-report-table tbody")
    assert "Ingen lovbestemt frist" not in table and "Løber" in table
