"""Forms for the public pages and their staff side."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Municipality
from ombud.cases.forms import chosen_citizen, citizen_choices
from ombud.cases.models import Centre, Citizen, ExternalBody
from ombud.cases.selectors import CitizenMatch
from ombud.core.dates import DanishDateField
from ombud.portal.models import ContactKind, PortalTexts, ProcessingDeadline
from ombud.portal.services import ContactInput

MAX_FILES = 5
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list["UploadedFile[bytes]"]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("You can attach at most 5 files."))
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ContactForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it about?"), choices=ContactKind.choices, widget=forms.RadioSelect
    )
    centre = forms.ModelChoiceField(
        label=_("Which part of the municipality does it concern?"),
        queryset=Centre.objects.none(),
        required=False,
        empty_label=_("I don't know"),
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_("Describe briefly what happened and what you would like help with."),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Give an e-mail address or a phone number, so we can reach you."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    consent = forms.ChoiceField(
        label=_("May the citizens' advisor contact the centre about your case?"),
        help_text=_("We need your consent to discuss your case with the centre."),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("At most 5 files of up to %(mb)d MB: PDF, Word, pictures or text.")
        % {"mb": settings.OMBUD_MAX_UPLOAD_BYTES // (1024 * 1024)},
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).active()
        self.fields["kind"].error_messages["required"] = _("Choose complaint or question.")
        self.fields["what_happened"].error_messages["required"] = _("Write what happened.")
        self.fields["name"].error_messages["required"] = _("Write your name.")
        self.fields["email"].error_messages["invalid"] = _(
            "Write the e-mail address like this: navn@eksempel.dk."
        )
        self.fields["consent"].error_messages["required"] = _("Answer yes or no.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Give an e-mail address or a phone number."))
        return data

    def contact_input(self) -> ContactInput:
        d = self.cleaned_data
        return ContactInput(
            kind=d["kind"],
            centre=d["centre"],
            what_happened=d["what_happened"],
            name=d["name"],
            email=d["email"],
            phone=d["phone"],
            consent_to_contact_centre=d["consent"] == "yes",
            files=d["attachments"],
        )


class AcceptForm(forms.Form):
    citizen = forms.ChoiceField(label=_("Citizen"), widget=forms.RadioSelect, required=False)
    centre = forms.ModelChoiceField(
        label=_("Centre"), queryset=Centre.objects.none(), required=False
    )
    external_body = forms.ModelChoiceField(
        label=_("Or an outside body"), queryset=ExternalBody.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        matches: Sequence[CitizenMatch] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.matches = citizen_choices(
            self.fields["citizen"], matches, gettext("A new citizen with the contact's details")
        )
        self.fields["centre"].queryset = Centre.objects.filter(municipality=municipality).active()  # type: ignore[attr-defined]
        self.fields["external_body"].queryset = ExternalBody.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).active()

    def chosen_citizen(self) -> Citizen | None:
        """The existing citizen chosen, or None for a new one."""
        return chosen_citizen(self.matches, self.cleaned_data.get("citizen"))


class DeadlineForm(forms.ModelForm):  # type: ignore[type-arg]
    valid_from = DanishDateField(label=_("Valid from"))

    class Meta:
        model = ProcessingDeadline
        fields = [
            "title",
            "area",
            "centre",
            "deadline",
            "legal_basis",
            "source",
            "valid_from",
            "keywords",
            "is_active",
        ]

    def __init__(
        self, *args: Any, municipality: Municipality, centre: Centre | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if centre is not None:
            del self.fields["centre"]
        else:
            self.fields["centre"].queryset = Centre.objects.filter(municipality=municipality)  # type: ignore[attr-defined]


class TextsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PortalTexts
        fields = [
            "advisor_name",
            "about",
            "about_en",
            "can_help",
            "can_help_en",
            "cannot_help",
            "cannot_help_en",
            "contact",
            "contact_en",
            "privacy",
            "privacy_en",
            "phone",
            "email",
            "address",
        ]
