"""The citizen's search of the processing deadlines (ombud.portal.selectors.deadline_search)."""

import datetime as dt

import pytest

from ombud.portal.models import ProcessingDeadline
from ombud.portal.selectors import deadline_search
from ombud.portal.services import deadline_save
from tests.helpers import case_data
from tests.helpers.personas import Personas


def _deadline(personas: Personas, title: str, keywords: str, law: str) -> ProcessingDeadline:
    row = ProcessingDeadline(
        title=title,
        area="Ydelser",
        centre=case_data.centre(personas.ishoj),
        deadline="6 uger",
        legal_basis=law,
        source="Kommunalbestyrelsens beslutning",
        valid_from=dt.date(2026, 1, 1),
        keywords=keywords,
    )
    return deadline_save(actor=personas.advisor, municipality=personas.ishoj, deadline=row)


def _titles(personas: Personas, query: str) -> list[str]:
    return [row.title for row in deadline_search(personas.ishoj, query)]


@pytest.fixture
def rows(personas: Personas) -> None:
    _deadline(personas, "Aktindsigt", "aktindsigt, sagsbehandlingstid", "Offentlighedsloven § 36")
    _deadline(personas, "Boligstøtte", "husleje", "Lov om individuel boligstøtte")


def test_it_searches_a_generic_word_like_any_other_when_a_row_carries_it(
    personas: Personas, rows: None
) -> None:
    assert _titles(personas, "sagsbehandlingstid") == ["Aktindsigt"]


def test_it_drops_generic_words_when_nothing_matches_them_all(
    personas: Personas, rows: None
) -> None:
    assert _titles(personas, "Sagsbehandlingstid boligstøtte") == ["Boligstøtte"]
    assert _titles(personas, "frister husleje") == ["Boligstøtte"]
    assert _titles(personas, "frist") == ["Aktindsigt", "Boligstøtte"]


def test_it_finds_nothing_for_a_specific_word_that_matches_nothing(
    personas: Personas, rows: None
) -> None:
    assert _titles(personas, "sagsbehandlingstid hjemmehjælp") == []
    assert _titles(personas, "hjemmehjælp") == []
