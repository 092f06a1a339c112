"""The report editor: the figure picker per section, the preview sent back with each save,
broken codes explained with a link to the spot, and publishing after a confirmation."""

from django.test import Client
from django.urls import reverse

from ombud.reports.models import PublishedReport
from ombud.reports.services import section_update
from tests.helpers.personas import Personas, verified_client
from tests.helpers.reports import filled_draft


def _url(name: str, *args: object) -> str:
    return reverse(f"reports:{name}", args=["ishoj", *args])


def test_the_picker_groups_figures_as_the_report_with_plain_names_and_values(
    register: Personas, advisor_client: Client
) -> None:
    draft = filled_draft(register)
    page = advisor_client.get(_url("section_picker", draft.public_id, "case_count")).content
    html = page.decode()
    # The section's own group opens first: 3.2 cases, the value for 2021 beside the plain name.
    assert '<details class="report-picker-group" open>\n  <summary>3.2 Sager</summary>' in html
    button = 'data-insert="{{ cases.total }}" data-target="body-case_count">Sager i alt</button>'
    assert button in html
    assert '<span class="report-picker-value">7</span>' in html
    assert "<summary>1.4 Kanaler</summary>" in html
    assert "<summary>Sammenligningsperioden</summary>" in html


def test_a_save_sends_back_the_rendered_preview(register: Personas, advisor_client: Client) -> None:
    draft = filled_draft(register)
    body = "Antal sager: {{ cases.total }} og **fed** tekst"
    response = advisor_client.post(
        _url("section", draft.public_id, "resources"), {"body-resources": body}
    )
    html = response.content.decode()
    assert '<div id="preview-resources" hx-swap-oob="true">' in html
    assert "<p>Antal sager: 7 og <strong>fed</strong> tekst</p>" in html
    assert draft.sections.get(key="resources").body_markdown == body


def test_the_reader_may_not_save_a_section(register: Personas) -> None:
    draft = filled_draft(register)
    client = verified_client(register.reader)
    response = client.post(_url("section", draft.public_id, "resources"), {"body-resources": "x"})
    assert response.status_code == 403
    assert client.get(_url("section_picker", draft.public_id, "nowhere")).status_code == 404


def test_a_broken_code_is_explained_with_a_link_to_its_spot(
    register: Personas, advisor_client: Client
) -> None:
    draft = filled_draft(register)
    section_update(
        actor=register.advisor, draft=draft, key="resources", body="Vi fik {{ cases.totl }} sager."
    )
    html = advisor_client.get(_url("edit", draft.public_id)).content.decode()
    assert 'href="#body-resources" class="report-problem-link"' in html
    assert 'data-find="{{ cases.totl }}"' in html
    assert "findes ikke for denne beretning" in html


def test_publishing_asks_first_and_freezes_on_confirmation(
    register: Personas, advisor_client: Client
) -> None:
    draft = filled_draft(register)
    editor = advisor_client.get(_url("edit", draft.public_id)).content.decode()
    assert "Offentliggør version 1" in editor
    question = advisor_client.get(_url("publish", draft.public_id)).content.decode()
    assert "Offentliggør version 1?" in question
    assert "Den fryses" in question
    assert not PublishedReport.objects.exists()
    advisor_client.post(_url("publish", draft.public_id))
    assert PublishedReport.objects.get().version == 1
    again = advisor_client.get(_url("publish", draft.public_id)).content.decode()
    assert "Offentliggør version 2?" in again


def test_the_question_is_not_asked_of_one_who_may_not_publish(register: Personas) -> None:
    draft = filled_draft(register)
    client = verified_client(register.assistant)
    assert client.get(_url("publish", draft.public_id)).status_code == 403


def test_a_draft_with_a_placeholder_shows_what_stands_in_the_way(
    register: Personas, advisor_client: Client
) -> None:
    draft = filled_draft(register)
    section_update(actor=register.advisor, draft=draft, key="resources", body="[Skriv her]")
    html = advisor_client.get(_url("publish", draft.public_id)).content.decode()
    assert 'id="report-problems"' in html
    assert "Offentliggør version 1?" not in html
