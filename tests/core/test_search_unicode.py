"""Searches ignore case beyond ASCII ("ø" finds "Ø") on SQLite and on PostgreSQL alike."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from ombud.cases.models import Citizen, Outcome
from ombud.cases.selectors import CaseFilterForm, case_list, citizen_list, citizen_search
from ombud.cases.services import taxonomy_entry_add
from tests.helpers import case_data as d
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db


def _refs(personas: Personas, q: str) -> set[str]:
    form = CaseFilterForm({"q": q}, municipality=personas.ishoj)
    assert form.is_valid(), form.errors
    return {c.reference for c in case_list(personas.ishoj, form.cleaned_data)}


def test_it_finds_cases_by_danish_letters_in_either_case(personas: Personas) -> None:
    m = personas.ishoj
    ostergaard = d.make_case(m, citizen=d.citizen(m, "ØSTERGAARD"), summary="Klage over ÆLDREPLEJE")
    other = d.make_case(m, citizen=d.citizen(m, "Hansen"), summary="Ventetid")
    assert _refs(personas, "østergaard") == {ostergaard.reference}
    assert _refs(personas, "Østergaard") == {ostergaard.reference}
    assert _refs(personas, "ældrepleje") == {ostergaard.reference}
    assert _refs(personas, "ventetid") == {other.reference}
    # LIKE's wildcards in the search text are still taken literally.
    assert _refs(personas, "%") == set()


def test_it_finds_citizens_by_danish_letters_in_either_case(personas: Personas) -> None:
    m = personas.ishoj
    soren = d.citizen(m, "Søren Ørsted", email="SOREN@EXAMPLE.DK", external_key="ÅB-7")
    d.citizen(m, "Karen Jensen")
    for query in ("ørsted", "ØRSTED", "sØREN", "soren@example"):
        assert citizen_search(m, query) == [soren], query
    assert list(citizen_list(m, query="ørsted")) == [soren]
    assert list(citizen_list(m, query="åb-7")) == [soren]  # iexact on the key
    assert list(citizen_list(m, query="åb-")) == []


def test_it_searches_the_citizen_page_by_danish_letters(personas: Personas) -> None:
    d.citizen(personas.ishoj, "Åse Æbelø")
    response = verified_client(personas.advisor).get(
        reverse("cases:citizens", args=["ishoj"]), {"q": "æbelø"}
    )
    assert "Åse Æbelø" in response.content.decode()


def test_it_refuses_a_taxonomy_label_that_differs_only_in_danish_case(
    personas: Personas,
) -> None:
    taxonomy_entry_add(actor=None, municipality=personas.ishoj, model=Outcome, label="Øvrigt")
    with pytest.raises(ValidationError):
        taxonomy_entry_add(actor=None, municipality=personas.ishoj, model=Outcome, label="øvrigt")


def test_it_uses_the_casefold_function_only_on_sqlite(personas: Personas) -> None:
    sql = str(Citizen.objects.filter(name__icontains="ø").query)
    # ASCII search text keeps Django's SQL on every database: LIKE already folds ASCII.
    assert "ombud_casefold" not in str(Citizen.objects.filter(name__icontains="Hansen").query)
    if connection.vendor == "sqlite":
        assert 'ombud_casefold("cases_citizen"."name") LIKE' in sql
    else:
        # PostgreSQL keeps Django's own SQL, which already folds every letter.
        assert "ombud_casefold" not in sql
        assert 'UPPER("cases_citizen"."name"::text) LIKE UPPER(' in sql
