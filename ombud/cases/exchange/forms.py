from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Municipality
from ombud.cases.models import Case


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Case register file"),
        help_text=_(
            "A CSV file (comma or semicolon separated, UTF-8) or an Excel file (.xlsx) with one "
            "row per case and the column names in the first row."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx", "class": "form-input"}),
    )
    create_missing = forms.BooleanField(
        label=_("Add labels that are not in the lists yet"),
        help_text=_(
            "Unknown centres, outside bodies, themes and other labels are added to the "
            "municipality's lists instead of being reported as problems."
        ),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )


class ExportForm(forms.Form):
    FORMATS = [("csv", "CSV"), ("xlsx", "Excel (.xlsx)")]
    LANGUAGES = [("da", _("Danish column names")), ("en", _("English column names"))]

    format = forms.ChoiceField(
        label=_("Format"), choices=FORMATS, widget=forms.Select(attrs={"class": "form-select"})
    )
    year = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    language = forms.ChoiceField(
        label=_("Column names"),
        choices=LANGUAGES,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = (
            Case.objects.filter(municipality=municipality)
            .order_by("-opened_on__year")
            .values_list("opened_on__year", flat=True)
            .distinct()
        )
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("All years")), *((y, str(y)) for y in years)]
