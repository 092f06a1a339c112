import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache

from ombud.cases.models import Centre
from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas
from tests.helpers.stats_data import build_register

SCREENSHOT = os.environ.get("OMBUD_STATS_SCREENSHOT")


def _open_statistics(page: Any, personas: Personas) -> None:
    build_register(personas, 2021)
    cache.clear()
    login(page, personas.reader)
    page.goto("/m/ishoj/statistik/?year=2021")
    page.wait_for_selector("#table-centre_cases")


def test_it_draws_the_charts_in_the_browser_under_the_strict_policy(
    page: Any, browser_personas: Personas
) -> None:
    problems: list[str] = []

    def console(message: Any) -> None:
        # The site has no favicon; the browser's own request for one is not the page's doing.
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(str(e)))
    _open_statistics(page, browser_personas)
    page.wait_for_selector("#fig-centre_cases figure:not([hidden]) .stats-chart-canvas svg")
    drawn = page.locator("figure[data-drawn]:not([hidden]) .stats-chart-canvas svg")
    assert drawn.count() == page.locator("figure[data-chart-spec]").count() > 10
    # Vega draws the bars' numbers in Danish.
    assert page.locator("#fig-cases .stats-chart-canvas svg text").count() > 0
    # No inline script, no eval: nothing broke the Content-Security-Policy.
    assert problems == []
    assert_accessible(page)


def test_it_shows_the_tables_without_javascript(
    browser: Any, live_server: Any, browser_personas: Personas
) -> None:
    build_register(browser_personas, 2021)
    cache.clear()
    with_js = browser.new_context(base_url=live_server.url, locale="da-DK")
    login(with_js.new_page(), browser_personas.reader)
    context = browser.new_context(
        base_url=live_server.url,
        locale="da-DK",
        java_script_enabled=False,
        storage_state=with_js.storage_state(),
    )
    page = context.new_page()
    page.goto("/m/ishoj/statistik/?year=2021")
    assert page.locator("#table-centre_cases tbody tr").count() > 0
    assert page.locator("figure[data-chart-spec]:visible").count() == 0
    with_js.close()
    context.close()


def test_it_changes_the_year_and_follows_a_row_to_the_cases(
    page: Any, browser_personas: Personas
) -> None:
    _open_statistics(page, browser_personas)
    assert_accessible(page)
    if SCREENSHOT:
        page.screenshot(path=str(Path(SCREENSHOT)), full_page=True)
    assert page.locator("#stats-status").inner_text().strip().endswith("2020.")

    # Choosing another year swaps the figures in place (htmx) and updates the address.
    page.select_option("#id_year", "2020")
    page.wait_for_function(
        "() => document.querySelector('#stats-status').innerText.includes('2019')"
    )
    assert "year=2020" in page.url
    assert page.locator("#table-cases caption").inner_text().count("2020") == 1
    # The swapped-in figures get their charts too.
    page.wait_for_selector("#fig-cases figure[data-drawn]:not([hidden]) svg")
    assert_accessible(page)

    # Back to 2021 with the keyboard, then follow a table row to the filtered case list.
    page.focus("#id_year")
    page.select_option("#id_year", "2021")
    page.wait_for_function(
        "() => document.querySelector('#stats-status').innerText.includes('2021')"
    )
    voksne = Centre.objects.get(
        municipality=browser_personas.ishoj, label="Center for Voksne og Velfærd"
    )
    row = page.locator("#table-centre_complaints tbody tr", has_text=voksne.label)
    expected = int(row.locator("td").first.inner_text().split()[0].replace(".", ""))
    row.locator("th a").click()
    page.wait_for_load_state()
    # The case list behind the row shows exactly the cases the figure counts.
    assert page.locator("#case-count").inner_text().startswith(f"{expected} ")
    assert page.locator("#case-table tbody tr").count() == min(expected, 25)
    url = urlsplit(page.url)
    assert url.path == "/m/ishoj/sager/"
    query = parse_qs(url.query)
    assert query["centre"] == [str(voksne.pk)]
    assert query["kind"] == ["complaint"]
    assert query["from"] == ["2021-01-01"]
    assert query["to"] == ["2021-12-31"]


def test_it_downloads_a_table_as_csv(page: Any, browser_personas: Personas) -> None:
    _open_statistics(page, browser_personas)
    with page.expect_download() as info:
        page.locator("#fig-external_bodies .stats-downloads a", has_text="CSV").click()
    download = info.value
    assert download.suggested_filename == "statistik-ishoj-external_bodies-2021.csv"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert "Jobcenter Vallensbæk;2;0" in content.decode("utf-8-sig")


def test_it_shows_a_custom_period_without_javascript_help(
    page: Any, browser_personas: Personas
) -> None:
    _open_statistics(page, browser_personas)
    page.locator(".stats-custom summary").click()
    page.fill("#id_from", "2021-01-01")
    page.fill("#id_to", "2021-06-30")
    page.get_by_role("button", name="Vis").or_(page.get_by_role("button", name="Show")).click()
    page.wait_for_function(
        "() => document.querySelector('#stats-status').innerText.includes('30-06-2021')"
    )
    assert "from=2021-01-01" in page.url


def test_it_shows_the_advisor_all_their_municipalities(
    page: Any, browser_personas: Personas
) -> None:
    build_register(browser_personas, 2021)
    cache.clear()
    login(page, browser_personas.advisor)
    page.goto("/m/ishoj/statistik/?year=2021")
    page.get_by_role("link", name="Se tallene for alle dine kommuner side om side").click()
    page.wait_for_selector("#overview-1")
    assert page.locator("#overview-1 tbody tr").count() == 2
    assert page.locator("#overview-1 tfoot td").first.inner_text() == "8"
    assert_accessible(page)
