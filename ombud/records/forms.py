from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Municipality
from ombud.cases.models import Case, Citizen
from ombud.core.dates import DanishDateField
from ombud.records.models import RecordsSettings, RequestKind, RequestOutcome
from ombud.records.services import Decision


def _label(model: Any, name: str) -> Any:
    return model._meta.get_field(name).verbose_name


class SettingsForm(forms.Form):
    retention_years = forms.IntegerField(
        label=_label(RecordsSettings, "retention_years"),
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
        label=_label(Municipality, "accessibility_statement_url"),
        help_text=Municipality._meta.get_field("accessibility_statement_url").help_text,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Write the whole address, starting with https://.")},
    )
    extract_staff_names = forms.BooleanField(
        label=_label(RecordsSettings, "extract_staff_names"),
        help_text=RecordsSettings._meta.get_field("extract_staff_names").help_text,
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )


class RegisterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The right asked for"),
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the right the citizen asks for.")},
    )
    received_on = DanishDateField(label=_("Received"))
    description = forms.CharField(
        label=_("What the citizen asks for"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Extend by"),
        choices=[(1, _("1 month")), (2, _("2 months"))],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Extend by one or two months.")},
    )
    reason = forms.CharField(
        label=_("Why more time is needed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why more time is needed.")},
    )
    letter = forms.CharField(
        label=_("Letter to the citizen"),
        help_text=_("Send it to the citizen within the first month; it is kept with the request."),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the letter to the citizen.")},
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=RequestOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision.")},
    )
    ground = forms.CharField(
        label=_("Ground"),
        required=False,
        max_length=5000,
        help_text=_(
            "Needed when the request is refused in whole or in part. An erasure is normally "
            "refused under GDPR art. 17(3)(b): the duty to keep a journal (offentlighedsloven "
            "§ 15) and the archive rules require the case to be kept."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    correction = forms.CharField(
        label=_("Correction note"),
        required=False,
        max_length=5000,
        help_text=_("Rectification: what is wrong and what is right. It is added to the journal."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    case = forms.ModelChoiceField(
        label=_("Case"), queryset=Case.objects.none(), required=False, to_field_name="reference"
    )

    def __init__(self, *args: Any, citizen: Citizen, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == RequestKind.RECTIFICATION:
            self.fields["case"].queryset = Case.objects.filter(citizen=citizen)  # type: ignore[attr-defined]
        else:
            del self.fields["correction"], self.fields["case"]

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(
            outcome=data["outcome"],
            ground=data["ground"],
            correction=data.get("correction", ""),
            case=data.get("case"),
        )
