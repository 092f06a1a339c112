"""Every figure right in HTML, PDF and DOCX."""

from typing import Any

import pytest
from django.core.cache import cache

from ombud.reports.output import (
    draft_document,
    published_document,
    render_report,
    template_document,
)
from ombud.reports.rendering.html import render_html
from ombud.reports.selectors import draft_get
from ombud.reports.services import recommendation_create, report_publish
from ombud.stats.selectors import Period
from tests.helpers.pdf_text import pdf_font_names, pdf_text
from tests.helpers.personas import Personas
from tests.helpers.reports import (
    docx_has_images,
    docx_heading_styles,
    docx_text,
    filled_draft,
    squash,
)

SENTENCE = (
    "I 2021 har jeg oprettet 7 sager i borgerrådgiverens statistikmodul. Sagerne er fordelt med "
    "4 klagesager og 3 andre henvendelser."
)


@pytest.fixture
def register(register: Personas) -> Personas:
    """The shared 2021 register, with two recommendations."""
    personas = register
    recommendation_create(
        actor=personas.advisor,
        municipality=personas.ishoj,
        year_made=2021,
        text="At sagsgange gennemgås og beskrives.",
    )
    recommendation_create(
        actor=personas.advisor,
        municipality=personas.ishoj,
        year_made=2019,
        text="At siden om sagsbehandling ajourføres.",
    )
    cache.clear()
    return personas


def test_it_renders_the_figures_in_html(register: Personas) -> None:
    html = squash(render_html(draft_document(filled_draft(register))))
    assert SENTENCE in html
    assert "hovedsager (5) og følgesager (2)" in html
    assert "ca. 4 unikke borgere" in html
    assert 'class="report-box"' in html and "At sagsgange gennemgås og beskrives." in html
    assert "At siden om sagsbehandling ajourføres." in html  # follow-up table
    assert html.count("<svg") >= 10
    assert "{{" not in html


def test_it_renders_the_figures_in_the_pdf(register: Personas) -> None:
    body = render_report(draft_document(filled_draft(register)), "pdf", "x").body
    assert body.startswith(b"%PDF")
    text = squash(pdf_text(body))
    assert SENTENCE in text
    assert "Center for Voksne og Velfærd" in text
    assert "Side 2 af" in text


def test_the_pdf_draws_text_and_chart_labels_in_the_vendored_typeface(register: Personas) -> None:
    # The charts are measured in IBM Plex Sans; any other font in the PDF means WeasyPrint fell
    # back to a system font, whose wider glyphs clip the labels at the charts' left edge.
    body = render_report(draft_document(filled_draft(register)), "pdf", "x").body
    fonts = pdf_font_names(body)
    assert fonts
    assert all(name.startswith("IBM-Plex-Sans") for name in fonts), fonts


def test_it_renders_the_figures_in_the_docx(register: Personas) -> None:
    body = render_report(draft_document(filled_draft(register)), "docx", "x").body
    text = docx_text(body)
    assert SENTENCE in squash(text)
    assert "Center for Voksne og Velfærd | 2 | 1" in text  # cases by centre, 2021 | 2020
    assert "BORGERRÅDGIVEREN ANBEFALER" in text
    assert {"Heading 1", "Heading 2", "Title"} <= docx_heading_styles(body)
    assert docx_has_images(body)


def test_it_renders_the_standard_template_without_placeholders(register: Personas) -> None:
    doc = template_document(register.ishoj, "annual", Period.year(2021), None)
    html = render_html(doc, charts=False)
    assert "[Skriv her]" not in html
    assert "oprettet 7 sager" in html


def test_it_escapes_what_the_author_writes() -> None:
    from ombud.reports.markup import parse
    from ombud.reports.rendering.html import blocks_html

    text = "<script>x</script> **fed** [a](javascript:alert(1)) [b](https://ishoj.dk)"
    html = str(blocks_html(parse(text), heading_base=2))
    assert "<script>" not in html
    assert "<strong>fed</strong>" in html
    assert 'href="javascript' not in html
    assert '<a href="https://ishoj.dk">b</a>' in html


def test_it_builds_a_report_in_a_fixed_number_of_queries(
    register: Personas, django_assert_num_queries: Any
) -> None:
    draft = draft_get(register.ishoj, filled_draft(register).public_id)
    # both periods' figures (case_stats_many: 5), taxonomy labels (1, a UNION ALL),
    # whistleblower figures (2), their category and department labels (2) and the scheme's
    # deadline setting (1), recommendations and their responses.
    with django_assert_num_queries(5 + 8):
        draft_document(draft)


def test_it_re_renders_a_published_version_without_queries(
    register: Personas, django_assert_num_queries: Any
) -> None:
    report = report_publish(actor=register.advisor, draft=filled_draft(register))
    with django_assert_num_queries(0):
        render_report(published_document(report), "html", "x")
