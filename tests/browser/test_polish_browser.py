"""Items from the journeys walkthrough (docs/journeys-walkthrough.md) that need a browser."""

from typing import Any

from django.core.cache import cache

from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas
from tests.helpers.reports import filled_draft
from tests.helpers.stats_data import build_register

PHONE = {"width": 375, "height": 812}

WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"

# Each report table that is wider than the page's text column: [caption, width].
WIDE_TABLES = """() => [...document.querySelectorAll('.report-table')]
  .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth)
  .map(t => [t.caption ? t.caption.innerText : '', t.getBoundingClientRect().width])"""

# A wide fallback font, as a phone shows before the report's web font has loaded (or when it is
# blocked): the walkthrough's 26 px of sideways scrolling came from the theme table in it.
# (Set through the CSSOM: the page's CSP refuses a <style> element.)
FALLBACK_FONT = """() => {
  document.body.style.fontFamily = "'DejaVu Sans', sans-serif";
  window.dispatchEvent(new Event("resize"));
}"""

# The theme table's box: [its width, the table's width, tabindex, aria-label].
THEME_BOX = """() => {
  const box = document.getElementById('cap-themes-themes').closest('.report-table-box');
  return [box.clientWidth, box.scrollWidth, box.getAttribute('tabindex'),
          box.getAttribute('aria-label')];
}"""


def test_it_fits_the_report_preview_on_a_phone(page: Any, browser_personas: Personas) -> None:
    p = browser_personas
    build_register(p, 2021)
    cache.clear()
    draft = filled_draft(p)
    login(page, p.advisor)
    page.set_viewport_size(PHONE)
    page.goto(f"/m/ishoj/aarsberetning/kladde/{draft.public_id}/forhaandsvisning/")
    page.wait_for_selector(".report-table")
    for font in ("web font", "fallback font"):
        if font == "fallback font":
            page.evaluate(FALLBACK_FONT)
        widths = page.evaluate(WIDTHS)
        wide = page.evaluate(WIDE_TABLES)
        assert widths[0] <= widths[1], f"the preview scrolls sideways ({font}): {widths} {wide}"
    assert "Forvaltningsloven og offentlighedsloven" in page.content()  # the long theme group
    # In the wide font the theme table scrolls inside its own box, which the keyboard can reach.
    box_width, table_width, tabindex, name = page.evaluate(THEME_BOX)
    assert table_width > box_width and tabindex == "0"
    assert name == "Klagesager fordelt på klagetemaer"
    assert_accessible(page)
