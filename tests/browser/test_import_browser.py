import copy
from typing import Any

from ombud.cases.models import Case
from tests.helpers.browser import assert_accessible, login
from tests.helpers.exchange import DANISH, GOOD_ROWS, csv_bytes
from tests.helpers.personas import Personas


def choose_file(page: Any, name: str, data: bytes) -> None:
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


def test_it_shows_problems_then_imports_a_good_file(page: Any, browser_personas: Personas) -> None:
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/import/")
    assert_accessible(page)

    bad = copy.deepcopy(GOOD_ROWS)
    bad[0]["opened"] = "aldrig"
    bad[3]["centre"] = "Center for Tryllekunst"
    choose_file(page, "fejl.csv", csv_bytes(bad, header=DANISH, delimiter=";"))
    page.locator("button[type=submit].button-primary").click()
    problems = page.locator("#import-problems tbody tr")
    problems.first.wait_for()
    assert problems.count() == 2
    first = problems.nth(0).inner_text()
    assert "2" in first and "oprettet" in first and "aldrig" in first
    assert "Center for Tryllekunst" in problems.nth(1).inner_text()
    assert page.locator("#import-confirm").count() == 0
    assert_accessible(page)

    page.goto("/m/ishoj/import/")
    choose_file(page, "sager.csv", csv_bytes(GOOD_ROWS, header=DANISH, delimiter=";"))
    page.locator("#id_file").focus()
    page.keyboard.press("Tab")  # through the checkbox to the submit button
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    confirm = page.locator("#import-confirm")
    confirm.wait_for()
    assert page.locator("#count-created").inner_text() == "4"
    assert_accessible(page)
    confirm.click()
    page.locator("#import-done").wait_for()
    assert "4" in page.locator("#import-done").inner_text()
    assert Case.objects.filter(municipality=browser_personas.ishoj).count() == 4
