"""Point 4 of issue 15: privacy notices, the WAS-Tool footer link and other ways to get in touch
on the citizens' and the whistleblower public pages (GDPR art. 13/14, A11Y-01/02)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ombud.core.models import AuditEvent
from ombud.portal.services import texts_update
from ombud.records.models import RecordsSettings
from tests.helpers.personas import Personas, verified_client
from tests.helpers.whistleblower import WbSetup

pytestmark = pytest.mark.django_db

WAS = "https://www.was.digst.dk/borgerraadgiver-ishoj-dk"


def page(client: Client, name: str, slug: str = "ishoj") -> str:
    response = client.get(reverse(name, args=[slug]))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def footer_link(html: str) -> str:
    found = re.search(r'<a href="([^"]*)"[^>]*id="footer-accessibility">([^<]*)</a>', html)
    assert found is not None
    return f"{found.group(1)} {found.group(2)}"


def settings_post(client: Client, **data: str) -> object:
    values = {"retention_years": "5", "accessibility_url": WAS, **data}
    return client.post(reverse("records:settings", args=["ishoj"]), values)


class TestSettings:
    def test_it_saves_the_retention_period_and_the_was_address(
        self, personas: Personas, advisor_client: Client
    ) -> None:
        response = settings_post(advisor_client, retention_years="7")
        assert response.status_code == 302  # type: ignore[attr-defined]
        personas.ishoj.refresh_from_db()
        assert personas.ishoj.accessibility_statement_url == WAS
        assert RecordsSettings.objects.get(municipality=personas.ishoj).retention_years == 7
        summaries = set(
            AuditEvent.objects.filter(municipality=personas.ishoj).values_list("summary", flat=True)
        )
        assert {
            "Data protection settings changed",
            "Accessibility statement address changed",
        } <= summaries

    def test_it_refuses_a_bad_address_in_danish_and_keeps_what_was_typed(
        self, personas: Personas, advisor_client: Client
    ) -> None:
        response = settings_post(advisor_client, accessibility_url="was digst", retention_years="0")
        html = response.content.decode()  # type: ignore[attr-defined]
        assert response.status_code == 400  # type: ignore[attr-defined]
        assert "Skriv hele adressen, begyndende med https://." in html
        assert "Opbevar afsluttede sager i mindst 1 år." in html
        assert 'value="was digst"' in html
        assert not RecordsSettings.objects.exists()

    def test_an_assistant_and_a_reader_may_not_change_them(self, personas: Personas) -> None:
        for user in (personas.assistant, personas.reader):
            assert settings_post(verified_client(user)).status_code == 403  # type: ignore[attr-defined]
        personas.ishoj.refresh_from_db()
        assert personas.ishoj.accessibility_statement_url == ""

    def test_another_municipality_is_not_found(self, personas: Personas) -> None:
        assert settings_post(verified_client(personas.outsider)).status_code == 404  # type: ignore[attr-defined]


class TestCitizensPages:
    def test_the_footer_links_to_the_was_statement_once_it_is_set(self, personas: Personas) -> None:
        own_page = reverse("portal:accessibility", args=["ishoj"])
        assert footer_link(page(Client(), "portal:home")) == f"{own_page} Tilgængelighedserklæring"
        personas.ishoj.accessibility_statement_url = WAS
        personas.ishoj.save()
        for name in ("portal:home", "portal:contact", "portal:deadlines", "portal:privacy"):
            assert footer_link(page(Client(), name)) == f"{WAS} Tilgængelighedserklæring"

    def test_the_privacy_notice_has_a_default_in_both_languages(self, personas: Personas) -> None:
        html = page(Client(), "portal:privacy")
        assert "Du har ret til at se de oplysninger" in html
        english = Client()
        english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert "You have the right to see the information" in page(english, "portal:privacy")

    def test_the_municipalitys_own_notice_replaces_the_default(self, personas: Personas) -> None:
        texts_update(
            actor=personas.advisor,
            municipality=personas.ishoj,
            values={"privacy": "Vi gemmer dine data i 7 år.", "phone": "43 57 70 00"},
        )
        html = page(Client(), "portal:privacy")
        assert "<p>Vi gemmer dine data i 7 år.</p>" in html
        assert "Du har ret til at se" not in html
        assert "43 57 70 00" in html

    def test_the_contact_page_offers_other_ways_and_a_paper_form(self, personas: Personas) -> None:
        texts_update(
            actor=personas.advisor,
            municipality=personas.ishoj,
            values={"phone": "43 57 70 00", "address": "Ishøj Store Torv 20"},
        )
        html = page(Client(), "portal:contact")
        other_ways = html[html.index('id="other-ways"') :]
        assert "43 57 70 00" in other_ways
        assert "Ishøj Store Torv 20" in other_ways
        assert reverse("portal:printable_form", args=["ishoj"]) in other_ways
        paper = page(Client(), "portal:printable_form")
        assert "Kontaktformular på papir" in paper
        assert "Ishøj Store Torv 20" in paper
        assert "<form" not in paper.split('id="main-content"')[1].split("</main>")[0]

    def test_an_unknown_municipality_has_no_notice(self, personas: Personas) -> None:
        assert Client().get(reverse("portal:privacy", args=["nowhere"])).status_code == 404


class TestWhistleblowerPages:
    def test_every_public_page_carries_the_footer(self, wb: WbSetup) -> None:
        ishoj = wb.scheme.municipality
        ishoj.accessibility_statement_url = WAS
        ishoj.save()
        for name in ("whistleblower:info", "whistleblower:report", "whistleblower:privacy"):
            html = page(Client(), name)
            assert footer_link(html) == f"{WAS} Tilgængelighedserklæring"
            assert reverse("whistleblower:privacy", args=["ishoj"]) in html

    def test_the_privacy_page_shows_the_notice_and_the_other_ways_to_report(
        self, wb: WbSetup
    ) -> None:
        html = page(Client(), "whistleblower:privacy")
        assert "Kommunen er dataansvarlig" in html
        assert "Andre måder at indberette på" in html

    def test_a_municipality_without_a_scheme_has_no_whistleblower_notice(self, wb: WbSetup) -> None:
        response = Client().get(reverse("whistleblower:privacy", args=["hvidovre"]))
        assert response.status_code == 404
