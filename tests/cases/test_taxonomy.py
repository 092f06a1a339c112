import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from ombud.cases.models import (
    Case,
    CaseKind,
    Centre,
    Channel,
    ExternalBody,
    HandlingType,
    Outcome,
    Theme,
    ThemeGroup,
)
from ombud.cases.selectors import (
    TAXONOMY_KINDS,
    taxonomy_entries,
    taxonomy_entry_list,
    taxonomy_kind_get,
)
from ombud.cases.services import (
    CaseInput,
    case_create,
    citizen_create,
    taxonomy_entry_add,
    taxonomy_entry_delete,
    taxonomy_entry_move,
    taxonomy_entry_reactivate,
    taxonomy_entry_retire,
    taxonomy_entry_update,
)
from ombud.core.models import AuditAction, AuditEvent
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db


def _url(name: str, *args: object) -> str:
    return reverse(f"cases:{name}", args=["ishoj", *args])


def _case_with_centre(personas: Personas, centre: Centre) -> Case:
    citizen = citizen_create(actor=personas.advisor, municipality=personas.ishoj, name="Karen")
    data = CaseInput(
        kind=CaseKind.INQUIRY, citizen=citizen, opened_on=dt.date(2026, 3, 2), centre=centre
    )
    return case_create(actor=personas.advisor, municipality=personas.ishoj, data=data)


def test_it_adds_an_entry_at_the_end_with_an_audit_event(personas: Personas) -> None:
    last = Centre.objects.filter(municipality=personas.ishoj).order_by("-sort_order").first()
    assert last is not None
    centre = taxonomy_entry_add(
        actor=personas.advisor,
        municipality=personas.ishoj,
        model=Centre,
        label="  Center for Kultur ",
        chief_name="Kim Chef",
        chief_email="kim@ishoj.dk",
    )
    assert centre.label == "Center for Kultur"
    assert centre.sort_order == last.sort_order + 1
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="centre")
    assert event.actor == personas.advisor
    assert event.changes["chief_email"] == "kim@ishoj.dk"


def test_it_refuses_a_duplicate_label_whatever_the_case(personas: Personas) -> None:
    with pytest.raises(ValidationError) as info:
        taxonomy_entry_add(
            actor=personas.advisor,
            municipality=personas.ishoj,
            model=ExternalBody,
            label="udbetaling danmark",
        )
    assert "label" in info.value.message_dict
    # The same label is free in another municipality's list.
    taxonomy_entry_add(
        actor=personas.advisor, municipality=personas.ishoj, model=Outcome, label="Afvist helt"
    )
    taxonomy_entry_add(
        actor=personas.advisor, municipality=personas.hvidovre, model=Outcome, label="Afvist helt"
    )


def test_it_scopes_theme_labels_to_their_group(personas: Personas) -> None:
    groups = list(ThemeGroup.objects.filter(municipality=personas.ishoj)[:2])
    taxonomy_entry_add(
        actor=None, municipality=personas.ishoj, model=Theme, label="Ventetid", group=groups[0]
    )
    taxonomy_entry_add(
        actor=None, municipality=personas.ishoj, model=Theme, label="Ventetid", group=groups[1]
    )
    with pytest.raises(ValidationError):
        taxonomy_entry_add(
            actor=None, municipality=personas.ishoj, model=Theme, label="VENTETID", group=groups[0]
        )


def test_it_renames_and_old_cases_keep_the_entry(personas: Personas) -> None:
    centre = Centre.objects.filter(municipality=personas.ishoj).first()
    assert centre is not None
    old_label = centre.label
    case = _case_with_centre(personas, centre)
    taxonomy_entry_update(actor=personas.advisor, entry=centre, label="Center for Voksne")
    case.refresh_from_db()
    assert case.centre_id == centre.pk
    assert str(case.centre) == "Center for Voksne"
    event = AuditEvent.objects.filter(object_type="centre", action=AuditAction.UPDATE).get()
    assert event.changes["label"] == [old_label, "Center for Voksne"]
    assert old_label in event.summary


def test_it_refuses_renaming_to_another_entrys_label(personas: Personas) -> None:
    first, second = list(Outcome.objects.filter(municipality=personas.ishoj)[:2])
    with pytest.raises(ValidationError) as info:
        taxonomy_entry_update(actor=personas.advisor, entry=second, label=first.label.upper())
    assert "label" in info.value.message_dict
    # Changing only the capitalisation of its own label is fine.
    taxonomy_entry_update(actor=personas.advisor, entry=first, label=first.label.upper())


def test_it_retires_and_reactivates_keeping_counts(personas: Personas) -> None:
    centre = Centre.objects.filter(municipality=personas.ishoj).first()
    assert centre is not None
    _case_with_centre(personas, centre)
    taxonomy_entry_retire(actor=personas.advisor, entry=centre)
    assert not Centre.objects.active().filter(pk=centre.pk).exists()
    assert Case.objects.filter(centre=centre).count() == 1
    entries = taxonomy_entry_list(personas.ishoj, taxonomy_kind_get("centre"))
    assert entries.get(pk=centre.pk).usage == 1
    taxonomy_entry_reactivate(actor=personas.advisor, entry=centre)
    assert Centre.objects.active().filter(pk=centre.pk).exists()
    changes = [
        e.changes["is_active"]
        for e in AuditEvent.objects.filter(object_type="centre").order_by("id")
        if "is_active" in e.changes
    ]
    assert changes == [[True, False], [False, True]]


def test_it_moves_entries_within_their_list(personas: Personas) -> None:
    channels = list(Channel.objects.filter(municipality=personas.ishoj))
    taxonomy_entry_move(actor=personas.advisor, entry=channels[1], direction="up")
    assert list(Channel.objects.filter(municipality=personas.ishoj)) == [
        channels[1],
        channels[0],
        *channels[2:],
    ]
    # The first stays first.
    taxonomy_entry_move(actor=personas.advisor, entry=channels[1], direction="up")
    assert Channel.objects.filter(municipality=personas.ishoj).first() == channels[1]


def test_it_deletes_only_unused_entries(personas: Personas) -> None:
    unused = taxonomy_entry_add(
        actor=None, municipality=personas.ishoj, model=Centre, label="Tastefejl"
    )
    taxonomy_entry_delete(actor=personas.advisor, entry=unused)
    assert not Centre.objects.filter(pk=unused.pk).exists()
    used = Centre.objects.filter(municipality=personas.ishoj).first()
    assert used is not None
    _case_with_centre(personas, used)
    with pytest.raises(ValidationError):
        taxonomy_entry_delete(actor=personas.advisor, entry=used)


def test_it_shows_every_list_with_usage_counts(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    # One query per list, plus session, user, membership and the municipality switcher.
    with override_settings(LANGUAGE_CODE="en"):
        response = client.get(_url("taxonomy"))
    assert response.status_code == 200
    body = response.content.decode()
    for kind in TAXONOMY_KINDS:
        assert f'id="{kind.html_id}"' in body
    assert "Udbetaling Danmark" in body


def test_it_pins_the_query_count(personas: Personas, django_assert_max_num_queries) -> None:
    client = verified_client(personas.advisor)
    client.get(_url("taxonomy"))
    with django_assert_max_num_queries(len(TAXONOMY_KINDS) + 10):
        client.get(_url("taxonomy"))


def test_it_adds_a_centre_through_the_page(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    data = {"centre-label": "Center for Kultur", "centre-chief_email": "kultur@ishoj.dk"}
    response = client.post(_url("taxonomy_add", "centre"), data)
    assert response.status_code == 302
    assert response.url.endswith("#taxonomy-centre")
    centre = Centre.objects.get(municipality=personas.ishoj, label="Center for Kultur")
    assert centre.chief_email == "kultur@ishoj.dk"


def test_it_answers_htmx_with_the_section(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    response = client.post(
        _url("taxonomy_add", "kanaler"),
        {"kanaler-label": "SMS", "kanaler-code": "sms"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#taxonomy-kanaler"
    assert "SMS" in response.content.decode()
    assert 'id="taxonomy-centre"' not in response.content.decode()
    assert Channel.objects.filter(municipality=personas.ishoj, code="sms").exists()


def test_it_shows_a_field_error_for_a_duplicate_label(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    with override_settings(LANGUAGE_CODE="en"):
        response = client.post(
            _url("taxonomy_add", "eksterne-myndigheder"),
            {"eksterne-myndigheder-label": "ANKESTYRELSEN"},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert ExternalBody.objects.filter(label__iexact="ankestyrelsen").count() == 3  # one per muni


def test_it_adds_a_complaint_handling_that_is_a_rejection(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    client.post(
        _url("taxonomy_add", "behandling-klagesager"),
        {
            "behandling-klagesager-label": "Afvist pga. tid",
            "behandling-klagesager-is_rejection": "on",
        },
    )
    handling = HandlingType.objects.get(label="Afvist pga. tid")
    assert handling.applies_to == CaseKind.COMPLAINT
    assert handling.is_rejection


def test_it_renames_inline(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    body = ExternalBody.objects.filter(municipality=personas.ishoj).first()
    assert body is not None
    url = _url("taxonomy_edit", "eksterne-myndigheder", body.public_id)
    form = client.get(url, headers={"HX-Request": "true"})
    assert form.status_code == 200
    assert form.content.decode().strip().startswith("<tr")
    prefix = f"eksterne-myndigheder-{body.public_id}"
    response = client.post(url, {f"{prefix}-label": "Jobcenter Ishøj"})
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.label == "Jobcenter Ishøj"


def test_it_retires_and_reactivates_through_the_page(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    outcome = Outcome.objects.filter(municipality=personas.ishoj).first()
    assert outcome is not None
    client.post(_url("taxonomy_retire", "resultater", outcome.public_id))
    outcome.refresh_from_db()
    assert not outcome.is_active
    client.post(_url("taxonomy_reactivate", "resultater", outcome.public_id))
    outcome.refresh_from_db()
    assert outcome.is_active


def test_it_does_not_reach_an_entry_through_the_wrong_list(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    handling = HandlingType.objects.filter(
        municipality=personas.ishoj, applies_to=CaseKind.INQUIRY
    ).first()
    assert handling is not None
    url = _url("taxonomy_retire", "behandling-klagesager", handling.public_id)
    assert client.post(url).status_code == 404
    assert client.post(_url("taxonomy_retire", "ukendt", handling.public_id)).status_code == 404


def test_it_does_not_reach_another_municipalitys_entry(personas: Personas) -> None:
    # Anne is a member of Hvidovre too, but the URL names Ishøj: Hvidovre's entry is a 404 there.
    client = verified_client(personas.advisor)
    other = Outcome.objects.filter(municipality=personas.hvidovre).first()
    assert other is not None
    for method, url in _taxonomy_urls(personas, other)[2:]:
        assert getattr(client, method)(url).status_code == 404, url
    other.refresh_from_db()
    assert other.is_active


def test_it_addresses_entries_by_public_id_not_row_id(personas: Personas) -> None:
    outcome = Outcome.objects.filter(municipality=personas.ishoj).first()
    assert outcome is not None
    client = verified_client(personas.advisor)
    body = client.get(_url("taxonomy")).content.decode()
    assert f"/resultater/{outcome.public_id}/udgaa/" in body
    assert f"/resultater/{outcome.pk}/" not in body
    assert client.post(f"/m/ishoj/indstillinger/resultater/{outcome.pk}/udgaa/").status_code == 404
    ids = [e.public_id for e in Outcome.objects.all()]
    assert len(set(ids)) == len(ids)


def _taxonomy_urls(personas: Personas, outcome: Outcome | None = None) -> list[tuple[str, str]]:
    outcome = outcome or Outcome.objects.filter(municipality=personas.ishoj).first()
    assert outcome is not None
    pk = outcome.public_id
    return [
        ("get", _url("taxonomy")),
        ("post", _url("taxonomy_add", "resultater")),
        ("get", _url("taxonomy_edit", "resultater", pk)),
        ("post", _url("taxonomy_edit", "resultater", pk)),
        ("post", _url("taxonomy_retire", "resultater", pk)),
        ("post", _url("taxonomy_reactivate", "resultater", pk)),
        ("post", _url("taxonomy_move", "resultater", pk)),
        ("post", _url("taxonomy_delete", "resultater", pk)),
    ]


def test_it_hides_every_taxonomy_url_from_an_outsider(personas: Personas) -> None:
    client = verified_client(personas.outsider)
    for method, url in _taxonomy_urls(personas):
        assert getattr(client, method)(url).status_code == 404, url


@pytest.mark.parametrize("who", ["assistant", "reader"])
def test_it_forbids_assistants_and_readers(personas: Personas, who: str) -> None:
    client = verified_client(getattr(personas, who))
    labels = list(Outcome.objects.filter(municipality=personas.ishoj).values_list("label"))
    for method, url in _taxonomy_urls(personas):
        assert (
            getattr(client, method)(
                url, *([{"resultater-label": "X"}] * (method == "post"))
            ).status_code
            == 403
        ), url
    assert list(Outcome.objects.filter(municipality=personas.ishoj).values_list("label")) == labels
    assert Outcome.objects.filter(municipality=personas.ishoj, is_active=False).count() == 0


def test_it_lets_the_admin_edit(personas: Personas) -> None:
    client = verified_client(personas.admin)
    assert client.get(_url("taxonomy")).status_code == 200


def test_it_sends_anonymous_users_to_login(personas: Personas) -> None:
    response = Client().get(_url("taxonomy"))
    assert response.status_code == 302


def test_it_moves_themes_only_within_their_group(personas: Personas) -> None:
    first_group, second_group = list(ThemeGroup.objects.filter(municipality=personas.ishoj)[:2])
    top = Theme.objects.filter(group=second_group).order_by("sort_order").first()
    assert top is not None
    before = list(Theme.objects.filter(municipality=personas.ishoj))
    taxonomy_entry_move(actor=personas.advisor, entry=top, direction="up")
    assert list(Theme.objects.filter(municipality=personas.ishoj)) == before
    entries = {e.pk: e for e in taxonomy_entries(personas.ishoj, taxonomy_kind_get("klagetemaer"))}
    assert entries[top.pk].is_first
    last_of_first = Theme.objects.filter(group=first_group).order_by("sort_order").last()
    assert last_of_first is not None and entries[last_of_first.pk].is_last


def test_it_cancels_an_inline_edit_with_the_section(personas: Personas) -> None:
    response = verified_client(personas.advisor).get(
        _url("taxonomy"), {"section": "resultater"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="taxonomy-resultater"' in body and 'id="taxonomy-centre"' not in body


def test_it_announces_an_action_out_of_band(personas: Personas) -> None:
    outcome = Outcome.objects.filter(municipality=personas.ishoj).first()
    assert outcome is not None
    with override_settings(LANGUAGE_CODE="en"):
        response = verified_client(personas.advisor).post(
            _url("taxonomy_retire", "resultater", outcome.public_id), headers={"HX-Request": "true"}
        )
    body = response.content.decode()
    assert 'id="taxonomy-status"' in body and 'hx-swap-oob="true"' in body
    assert f"“{outcome.label}” is retired" in body
    assert f'data-focus="resultater-{outcome.public_id}-toggle"' in body


def test_it_refuses_deleting_a_used_entry_through_the_page(personas: Personas) -> None:
    centre = Centre.objects.filter(municipality=personas.ishoj).first()
    assert centre is not None
    _case_with_centre(personas, centre)
    response = verified_client(personas.advisor).post(
        _url("taxonomy_delete", "centre", centre.public_id), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "alert-error" in response.content.decode()
    assert Centre.objects.filter(pk=centre.pk).exists()


def test_it_works_without_javascript(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    body = ExternalBody.objects.filter(municipality=personas.ishoj).first()
    assert body is not None
    page = client.get(_url("taxonomy_edit", "eksterne-myndigheder", body.public_id))
    assert page.status_code == 200 and "<html" in page.content.decode()
    with override_settings(LANGUAGE_CODE="en"):
        invalid = client.post(
            _url("taxonomy_add", "eksterne-myndigheder"), {"eksterne-myndigheder-label": ""}
        )
    assert invalid.status_code == 200
    assert 'id="form-errors"' in invalid.content.decode()


def test_it_offers_delete_only_for_entries_that_can_go(personas: Personas) -> None:
    group = ThemeGroup.objects.filter(municipality=personas.ishoj).first()
    assert group is not None
    empty = taxonomy_entry_add(
        actor=None, municipality=personas.ishoj, model=ThemeGroup, label="Tom gruppe"
    )
    body = verified_client(personas.advisor).get(_url("taxonomy")).content.decode()
    assert f'id="temagrupper-{empty.public_id}-delete"' in body
    assert f'id="temagrupper-{group.public_id}-delete"' not in body
    with pytest.raises(ValidationError):
        taxonomy_entry_delete(actor=None, entry=group)
