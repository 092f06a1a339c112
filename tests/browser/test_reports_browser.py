from typing import Any

from django.core.cache import cache

from ombud.reports.models import PublishedReport, ReportDraft
from ombud.reports.services import section_update
from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas
from tests.helpers.reports import filled_draft
from tests.helpers.stats_data import build_register


def test_it_edits_a_draft_inserts_a_figure_and_publishes(
    page: Any, browser_personas: Personas
) -> None:
    p = browser_personas
    build_register(p, 2021)
    cache.clear()
    draft = filled_draft(p)
    login(page, p.advisor)
    page.goto(f"/m/ishoj/aarsberetning/kladde/{draft.public_id}/")
    page.wait_for_selector("#draft-form")
    assert_accessible(page)

    # Type into the resources section; the autosave posts it after a pause.
    field = page.locator("#body-resources")
    field.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Antal sager: ")
    # Insert a figure at the cursor from the section's own picker.
    page.locator("#picker-open-resources").click()
    page.locator('#picker-resources button[data-insert="{{ cases.total }}"]').click()
    assert "{{ cases.total }}" in field.input_value()
    # Typing and inserting each trigger an autosave; wait until the last one has landed.
    wanted = "Antal sager: {{ cases.total }}"
    for _attempt in range(50):
        section = ReportDraft.objects.get(pk=draft.pk).sections.get(key="resources")
        if section.body_markdown.endswith(wanted):
            break
        page.wait_for_timeout(200)
    assert section.body_markdown.endswith(wanted)

    # The preview beside the text shows the figure's value.
    page.wait_for_selector("#preview-resources >> text=Antal sager: 7")
    # Publish with the keyboard, after the question.
    page.locator("#publish-button").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("h1 >> text=Offentliggør version 1?")
    assert_accessible(page)
    assert PublishedReport.objects.count() == 0
    page.locator("#publish-confirm-button").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#version-list td >> text=1")
    report = PublishedReport.objects.get()
    resources = next(s for s in report.sections if s["key"] == "resources")
    assert resources["body"].endswith("Antal sager: 7")
    assert_accessible(page)


def test_it_blocks_publishing_with_a_placeholder(page: Any, browser_personas: Personas) -> None:
    p = browser_personas
    build_register(p, 2021)
    login(page, p.advisor)
    page.goto("/m/ishoj/aarsberetning/")
    page.fill("#id_year", "2021")
    page.locator("#draft-create button[type=submit]").click()
    page.wait_for_selector("#draft-form")
    page.locator("#publish-button").click()
    problems = page.locator("#report-problems[role=alert]")
    problems.wait_for()
    assert "[Skriv her]" in problems.inner_text()
    assert PublishedReport.objects.count() == 0


def test_it_makes_a_pdf_with_progress_and_previews_linked_charts(
    page: Any, browser_personas: Personas
) -> None:
    p = browser_personas
    build_register(p, 2021)
    cache.clear()
    draft = filled_draft(p)
    login(page, p.advisor)
    page.goto(f"/m/ishoj/aarsberetning/kladde/{draft.public_id}/")
    # The render page starts the job itself (htmx), shows its progress until the file is made,
    # and then the download starts by itself.
    with page.expect_download(timeout=120_000) as download:
        page.locator("#render-pdf").click()
        page.wait_for_selector("#render-progress-bar, #render-download")
    assert download.value.suggested_filename.endswith(".pdf")
    page.wait_for_selector("#render-download")
    assert_accessible(page)
    with page.expect_download() as again:
        page.locator("#render-download").click()
    assert again.value.suggested_filename.endswith(".pdf")

    # The preview is readable at once; its charts arrive as their own SVG requests.
    page.goto(f"/m/ishoj/aarsberetning/kladde/{draft.public_id}/forhaandsvisning/")
    slot = page.locator(".report-chart-slot").first
    assert "tabellen under diagrammet" in (slot.get_attribute("aria-label") or "")
    slot.scroll_into_view_if_needed()
    # htmx puts the SVG inline, where its labels use the page's IBM Plex Sans.
    slot.locator("svg").wait_for()
    assert page.evaluate("document.fonts.check('12px \"IBM Plex Sans\"')")


def test_a_figure_never_lands_inside_another_code(page: Any, browser_personas: Personas) -> None:
    p = browser_personas
    build_register(p, 2021)
    cache.clear()
    draft = filled_draft(p)
    login(page, p.advisor)
    page.goto(f"/m/ishoj/aarsberetning/kladde/{draft.public_id}/")
    field = page.locator("#body-resources")
    field.fill("I {{ period }} kom der sager")
    # The cursor inside "{{ period }}", as a click at the end of a wrapped line may leave it.
    field.evaluate("f => { f.focus(); f.setSelectionRange(5, 5); }")
    page.locator("#picker-open-resources").click()
    page.locator('#picker-resources button[data-insert="{{ cases.total }}"]').click()
    assert field.input_value() == "I {{ period }} {{ cases.total }} kom der sager"
    # The toolbar wraps the selection, never a code either.
    field.evaluate("f => { f.focus(); f.setSelectionRange(0, 1); }")
    page.locator('#section-resources .report-format[data-format="bold"]').click()
    assert field.input_value().startswith("**I** {{ period }}")
    assert_accessible(page)


def test_it_explains_a_broken_code_and_takes_you_to_it(
    page: Any, browser_personas: Personas
) -> None:
    p = browser_personas
    build_register(p, 2021)
    cache.clear()
    draft = filled_draft(p)
    section_update(actor=p.advisor, draft=draft, key="resources", body="Vi fik {{ cases.totl }}.")
    login(page, p.advisor)
    page.goto(f"/m/ishoj/aarsberetning/kladde/{draft.public_id}/")
    problems = page.locator("#report-problems")
    assert "findes ikke for denne beretning" in problems.inner_text()
    problems.locator("a").first.click()
    selected = page.evaluate(
        "() => { const f = document.activeElement; "
        "return [f.id, f.value.slice(f.selectionStart, f.selectionEnd)]; }"
    )
    assert selected == ["body-resources", "{{ cases.totl }}"]
    assert_accessible(page)
