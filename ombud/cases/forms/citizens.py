"""Forms for the person register. The services do the writing; these only bind input."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ombud.cases.models import Citizen
from ombud.cases.selectors.citizens import CitizenMatch
from ombud.core.dates import DanishDateField
from ombud.lib.cpr import InvalidCPRError, normalise_cpr

FORM_FIELDS = (
    "name",
    "email",
    "phone",
    "address",
    "representative_name",
    "representative_relation",
    "power_of_attorney_date",
    "consent_to_contact",
    "consent_date",
    "consent_scope",
    "notes",
)


def dkfds_style(form: forms.BaseForm) -> None:
    """Give each widget its DKFDS class; the shared field template renders `{{ field }}` as is."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-checkbox"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        elif isinstance(widget, forms.HiddenInput):
            continue
        else:
            css = "form-input"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class CitizenForm(forms.ModelForm):  # type: ignore[type-arg]
    """Create or edit a person. Bound without an instance so the edited record stays untouched
    until the service saves it (and can compare before and after for the audit log)."""

    cpr = forms.CharField(
        label=_("CPR number"),
        required=False,
        max_length=11,
        help_text=_("Optional. Ten digits, e.g. 010190-1234. It is stored encrypted."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    cpr_remove = forms.BooleanField(label=_("Remove the CPR number"), required=False)

    class Meta:
        model = Citizen
        fields = FORM_FIELDS
        field_classes = {
            "power_of_attorney_date": DanishDateField,
            "consent_date": DanishDateField,
        }
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "address": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, has_cpr: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_cpr:
            self.fields["cpr"].help_text = _(
                "Leave empty to keep the current number; enter a new one to replace it."
            )
        else:
            del self.fields["cpr_remove"]
        dkfds_style(self)

    def clean_cpr(self) -> str:
        raw: str = self.cleaned_data["cpr"].strip()
        if raw:
            try:
                normalise_cpr(raw)
            except InvalidCPRError:
                raise forms.ValidationError(
                    _("Enter the CPR number as ten digits, e.g. 010190-1234.")
                ) from None
        return raw

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("cpr") and data.get("cpr_remove"):
            self.add_error("cpr_remove", _("Either enter a new CPR number or remove it, not both."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        """Keyword arguments for citizen_create/citizen_update. `cpr=None` keeps the number."""
        data = self.cleaned_data
        arguments = {name: data[name] for name in FORM_FIELDS}
        if data.get("cpr_remove"):
            arguments["cpr"] = ""
        else:
            arguments["cpr"] = data["cpr"] or None
        return arguments


def citizen_initial(citizen: Citizen) -> dict[str, Any]:
    return {name: getattr(citizen, name) for name in FORM_FIELDS}


class MergeConfirmForm(forms.Form):
    other = forms.UUIDField(widget=forms.HiddenInput)


# Choosing between a known citizen and a new one, when a contact or a walk-in becomes a case.

NEW_CITIZEN = "new"
MATCH_REASONS = {"email": _("same e-mail"), "phone": _("same phone"), "name": _("same name")}


def match_label(match: CitizenMatch) -> str:
    """One line per possible match; CPR only as the stored mask (the full number needs the
    audited reveal on the citizen's page)."""
    citizen = match.citizen
    cases = getattr(citizen, "case_count", 0)
    parts = [
        str(citizen),
        citizen.email,
        citizen.phone,
        citizen.cpr_masked,
        ngettext("%(n)d case", "%(n)d cases", cases) % {"n": cases},
    ]
    reasons = ", ".join(str(MATCH_REASONS[r]) for r in match.reasons)
    return " · ".join(p for p in parts if p) + f" ({reasons})"


def citizen_choices(
    field: forms.Field, matches: Sequence[CitizenMatch], new_label: str
) -> dict[str, Citizen]:
    """Fill a radio field with the possible matches and "a new citizen"; returns the matches by
    the value each radio sends.

    With no match a new citizen is the only sensible choice; with matches the advisor must
    decide, so a hurried click cannot put a case on the wrong person.
    """
    field.choices = [  # type: ignore[attr-defined]
        *((str(m.citizen.public_id), match_label(m)) for m in matches),
        (NEW_CITIZEN, new_label),
    ]
    field.required = bool(matches)
    field.initial = None if matches else NEW_CITIZEN
    field.error_messages["required"] = _("Choose an existing citizen or a new one.")
    return {str(m.citizen.public_id): m.citizen for m in matches}


def chosen_citizen(matches: dict[str, Citizen], value: str | None) -> Citizen | None:
    """The existing citizen chosen, or None for a new one."""
    return matches.get(value or NEW_CITIZEN)
