"""The public pages in English: a municipality's English text when it has one, otherwise its
Danish text marked lang="da"; the built-in defaults follow the language."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ombud.portal.services import texts_update
from ombud.whistleblower import services as wb
from tests.helpers.personas import Personas, verified_client

DANISH_ABOUT = "Borgerrådgiveren i Ishøj hjælper dig."
ENGLISH_ABOUT = "The citizens' advisor in Ishøj helps you."


def english_client() -> Client:
    """A visitor who chose English in the language menu (the cookie the menu sets)."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def squash(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def page(client: Client, name: str, slug: str = "ishoj") -> str:
    response = client.get(reverse(name, args=[slug]))
    assert response.status_code == 200
    return squash(response.content.decode())


@pytest.fixture
def texts(personas: Personas) -> Personas:
    texts_update(
        actor=personas.advisor,
        municipality=personas.ishoj,
        values={
            "about": DANISH_ABOUT,
            "about_en": ENGLISH_ABOUT,
            "can_help": "Klager over sagsbehandling\nVejledning",
            "can_help_en": "",
        },
    )
    return personas


class TestPortal:
    def test_english_page_shows_the_english_text(self, texts: Personas) -> None:
        html = page(english_client(), "portal:home")
        assert f"<p>{ENGLISH_ABOUT.replace(chr(39), '&#x27;')}</p>" in html
        assert DANISH_ABOUT not in html

    def test_english_page_falls_back_to_danish_marked_lang_da(self, texts: Personas) -> None:
        html = page(english_client(), "portal:home")
        assert '<ul lang="da"><li>Klager over sagsbehandling</li><li>Vejledning</li></ul>' in html

    def test_english_page_shows_english_defaults_unmarked(self, texts: Personas) -> None:
        html = page(english_client(), "portal:home")
        # cannot_help and contact are not written by the municipality: the English defaults.
        assert (
            "<li>Change a decision or make decisions in the municipality&#x27;s place.</li>" in html
        )
        assert "You can contact the citizens&#x27; advisor by filling in" in html
        assert '<html lang="en">' in html

    def test_danish_page_is_unchanged(self, texts: Personas) -> None:
        html = page(Client(), "portal:home")
        assert f"<p>{DANISH_ABOUT}</p>" in html
        assert ENGLISH_ABOUT.replace("'", "&#x27;") not in html
        assert 'lang="da"' not in html.replace('<html lang="da">', "")
        assert "<li>Ændre en afgørelse eller træffe afgørelser i stedet for kommunen.</li>" in html
        assert "Du kan kontakte borgerrådgiveren ved at udfylde kontaktformularen" in html

    def test_a_municipality_without_texts_gets_the_defaults_in_both_languages(
        self, personas: Personas
    ) -> None:
        assert "Borgerrådgiveren er kommunens uafhængige rådgiver" in page(Client(), "portal:home")
        english = page(english_client(), "portal:home")
        assert "is the municipality&#x27;s independent adviser" in english
        assert 'lang="da"' not in english

    def test_the_accessibility_statement_follows_the_language(self, personas: Personas) -> None:
        assert "webtilgængelighedsloven" in page(Client(), "portal:accessibility")
        assert "Danish Web Accessibility Act" in page(english_client(), "portal:accessibility")

    def test_the_staff_form_offers_the_english_versions(self, personas: Personas) -> None:
        client = verified_client(personas.advisor)
        url = reverse("cooperation:texts", args=["ishoj"])
        form = client.get(url).content.decode()
        assert 'name="about_en"' in form and "Valgfri. Vises, når den besøgende" in form
        client.post(url, {"about": DANISH_ABOUT, "about_en": ENGLISH_ABOUT})
        assert ENGLISH_ABOUT.replace("'", "&#x27;") in page(english_client(), "portal:home")


class TestWhistleblower:
    @pytest.fixture
    def scheme(self, personas: Personas) -> Personas:
        scheme, _key = wb.scheme_setup(actor=None, municipality=personas.ishoj)
        wb.scheme_update(
            actor=personas.admin,
            scheme=scheme,
            values={
                "intro_text": "Indberet her.",
                "intro_text_en": "Report here.",
                "scope_text": "Alvorlige forhold.",
            },
        )
        return personas

    def test_english_page_shows_english_or_marked_danish(self, scheme: Personas) -> None:
        html = page(english_client(), "whistleblower:info")
        assert '<p class="font-lead">Report here.</p>' in html
        assert '<p lang="da">Alvorlige forhold.</p>' in html
        # Not written by the municipality: the built-in English text, unmarked.
        assert "<p>You receive an acknowledgement within 7 days" in html

    def test_danish_page_is_unchanged(self, scheme: Personas) -> None:
        html = page(Client(), "whistleblower:info")
        assert '<p class="font-lead">Indberet her.</p>' in html
        assert "<p>Alvorlige forhold.</p>" in html
        assert "Report here." not in html

    def test_the_scheme_form_offers_the_english_versions(self, scheme: Personas) -> None:
        from ombud.whistleblower.forms import SchemeForm

        fields = SchemeForm().fields
        for name in ("intro", "scope", "handling", "internal", "privacy"):
            assert f"{name}_text_en" in fields
            assert not fields[f"{name}_text_en"].required
