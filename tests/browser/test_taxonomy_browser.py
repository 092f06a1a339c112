from typing import Any

from ombud.cases.models import Centre, ExternalBody, ThemeGroup
from ombud.cases.services import citizen_create
from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas


def _focused_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def test_it_adds_a_centre_and_retires_an_outside_body_by_keyboard(
    page: Any, browser_personas: Personas
) -> None:
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/indstillinger/")
    assert_accessible(page)

    # Open "Add centre" and fill it in without the mouse.
    page.focus("#taxonomy-centre-add")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_centre-label"
    page.keyboard.type("Center for Kultur og Fritid")
    page.keyboard.press("Tab")
    page.keyboard.type("Kim Kulturchef")
    page.keyboard.press("Tab")
    page.keyboard.type("kultur@ishoj.dk")
    page.keyboard.press("Enter")
    row = page.locator("#taxonomy-centre tr", has_text="Center for Kultur og Fritid")
    row.wait_for()
    assert "kultur@ishoj.dk" in row.inner_text()
    centre = Centre.objects.get(municipality=browser_personas.ishoj, label__contains="Kultur")
    assert centre.chief_email == "kultur@ishoj.dk"
    assert _focused_id(page) == f"centre-{centre.public_id}-edit"

    # Retire an outside body: Tab onto its button and press Enter.
    body = ExternalBody.objects.get(municipality=browser_personas.ishoj, label="Udbetaling Danmark")
    toggle = f"#eksterne-myndigheder-{body.public_id}-toggle"
    page.focus(f"#eksterne-myndigheder-{body.public_id}-edit")
    for _ in range(5):
        if _focused_id(page) == toggle[1:]:
            break
        page.keyboard.press("Tab")
    assert _focused_id(page) == toggle[1:]
    page.keyboard.press("Enter")
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id "
        "&& document.activeElement.closest('form').action.includes('genaktiver')",
        arg=toggle[1:],
    )
    body.refresh_from_db()
    assert not body.is_active
    assert_accessible(page)


def test_it_shows_an_accessible_citizen_page_and_reveals_the_cpr(
    page: Any, browser_personas: Personas
) -> None:
    citizen = citizen_create(
        actor=None,
        municipality=browser_personas.ishoj,
        name="Karen Hansen",
        cpr="010190-1234",
        email="karen@example.org",
        consent_to_contact=True,
    )
    login(page, browser_personas.advisor)
    page.goto(f"/m/ishoj/borgere/{citizen.public_id}/")
    assert "010190-****" in page.locator("#citizen-cpr").inner_text()
    assert_accessible(page)
    page.focus("#show-cpr")
    page.keyboard.press("Enter")
    page.locator("#citizen-cpr", has_text="010190-1234").wait_for()
    assert_accessible(page)
    citizen_create(actor=None, municipality=browser_personas.ishoj, name="Mads Jensen")
    page.goto("/m/ishoj/borgere/")
    assert_accessible(page)
    page.focus("#citizen-search")
    page.keyboard.type("mads")
    page.locator("#citizen-results", has_text="Mads Jensen").wait_for()
    page.wait_for_function(
        "() => !document.querySelector('#citizen-results').innerText.includes('Karen')"
    )
    assert "q=mads" in page.url


def test_it_retires_a_theme_group_and_shows_its_themes_retired(
    page: Any, browser_personas: Personas
) -> None:
    group = ThemeGroup.objects.filter(municipality=browser_personas.ishoj).first()
    assert group is not None
    theme = group.themes.first()
    assert theme is not None
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/indstillinger/")
    page.focus(f"#temagrupper-{group.public_id}-toggle")
    page.keyboard.press("Enter")
    # The themes' list is refreshed in the same response, without a reload.
    page.locator(f"#klagetemaer-{theme.public_id}.ombud-retired").wait_for()
    theme.refresh_from_db()
    assert not theme.is_active and theme.retired_with_group
    assert_accessible(page)
