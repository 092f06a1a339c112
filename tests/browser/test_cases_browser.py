"""Registering, following up and finding cases in a real browser, by keyboard."""

from typing import Any

from ombud.cases.models import Case, CaseKind
from tests.helpers import case_data as d
from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_it_registers_a_complaint_by_keyboard(page: Any, browser_personas: Personas) -> None:
    ishoj = browser_personas.ishoj
    karen = d.citizen(ishoj, "Karen Jensen", phone="12345678")
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/sager/ny/")
    assert_accessible(page)
    assert page.evaluate("document.activeElement.id") == "id_citizen_query"

    page.keyboard.type("Karen")
    page.locator("#citizen-options [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.input_value("input[name=citizen]") == str(karen.public_id)

    tab_to(page, "#id_kind_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_centre")
    page.keyboard.press("ArrowDown")  # the first centre
    page.keyboard.press("ArrowDown")  # the second: Center for Børn og Forebyggelse
    tab_to(page, "#id_themes_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_handling")
    page.keyboard.press("ArrowDown")  # Styrket dialog, the first handling of complaints
    tab_to(page, "#id_summary")
    page.keyboard.type("Venter på svar om hjælpemiddel")
    page.keyboard.press("Control+Enter")
    page.wait_for_url("**/sager/2026-*/")

    case = Case.objects.get(municipality=ishoj)
    assert case.citizen == karen
    assert case.kind == CaseKind.COMPLAINT
    assert case.centre == d.centre(ishoj, "Center for Børn og Forebyggelse")
    assert case.handling == d.handling(ishoj, "Styrket dialog")
    assert case.themes.count() == 1
    assert case.handler == browser_personas.advisor
    assert case.channel == d.channel(ishoj)
    assert case.reference in page.locator("h1").inner_text()
    assert_accessible(page)


def test_it_registers_a_follow_up_from_the_main_case(page: Any, browser_personas: Personas) -> None:
    ishoj = browser_personas.ishoj
    main = d.make_case(
        ishoj,
        citizen=d.citizen(ishoj, "Karen Jensen"),
        centre=d.centre(ishoj, "Center for Borgerservice"),
        handler=browser_personas.advisor,
    )
    login(page, browser_personas.advisor)
    page.goto(f"/m/ishoj/sager/{main.reference}/")
    assert_accessible(page)
    page.focus("#register-follow-up")
    page.keyboard.press("Enter")
    page.wait_for_url("**/foelgesag/")

    assert page.input_value("#id_centre") == str(main.centre_id)
    assert page.input_value("input[name=citizen]") == str(main.citizen.public_id)
    assert page.input_value("#id_citizen_query") == "Karen Jensen"
    assert page.locator("#main-case-link").inner_text() == main.reference
    assert_accessible(page)

    tab_to(page, "#id_themes_1")
    page.keyboard.press("Space")
    tab_to(page, "#id_summary")
    page.keyboard.type("Partshøring mangler")
    page.keyboard.press("Control+Enter")
    page.wait_for_url("**/sager/2026-0002/")

    follow_up = Case.objects.get(reference="2026-0002", municipality=ishoj)
    assert follow_up.main_case == main
    assert follow_up.centre == main.centre and follow_up.citizen == main.citizen
    page.locator("#main-case-link").click()
    page.wait_for_url(f"**/sager/{main.reference}/")
    assert page.locator("#follow-ups").inner_text().count("2026-0002") == 1


def test_it_filters_the_case_list_without_reloading(page: Any, browser_personas: Personas) -> None:
    ishoj = browser_personas.ishoj
    karen = d.citizen(ishoj, "Karen Jensen")
    voksne = d.make_case(ishoj, citizen=karen)
    service = d.make_case(ishoj, citizen=karen, centre=d.centre(ishoj, "Center for Borgerservice"))
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/sager/")
    assert_accessible(page)
    results = page.locator("#case-results")
    assert voksne.reference in results.inner_text() and service.reference in results.inner_text()

    page.evaluate("window.ombudMarker = 'still here'")
    page.select_option("#id_centre", label="Center for Borgerservice")
    page.wait_for_url(f"**/sager/?*centre={service.centre_id}*")
    page.wait_for_function(
        "ref => !document.getElementById('case-results').innerText.includes(ref)",
        arg=voksne.reference,
    )
    assert service.reference in results.inner_text()
    assert page.evaluate("window.ombudMarker") == "still here"
    assert "1" in page.locator("#case-count").inner_text()
    assert_accessible(page)


def test_it_shows_only_the_fields_that_fit_the_case(page: Any, browser_personas: Personas) -> None:
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/sager/ny/")
    assert page.is_visible("#centre-group") and page.is_hidden("#external-body-group")
    page.check("#id_concerns_municipality_1")
    assert page.is_hidden("#centre-group") and page.is_visible("#external-body-group")
    page.check("#id_kind_1")  # other inquiry: no themes, no outcome, inquiry handlings only
    assert page.is_hidden("#themes-group") and page.is_hidden("#outcome-group")
    assert page.locator("#id_handling option[data-kind=complaint]:not([disabled])").count() == 0
    page.select_option("#id_handling", label="Vejledning")
    assert page.is_hidden("#rejection-ground-group")
    page.check("#id_kind_0")
    page.select_option("#id_handling", label="Afvist")
    assert page.is_visible("#rejection-ground-group") and page.is_visible("#themes-group")
