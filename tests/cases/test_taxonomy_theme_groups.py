"""Retiring a theme group retires its themes; the case form offers themes of groups in use only."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from ombud.cases.forms import CaseForm
from ombud.cases.models import Theme, ThemeGroup
from ombud.cases.selectors import CaseFilterForm, case_list
from ombud.cases.services import (
    case_input_from,
    taxonomy_entry_add,
    taxonomy_entry_reactivate,
    taxonomy_entry_retire,
    taxonomy_entry_update,
)
from ombud.core.models import AuditAction, AuditEvent
from ombud.stats.selectors import Period, case_stats
from tests.helpers import case_data as d
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db


def _group(personas: Personas) -> ThemeGroup:
    return d.theme(personas.ishoj).group


def _url(name: str, *args: object) -> str:
    return reverse(f"cases:{name}", args=["ishoj", *args])


def test_it_retires_a_groups_themes_with_it(personas: Personas) -> None:
    group = _group(personas)
    alone, *others = list(group.themes.all())
    taxonomy_entry_retire(actor=personas.advisor, entry=alone)
    taxonomy_entry_retire(actor=personas.advisor, entry=group)
    themes = {t.pk: t for t in Theme.objects.filter(group=group)}
    assert all(not t.is_active for t in themes.values())
    assert [t.pk for t in themes.values() if t.retired_with_group] == [t.pk for t in others]
    assert not themes[alone.pk].retired_with_group
    events = AuditEvent.objects.filter(
        object_type="theme", action=AuditAction.UPDATE, summary__contains="with its group"
    )
    assert sorted(e.object_ref for e in events) == sorted(str(t.public_id) for t in others)
    assert all(e.changes == {"is_active": [True, False]} for e in events)


def test_it_reactivates_only_the_themes_retired_with_the_group(personas: Personas) -> None:
    group = _group(personas)
    alone, *others = list(group.themes.all())
    taxonomy_entry_retire(actor=personas.advisor, entry=alone)
    taxonomy_entry_retire(actor=personas.advisor, entry=group)
    taxonomy_entry_reactivate(actor=personas.advisor, entry=group)
    active = set(Theme.objects.filter(group=group, is_active=True).values_list("pk", flat=True))
    assert active == {t.pk for t in others}
    assert not Theme.objects.filter(group=group, retired_with_group=True).exists()
    alone.refresh_from_db()
    assert not alone.is_active


def test_it_refuses_to_reactivate_a_theme_of_a_retired_group(personas: Personas) -> None:
    group = _group(personas)
    theme = group.themes.first()
    assert theme is not None
    taxonomy_entry_retire(actor=personas.advisor, entry=group)
    theme.refresh_from_db()
    with pytest.raises(ValidationError):
        taxonomy_entry_reactivate(actor=personas.advisor, entry=theme)
    with override_settings(LANGUAGE_CODE="en"):
        response = verified_client(personas.advisor).post(
            _url("taxonomy_reactivate", "klagetemaer", theme.public_id),
            headers={"HX-Request": "true"},
        )
    assert "Reactivate the theme group" in response.content.decode()
    theme.refresh_from_db()
    assert not theme.is_active


def test_it_keeps_themes_out_of_a_retired_group(personas: Personas) -> None:
    group = _group(personas)
    other = ThemeGroup.objects.filter(municipality=personas.ishoj).exclude(pk=group.pk).first()
    assert other is not None
    moving = other.themes.first()
    assert moving is not None
    taxonomy_entry_retire(actor=personas.advisor, entry=group)
    with pytest.raises(ValidationError) as info:
        taxonomy_entry_add(
            actor=None, municipality=personas.ishoj, model=Theme, label="Nyt", group=group
        )
    assert "group" in info.value.message_dict
    with pytest.raises(ValidationError):
        taxonomy_entry_update(actor=None, entry=moving, group=group)
    # The add form does not offer the retired group.
    with override_settings(LANGUAGE_CODE="en"):
        body = verified_client(personas.advisor).get(_url("taxonomy")).content.decode()
    assert f'<option value="{group.pk}"' not in body
    assert f'<option value="{other.pk}"' in body


def test_it_marks_a_themes_retired_group_in_its_edit_form(personas: Personas) -> None:
    group = _group(personas)
    theme = group.themes.first()
    assert theme is not None
    taxonomy_entry_retire(actor=personas.advisor, entry=group)
    with override_settings(LANGUAGE_CODE="en"):
        response = verified_client(personas.advisor).get(
            _url("taxonomy_edit", "klagetemaer", theme.public_id)
        )
    body = response.content.decode()
    assert f"{group.label} (retired)" in body
    assert "Retired with its group" not in body  # the edit page shows the form, not the list
    with override_settings(LANGUAGE_CODE="en"):
        page = verified_client(personas.advisor).get(_url("taxonomy")).content.decode()
    assert "Retired with its group" in page


def test_it_frees_a_theme_moved_out_of_its_retired_group(personas: Personas) -> None:
    group = _group(personas)
    other = ThemeGroup.objects.filter(municipality=personas.ishoj).exclude(pk=group.pk).first()
    theme = group.themes.first()
    assert other is not None and theme is not None
    taxonomy_entry_retire(actor=personas.advisor, entry=group)
    theme.refresh_from_db()
    taxonomy_entry_update(actor=personas.advisor, entry=theme, group=other)
    taxonomy_entry_reactivate(actor=personas.advisor, entry=group)
    theme.refresh_from_db()
    # Retired while in the old group; reactivating that group no longer concerns it.
    assert not theme.is_active and not theme.retired_with_group


def test_the_case_form_offers_no_theme_of_a_retired_group(personas: Personas) -> None:
    group = _group(personas)
    # A group retired before themes followed their group: its themes are still active.
    ThemeGroup.objects.filter(pk=group.pk).update(is_active=False)
    form = CaseForm(municipality=personas.ishoj, user=personas.advisor)
    offered = set(form.fields["themes"].queryset)  # type: ignore[attr-defined]
    assert offered
    assert not offered & set(group.themes.all())


def test_old_cases_keep_the_theme_and_statistics_count_it(personas: Personas) -> None:
    theme = d.theme(personas.ishoj)
    case = d.make_case(personas.ishoj)
    taxonomy_entry_retire(actor=personas.advisor, entry=theme.group)
    case.refresh_from_db()
    assert list(case.themes.all()) == [theme]
    # Editing the old case keeps (and marks) its theme.
    form = CaseForm(
        municipality=personas.ishoj, user=personas.advisor, current=case_input_from(case)
    )
    themes = form.fields["themes"]
    assert list(themes.queryset.filter(group=theme.group)) == [theme]  # type: ignore[attr-defined]
    with override_settings(LANGUAGE_CODE="en"):
        assert themes.label_from_instance(theme) == f"{theme.label} (retired)"  # type: ignore[attr-defined]
    stats = case_stats(personas.ishoj, Period.year(case.opened_on.year))
    counted = {t["label"]: t["complaints"] for t in stats["complaint_themes"]}
    assert counted[theme.label] == 1
    # The case list still finds it by the retired theme, which the filter marks.
    filters = CaseFilterForm({"theme": theme.pk}, municipality=personas.ishoj)
    assert filters.is_valid()
    assert list(case_list(personas.ishoj, filters.cleaned_data)) == [case]
    with override_settings(LANGUAGE_CODE="en"):
        label = filters.fields["theme"].label_from_instance(theme)  # type: ignore[attr-defined]
    assert label.endswith("(retired)")


def test_it_refreshes_the_themes_list_when_a_group_changes(personas: Personas) -> None:
    group = _group(personas)
    with override_settings(LANGUAGE_CODE="en"):
        response = verified_client(personas.advisor).post(
            _url("taxonomy_retire", "temagrupper", group.public_id),
            headers={"HX-Request": "true"},
        )
    body = response.content.decode()
    assert response["HX-Retarget"] == "#taxonomy-temagrupper"
    assert 'id="taxonomy-klagetemaer"' in body
    themes_section = body[body.index('id="taxonomy-klagetemaer"') :]
    assert 'hx-swap-oob="true"' in themes_section[:300]
    assert "Retired with its group" in themes_section
