import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from ombud.accounts.models import Municipality
from ombud.cases.models import Case, CaseKind, Centre, Citizen
from ombud.cases.selectors import citizen_count_unique
from ombud.cases.services import (
    CaseInput,
    case_create,
    citizen_create,
    citizen_merge,
    citizen_reveal_cpr,
)
from ombud.core.models import AuditAction, AuditEvent
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db

CPR = "010190-1234"


def _url(name: str, *args: object, slug: str = "ishoj") -> str:
    return reverse(f"cases:{name}", args=[slug, *args])


def _citizen(personas: Personas, name: str = "Karen Hansen", **fields: object) -> Citizen:
    return citizen_create(actor=personas.advisor, municipality=personas.ishoj, name=name, **fields)


def _case(personas: Personas, citizen: Citizen, municipality: Municipality | None = None) -> Case:
    municipality = municipality or personas.ishoj
    centre = Centre.objects.filter(municipality=municipality).first()
    data = CaseInput(
        kind=CaseKind.INQUIRY, citizen=citizen, opened_on=dt.date(2026, 3, 2), centre=centre
    )
    return case_create(actor=personas.advisor, municipality=municipality, data=data)


def test_it_stores_the_cpr_number_encrypted(personas: Personas) -> None:
    citizen = _citizen(personas, cpr=CPR)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cpr_encrypted, cpr_index, cpr_masked FROM cases_citizen WHERE id = %s",
            [citizen.pk],
        )
        encrypted, index, masked = cursor.fetchone()
    raw = bytes(encrypted)
    for digits in (b"0101901234", b"010190", b"1234"):
        assert digits not in raw
    assert "1234" not in index and "010190" not in index
    assert masked == "010190-****"
    assert citizen_reveal_cpr(actor=personas.advisor, citizen=citizen) == "0101901234"


def test_it_audits_a_cpr_reveal_with_actor_and_citizen(personas: Personas) -> None:
    citizen = _citizen(personas, cpr=CPR)
    client = verified_client(personas.advisor)
    response = client.post(_url("citizen_cpr", citizen.public_id), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "010190-1234" in response.content.decode()
    assert "<html" not in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    event = AuditEvent.objects.get(action=AuditAction.VIEW_CPR)
    assert event.actor == personas.advisor
    assert event.object_ref == str(citizen.public_id)
    assert event.municipality == personas.ishoj
    assert "1234" not in event.summary + str(event.changes)


def test_it_reveals_without_htmx_on_the_whole_page(personas: Personas) -> None:
    citizen = _citizen(personas, cpr=CPR)
    response = verified_client(personas.assistant).post(_url("citizen_cpr", citizen.public_id))
    assert response.status_code == 200
    assert "010190-1234" in response.content.decode()


def test_it_shows_the_record_masked_and_logs_the_identity_read(personas: Personas) -> None:
    citizen = _citizen(
        personas,
        cpr=CPR,
        email="karen@example.org",
        representative_name="Per Hansen",
        power_of_attorney_date=dt.date(2026, 1, 5),
        consent_to_contact=True,
        consent_date=dt.date(2026, 2, 1),
        consent_scope="Center for Beskæftigelse",
    )
    case = _case(personas, citizen)
    with override_settings(LANGUAGE_CODE="en"):
        response = verified_client(personas.advisor).get(_url("citizen_detail", citizen.public_id))
    body = response.content.decode()
    assert response.status_code == 200
    assert "010190-****" in body and "010190-1234" not in body
    assert "Per Hansen" in body and "05-01-2026" in body and "01-02-2026" in body
    assert "Center for Beskæftigelse" in body
    assert case.reference in body
    event = AuditEvent.objects.get(action=AuditAction.VIEW_IDENTITY)
    assert event.actor == personas.advisor
    assert event.object_ref == str(citizen.public_id)


def test_it_lists_current_citizens_with_their_case_counts(
    personas: Personas, django_assert_max_num_queries
) -> None:
    for i in range(5):
        _case(personas, _citizen(personas, name=f"Borger {i}"))
    duplicate = _citizen(personas, name="Borger dublet")
    kept = Citizen.objects.get(name="Borger 0")
    citizen_merge(actor=personas.advisor, keep=kept, merge=duplicate)
    client = verified_client(personas.assistant)
    client.get(_url("citizens"))
    with django_assert_max_num_queries(9):
        response = client.get(_url("citizens"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Borger 4" in body and "dublet" not in body
    assert str(kept.public_id) in body


def test_it_searches_by_name_with_htmx(personas: Personas) -> None:
    _citizen(personas, name="Karen Hansen")
    _citizen(personas, name="Mads Jensen")
    response = verified_client(personas.advisor).get(
        _url("citizens"), {"q": "kar"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert 'id="citizen-results"' in body and "<html" not in body
    assert "Karen Hansen" in body and "Mads Jensen" not in body


def test_it_paginates_the_list(personas: Personas) -> None:
    for i in range(30):
        Citizen.objects.create(municipality=personas.ishoj, name=f"Person {i:02d}")
    client = verified_client(personas.advisor)
    first = client.get(_url("citizens")).content.decode()
    second = client.get(_url("citizens"), {"page": 2}).content.decode()
    assert "Person 00" in first and "Person 29" not in first
    assert "Person 29" in second


def test_it_registers_a_citizen(personas: Personas) -> None:
    client = verified_client(personas.assistant)
    response = client.post(
        _url("citizen_create"),
        {"name": "Ny Borger", "cpr": "0203045678", "consent_date": "2026-03-04"},
    )
    citizen = Citizen.objects.get(name="Ny Borger")
    assert response.status_code == 302
    assert response.url == _url("citizen_detail", citizen.public_id)
    assert citizen.cpr_masked == "020304-****"
    assert citizen.consent_date == dt.date(2026, 3, 4)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="citizen").exists()


def test_it_shows_a_field_error_for_an_invalid_cpr(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    with override_settings(LANGUAGE_CODE="en"):
        response = client.post(_url("citizen_create"), {"name": "X", "cpr": "12345"})
    assert response.status_code == 200
    assert "Enter the CPR number as ten digits" in response.content.decode()
    assert 'id="id_cpr_error"' in response.content.decode()
    assert not Citizen.objects.filter(name="X").exists()


def test_it_keeps_replaces_and_removes_the_cpr_on_edit(personas: Personas) -> None:
    citizen = _citizen(personas, cpr=CPR)
    client = verified_client(personas.advisor)
    url = _url("citizen_edit", citizen.public_id)
    assert client.get(url).status_code == 200
    client.post(url, {"name": "Karen H."})
    citizen.refresh_from_db()
    assert citizen.name == "Karen H." and citizen.cpr_masked == "010190-****"
    client.post(url, {"name": "Karen H.", "cpr": "311299-4321"})
    citizen.refresh_from_db()
    assert citizen.cpr_masked == "311299-****"
    client.post(url, {"name": "Karen H.", "cpr_remove": "on"})
    citizen.refresh_from_db()
    assert citizen.cpr_masked == "" and citizen.cpr_encrypted is None
    change = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="citizen").first()
    assert change is not None and change.changes["cpr"] == ["311299-****", ""]


def test_it_refuses_an_invalid_cpr_on_edit(personas: Personas) -> None:
    citizen = _citizen(personas, cpr=CPR)
    with override_settings(LANGUAGE_CODE="en"):
        response = verified_client(personas.advisor).post(
            _url("citizen_edit", citizen.public_id), {"name": "Karen", "cpr": "991399-1234"}
        )
    assert "Enter the CPR number as ten digits" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.cpr_masked == "010190-****" and citizen.name == "Karen Hansen"


def test_it_merges_two_records_of_one_person(personas: Personas) -> None:
    keep = _citizen(personas, name="Karen Hansen")
    duplicate = _citizen(personas, name="Karen M. Hansen", phone="12345678", cpr=CPR)
    cases = [_case(personas, keep), _case(personas, duplicate), _case(personas, duplicate)]
    all_cases = Case.objects.filter(municipality=personas.ishoj)
    assert citizen_count_unique(all_cases) == 2
    client = verified_client(personas.advisor)
    url = _url("citizen_merge", keep.public_id)
    search = client.get(url, {"q": "M. Hansen"}, headers={"HX-Request": "true"})
    assert str(duplicate.public_id) in search.content.decode()
    compare = client.get(url, {"other": str(duplicate.public_id)})
    assert "Karen M. Hansen" in compare.content.decode()
    response = client.post(url, {"other": str(duplicate.public_id)})
    assert response.status_code == 302
    assert response.url == _url("citizen_detail", keep.public_id)
    assert citizen_count_unique(all_cases) == 1
    assert {c.citizen_id for c in Case.objects.filter(pk__in=[c.pk for c in cases])} == {keep.pk}
    keep.refresh_from_db()
    assert keep.phone == "12345678" and keep.cpr_masked == "010190-****"
    merges = AuditEvent.objects.filter(action=AuditAction.MERGE)
    assert {e.object_ref for e in merges} == {str(keep.public_id), str(duplicate.public_id)}
    old = client.get(_url("citizen_detail", duplicate.public_id))
    assert old.status_code == 302 and old.url == _url("citizen_detail", keep.public_id)
    # The merged record no longer appears in the register.
    assert "Karen M. Hansen" not in client.get(_url("citizens")).content.decode()


def test_it_refuses_to_merge_records_of_two_municipalities(personas: Personas) -> None:
    keep = _citizen(personas)
    other = citizen_create(actor=personas.advisor, municipality=personas.hvidovre, name="Karen")
    with pytest.raises(ValidationError):
        citizen_merge(actor=personas.advisor, keep=keep, merge=other)
    client = verified_client(personas.advisor)
    response = client.post(_url("citizen_merge", keep.public_id), {"other": str(other.public_id)})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.merged_into is None


def test_it_refuses_to_merge_a_record_with_itself(personas: Personas) -> None:
    keep = _citizen(personas)
    client = verified_client(personas.advisor)
    response = client.post(_url("citizen_merge", keep.public_id), {"other": str(keep.public_id)})
    assert response.status_code == 302
    keep.refresh_from_db()
    assert keep.merged_into is None


def _citizen_urls(citizen: Citizen) -> list[tuple[str, str]]:
    return [
        ("get", _url("citizens")),
        ("get", _url("citizen_create")),
        ("post", _url("citizen_create")),
        ("get", _url("citizen_detail", citizen.public_id)),
        ("post", _url("citizen_cpr", citizen.public_id)),
        ("get", _url("citizen_edit", citizen.public_id)),
        ("post", _url("citizen_edit", citizen.public_id)),
        ("get", _url("citizen_merge", citizen.public_id)),
        ("post", _url("citizen_merge", citizen.public_id)),
    ]


def test_it_hides_every_citizen_url_from_an_outsider(personas: Personas) -> None:
    citizen = _citizen(personas, cpr=CPR)
    client = verified_client(personas.outsider)
    for method, url in _citizen_urls(citizen):
        assert getattr(client, method)(url).status_code == 404, url
    # Nor can the outsider reach the record through their own municipality's URLs.
    url = _url("citizen_detail", citizen.public_id, slug="brondby")
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action__in=["view_cpr", "view_identity"]).exists()


def test_it_forbids_a_reader_every_record(personas: Personas) -> None:
    citizen = _citizen(personas, cpr=CPR)
    client = verified_client(personas.reader)
    # Not even the register: it lists and searches names, which the role does not see on cases.
    for method, url in _citizen_urls(citizen):
        assert getattr(client, method)(url, {"name": "X"}).status_code == 403, url
    search = client.get(_url("citizens"), {"q": "a"}, headers={"HX-Request": "true"})
    assert search.status_code == 403
    assert not AuditEvent.objects.filter(action__in=["view_cpr", "view_identity"]).exists()
    assert not Citizen.objects.filter(name="X").exists()


def test_it_sends_anonymous_users_to_login(personas: Personas) -> None:
    assert Client().get(_url("citizens")).status_code == 302


def test_it_moves_the_exchange_key_to_the_kept_record(personas: Personas) -> None:
    keep = _citizen(personas, name="Karen")
    duplicate = _citizen(personas, name="Karen H.", external_key="B-0042")
    citizen_merge(actor=personas.advisor, keep=keep, merge=duplicate)
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert keep.external_key == "B-0042" and duplicate.external_key == ""
    assert duplicate.merged_into == keep


def test_it_refuses_to_merge_an_already_merged_record(personas: Personas) -> None:
    keep, duplicate, third = _citizen(personas), _citizen(personas), _citizen(personas)
    citizen_merge(actor=personas.advisor, keep=keep, merge=duplicate)
    with pytest.raises(ValidationError):
        citizen_merge(actor=personas.advisor, keep=third, merge=duplicate)
    # Merging the kept record onward leaves a chain that links still follow to the end.
    citizen_merge(actor=personas.advisor, keep=third, merge=keep)
    response = verified_client(personas.advisor).get(_url("citizen_detail", duplicate.public_id))
    assert response.url == _url("citizen_detail", third.public_id)


def test_it_pins_the_queries_of_a_record(personas: Personas, django_assert_max_num_queries) -> None:
    citizen = _citizen(personas)
    for _ in range(5):
        _case(personas, citizen)
    client = verified_client(personas.advisor)
    client.get(_url("citizen_detail", citizen.public_id))
    with django_assert_max_num_queries(11):
        response = client.get(_url("citizen_detail", citizen.public_id))
    assert response.status_code == 200
