from typing import Any

from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas


def test_it_logs_in_with_a_second_factor(page: Any, browser_personas: Personas) -> None:
    page.goto("/konto/login/")
    assert_accessible(page)
    login(page, browser_personas.advisor)
    assert "/m/" in page.url or page.locator("h1").inner_text()
    assert (
        page.get_by_role("button", name="Log ud").is_visible()
        or page.get_by_role("button", name="Log out").is_visible()
    )


def test_it_refuses_a_wrong_code(page: Any, browser_personas: Personas) -> None:
    page.goto("/konto/login/")
    page.fill("#id_username", browser_personas.advisor.username)
    page.fill("#id_password", "correct-horse-battery-staple")
    page.press("#id_password", "Enter")
    page.fill("#id_token", "000000")
    page.press("#id_token", "Enter")
    assert "/konto/bekraeft/" in page.url
    assert page.locator(".form-error-message").count() == 1


def test_it_shows_the_replacement_and_reset_pages_accessibly(
    page: Any, browser_personas: Personas
) -> None:
    login(page, browser_personas.admin)
    page.goto("/konto/to-faktor/")
    assert page.locator("#id_old_token").is_visible()
    assert_accessible(page)
    advisor = browser_personas.advisor.public_id
    page.goto(f"/m/ishoj/brugere/{advisor}/")
    page.click("form[action$='/to-faktor/'] button")
    page.wait_for_selector(".form-error-message")
    assert_accessible(page)
