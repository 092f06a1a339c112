from django import forms
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Municipality
from ombud.records.models import RecordsSettings


class SettingsForm(forms.Form):
    retention_years = forms.IntegerField(
        label=RecordsSettings._meta.get_field("retention_years").verbose_name,
        help_text=RecordsSettings._meta.get_field("retention_years").help_text,
        min_value=1,
        max_value=50,
        error_messages={
            "required": _("Write the number of years."),
            "invalid": _("Write a whole number of years, for example 5."),
            "min_value": _("Keep closed cases for at least 1 year."),
            "max_value": _("Write at most 50 years."),
        },
    )
    accessibility_url = forms.URLField(
        label=Municipality._meta.get_field("accessibility_statement_url").verbose_name,
        help_text=Municipality._meta.get_field("accessibility_statement_url").help_text,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Write the whole address, starting with https://.")},
    )
