"""Every date field takes dd-mm-yyyy typed by hand and says so (docs/journeys-walkthrough.md).

A native date field follows the browser's language (mm/dd/yyyy in an English browser), so the
fields are text fields with the format as a visible hint (ombud/core/dates.py).
"""

import datetime as dt
import importlib
import re

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from ombud.cases.forms import CitizenForm
from ombud.cases.selectors import CaseFilterForm
from ombud.core.dates import DanishDateField, date_parse
from ombud.stats.forms import StatsPeriodForm
from tests.helpers.personas import Personas

FORM_MODULES = [
    "ombud.cases.forms",
    "ombud.cases.forms",
    "ombud.cases.selectors",
    "ombud.cooperation.forms",
    "ombud.accounts.selectors",
    "ombud.portal.forms",
    "ombud.reports.forms",
    "ombud.stats.forms",
    "ombud.whistleblower.forms",
]


def _form_classes() -> list[type[forms.BaseForm]]:
    for name in FORM_MODULES:
        importlib.import_module(name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type[forms.BaseForm]] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("ombud."):
            found.append(cls)
    return found


def _plain_dates(fields: dict[str, forms.Field]) -> list[str]:
    return [
        name
        for name, field in fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, DanishDateField)
    ]


@pytest.mark.parametrize(
    "typed", ["27-11-2026", "27.11.2026", "27/11/2026", "2026-11-27", " 27-11-2026 "]
)
def test_it_reads_a_date_typed_by_hand(typed: str) -> None:
    field = DanishDateField(label="Dato")
    assert field.clean(typed) == dt.date(2026, 11, 27)
    assert date_parse(typed) == dt.date(2026, 11, 27)


def test_it_refuses_a_us_date_with_the_format_in_danish() -> None:
    with pytest.raises(forms.ValidationError) as error:
        DanishDateField(label="Dato").clean("11/27/2026")
    assert error.value.messages == ["Skriv datoen som dd-mm-åååå, fx 27-11-2026."]
    assert date_parse("11/27/2026") is None


def test_it_shows_the_date_as_dd_mm_yyyy_in_a_text_field_with_the_hint() -> None:
    class DateForm(forms.Form):
        when = DanishDateField(label="Hvornår?", help_text="Den første dag.")

    html = str(DateForm(initial={"when": dt.date(2026, 3, 1)})["when"])
    assert 'type="text"' in html and 'value="01-03-2026"' in html
    assert 'aria-describedby="id_when_helptext"' in html
    hint = str(DateForm().fields["when"].help_text)
    assert hint == "Skriv datoen som dd-mm-åååå, fx 27-11-2026. Den første dag."


def test_every_declared_date_field_is_a_danish_date_field() -> None:
    offenders = {
        f"{cls.__module__}.{cls.__name__}": _plain_dates(cls.base_fields)  # type: ignore[attr-defined]
        for cls in _form_classes()
        if _plain_dates(cls.base_fields)  # type: ignore[attr-defined]
    }
    assert offenders == {}
    assert isinstance(CitizenForm.base_fields["consent_date"], DanishDateField)


def test_the_filter_forms_date_fields_are_danish_date_fields(personas: Personas) -> None:
    assert _plain_dates(CaseFilterForm(None, municipality=personas.ishoj).fields) == []
    stats = StatsPeriodForm({"from": "01-01-2026", "to": "31-03-2026"}, years=[2026])
    assert _plain_dates(stats.fields) == []
    assert stats.is_valid(), stats.errors
    assert stats.cleaned_data["to"] == dt.date(2026, 3, 31)


def test_it_filters_open_counselling_by_a_period_typed_as_dd_mm_yyyy(
    personas: Personas, advisor_client: Client
) -> None:
    url = reverse("cooperation:counselling", args=["ishoj"])
    content = advisor_client.get(url, {"from": "01-02-2026", "to": "28.02.2026"}).content.decode()
    assert re.search(r'id="period-from" name="from" value="01-02-2026"', content)
    assert re.search(r'id="period-to" name="to" value="28-02-2026"', content)
    assert "Skriv datoen som dd-mm-åååå" in content
    assert 'type="date"' not in content


def test_the_public_deadline_form_tells_the_centre_how_to_write_the_date(
    personas: Personas,
) -> None:
    from ombud.portal.services import edit_link_create
    from tests.helpers import case_data

    _link, token = edit_link_create(
        actor=personas.advisor, municipality=personas.ishoj, centre=case_data.centre(personas.ishoj)
    )
    page = Client().get(reverse("portal:centre_deadlines", args=["ishoj", token])).content.decode()
    assert 'id="id_valid_from_helptext">Skriv datoen som dd-mm-åååå, fx 27-11-2026.' in page
    assert 'type="date"' not in page
