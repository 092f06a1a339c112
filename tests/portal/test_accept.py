"""Accepting a contact from the public form: matching it to a citizen already in the register."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ombud.cases.models import Case, Citizen
from ombud.cases.selectors import citizen_count_unique, citizen_matches
from ombud.cases.services import citizen_create, citizen_merge
from ombud.core.models import AuditEvent
from ombud.portal.models import Contact, ContactStatus
from ombud.portal.services import contact_accept
from tests.helpers import case_data
from tests.helpers.personas import Personas, verified_client
from tests.helpers.portal import contact_form


def _contact(personas: Personas, **overrides: Any) -> Contact:
    Client().post(reverse("portal:contact", args=["ishoj"]), contact_form(personas, **overrides))
    return Contact.objects.order_by("-created_at", "-pk").first()  # type: ignore[return-value]


def _url(contact: Contact, slug: str = "ishoj") -> str:
    return reverse("cooperation:contact", args=[slug, contact.public_id])


def _known(personas: Personas, **fields: Any) -> Citizen:
    """A citizen already in Ishøj's register, with one earlier case."""
    values = {"name": "Karin B. Jensen", "email": "KARIN@example.org", **fields}
    municipality = values.pop("municipality", personas.ishoj)
    citizen = citizen_create(actor=personas.advisor, municipality=municipality, **values)
    case_data.make_case(municipality, citizen=citizen)
    return citizen


def test_it_offers_an_exact_email_match_but_never_another_municipalitys(
    personas: Personas,
) -> None:
    known = _known(personas, cpr="0101901234")
    _known(personas, municipality=personas.hvidovre, name="Karin Hvidovre")
    contact = _contact(personas)
    content = verified_client(personas.advisor).get(_url(contact)).content.decode()
    assert f'value="{known.public_id}"' in content
    assert "Karin B. Jensen" in content and "samme e-mail" in content and "1 sag" in content
    assert "010190-****" in content and "0101901234" not in content  # the mask only
    assert "Karin Hvidovre" not in content
    matches = citizen_matches(personas.ishoj, email="karin@example.org")
    assert [m.citizen for m in matches] == [known]


def test_it_matches_phone_and_full_name_loosely_and_skips_merged_records(
    personas: Personas,
) -> None:
    by_phone = _known(personas, name="P", email="", phone="+45 12 34 56 78")
    by_name = _known(personas, name="Søren Ærø Hansen", email="")
    merged = _known(personas, name="Søren Ærø Hansen", email="old@example.org")
    citizen_merge(actor=personas.advisor, keep=by_name, merge=merged)
    matches = citizen_matches(
        personas.ishoj, email="", phone="12-34-56-78", name=" søren  ærø HANSEN"
    )
    assert {m.citizen for m in matches} == {by_phone, by_name}
    assert matches[0].citizen == by_phone and matches[0].reasons == ("phone",)
    # A first name alone would match half the register.
    assert citizen_matches(personas.ishoj, name="Søren") == []


def test_choosing_an_existing_citizen_links_the_case_and_keeps_the_count(
    personas: Personas,
) -> None:
    known = _known(personas)
    contact = _contact(personas)
    cases = Case.objects.filter(municipality=personas.ishoj)
    unique_before, citizens_before = citizen_count_unique(cases), Citizen.objects.count()
    client = verified_client(personas.advisor)
    response = client.post(_url(contact), {"citizen": str(known.public_id)})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.ACCEPTED
    assert contact.case is not None and contact.case.citizen == known
    assert citizen_count_unique(cases) == unique_before
    assert Citizen.objects.count() == citizens_before
    event = AuditEvent.objects.filter(object_ref=contact.reference).latest("created_at")
    assert "existing citizen" in event.summary
    assert event.changes["citizen"] == "existing"
    assert event.changes["citizen_ref"] == str(known.public_id)
    assert event.changes["matches_offered"] == 1


def test_it_creates_a_new_citizen_when_the_advisor_says_so(personas: Personas) -> None:
    known = _known(personas)
    contact = _contact(personas)
    client = verified_client(personas.advisor)
    assert client.post(_url(contact), {"citizen": "new"}).status_code == 302
    contact.refresh_from_db()
    assert contact.case is not None and contact.case.citizen != known
    assert contact.case.citizen.name == "Karin Borger"
    event = AuditEvent.objects.filter(object_ref=contact.reference).latest("created_at")
    assert event.changes["citizen"] == "new" and event.changes["matches_offered"] == 1


def test_it_defaults_to_a_new_citizen_when_nothing_matches(personas: Personas) -> None:
    contact = _contact(personas)
    client = verified_client(personas.advisor)
    page = client.get(_url(contact)).content.decode()
    assert "der oprettes en ny borger" in page
    assert 'value="new" checked' in page
    assert client.post(_url(contact), {"centre": ""}).status_code == 302
    contact.refresh_from_db()
    assert contact.case is not None and contact.case.citizen.email == "karin@example.org"


def test_with_matches_the_advisor_must_choose(personas: Personas) -> None:
    _known(personas)
    contact = _contact(personas)
    response = verified_client(personas.advisor).post(_url(contact), {"centre": ""})
    assert response.status_code == 200
    assert "Vælg en eksisterende borger eller en ny." in response.content.decode()
    contact.refresh_from_db()
    assert contact.status == ContactStatus.PENDING


def test_it_refuses_a_citizen_that_was_not_offered(personas: Personas) -> None:
    elsewhere = _known(personas, municipality=personas.hvidovre)
    contact = _contact(personas)
    response = verified_client(personas.advisor).post(
        _url(contact), {"citizen": str(elsewhere.public_id)}
    )
    assert response.status_code == 200 and 'id="form-errors"' in response.content.decode()
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.PENDING
    with pytest.raises(ValidationError):
        contact_accept(actor=personas.advisor, contact=contact, citizen=elsewhere)
    assert not Case.objects.filter(citizen=elsewhere, municipality=personas.ishoj).exists()


def test_it_denies_accepting_to_readers_and_outsiders(personas: Personas) -> None:
    known = _known(personas)
    contact = _contact(personas)
    data = {"citizen": str(known.public_id)}
    assert verified_client(personas.reader).post(_url(contact), data).status_code == 403
    assert verified_client(personas.outsider).post(_url(contact), data).status_code == 404
    assert verified_client(personas.outsider).get(_url(contact)).status_code == 404
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.PENDING
