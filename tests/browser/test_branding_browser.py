"""The logo and the English public texts in a real browser, checked with axe."""

from pathlib import Path
from typing import Any

from ombud.portal.services import texts_update
from ombud.whistleblower import services as wb
from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
    '<circle cx="50" cy="50" r="45" fill="#004b87"/></svg>'
)


def _choose_english(page: Any) -> None:
    page.select_option("#language-select", "en")
    page.click("footer button[type=submit]")
    page.wait_for_selector("html[lang=en]")


def test_it_uploads_a_logo_that_the_public_pages_show_in_english(
    page: Any, browser_personas: Personas, tmp_path: Path
) -> None:
    p = browser_personas
    texts_update(
        actor=p.advisor,
        municipality=p.ishoj,
        values={"about": "Vi hjælper borgerne.", "contact": "Ring til os.", "contact_en": "Call."},
    )
    scheme, _key = wb.scheme_setup(actor=None, municipality=p.ishoj)
    wb.scheme_update(actor=p.admin, scheme=scheme, values={"scope_text": "Alvorlige forhold."})

    login(page, p.advisor)
    page.goto("/m/ishoj/logo/")
    assert page.is_visible("#no-logo")
    assert_accessible(page)
    logo = tmp_path / "logo.svg"
    logo.write_text(SVG)
    page.set_input_files("#id_logo", str(logo))
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_selector(".logo-preview img")
    assert_accessible(page)

    page.goto("/borgerraadgiver/ishoj/")
    brand = page.locator("header img.ombud-logo")
    assert brand.get_attribute("alt") == "Ishøj Kommunes logo"
    # The image really loads (served as an image, not blocked by the page's policy).
    assert brand.evaluate("img => img.complete && img.naturalWidth > 0")
    _choose_english(page)
    assert page.get_attribute("header img.ombud-logo", "alt") == "Ishøj Kommune logo"
    assert page.locator("p[lang=da]", has_text="Vi hjælper borgerne.").count() == 1
    assert page.locator("p:not([lang])", has_text="Call.").count() == 1
    assert_accessible(page)
    page.goto("/borgerraadgiver/ishoj/tilgaengelighed/")
    assert "Web Accessibility Act" in page.inner_text("main")
    assert_accessible(page)
    page.goto("/whistleblower/ishoj/")
    assert page.locator("p[lang=da]", has_text="Alvorlige forhold.").count() == 1
    assert page.is_visible("header img.ombud-logo")
    assert_accessible(page)
