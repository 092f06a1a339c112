"""Forms for the cooperation pages."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Municipality
from ombud.cases.forms import chosen_citizen, citizen_choices
from ombud.cases.models import CaseKind, Centre, Citizen, ExternalBody
from ombud.cases.selectors import CitizenMatch
from ombud.cooperation.models import (
    CooperationSettings,
    CounsellingClosure,
    CounsellingSchedule,
    Meeting,
    RequestMethod,
)
from ombud.cooperation.services import RequestInput
from ombud.core.dates import DanishDateField
from ombud.core.public_text import ENGLISH_HELP

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


def _date(label: Any) -> forms.DateField:
    return DanishDateField(label=label)


def _time(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )


class RecipientMixin(forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Centre"), queryset=Centre.objects.none(), required=False
    )
    external_body = forms.ModelChoiceField(
        label=_("Or an outside body"), queryset=ExternalBody.objects.none(), required=False
    )

    def limit(self, municipality: Municipality) -> None:
        self.fields["centre"].queryset = Centre.objects.filter(municipality=municipality).active()  # type: ignore[attr-defined]
        self.fields["external_body"].queryset = ExternalBody.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).active()


class RequestForm(RecipientMixin):
    method = forms.ChoiceField(
        label=_("How"), choices=RequestMethod.choices, widget=forms.RadioSelect
    )
    recipient_name = forms.CharField(label=_("Recipient's name"), max_length=200, required=False)
    recipient_email = forms.EmailField(
        label=_("Recipient's e-mail"),
        required=False,
        help_text=_("Left blank, the centre chief's e-mail is used."),
    )
    question = forms.CharField(
        label=_("Question"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown to the recipient behind the link, never in the e-mail itself."),
    )
    reply_text = forms.CharField(
        label=_("Reply received in the same talk (phone only)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit(municipality)

    def request_input(self) -> RequestInput:
        data = self.cleaned_data
        email = data["recipient_email"]
        centre = data["centre"]
        if not email and centre is not None and data["method"] == RequestMethod.EMAIL:
            email = centre.chief_email
        return RequestInput(
            centre=centre,
            external_body=data["external_body"],
            method=data["method"],
            recipient_name=data["recipient_name"] or (centre.chief_name if centre else ""),
            recipient_email=email,
            question=data["question"],
            reply_text=data["reply_text"],
        )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    replied_by = forms.CharField(label=_("Your name and position"), max_length=200, required=False)


class RecordReplyForm(ReplyForm):
    pass


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    held_on = _date(_("Date"))

    class Meta:
        model = Meeting
        fields = ["held_on", "kind", "centre", "participants", "topics", "follow_ups"]
        widgets = {
            "participants": forms.Textarea(attrs={"rows": 2}),
            "topics": forms.Textarea(attrs={"rows": 4}),
            "follow_ups": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.filter(municipality=municipality)  # type: ignore[attr-defined]


class ScheduleForm(forms.ModelForm):  # type: ignore[type-arg]
    starts_at = _time(_("From"))
    ends_at = _time(_("To"))

    class Meta:
        model = CounsellingSchedule
        fields = ["weekday", "starts_at", "ends_at", "place"]


class ClosureForm(forms.ModelForm):  # type: ignore[type-arg]
    starts_on = _date(_("From"))
    ends_on = _date(_("To and including"))

    class Meta:
        model = CounsellingClosure
        fields = ["starts_on", "ends_on", "reason"]


class WalkInForm(forms.Form):
    # Walk-ins are noted one after another: after each one the page reloads with the cursor
    # back in this field, so the keyboard user need not tab through the menus again.
    label = forms.CharField(
        label=_("Name or description (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autofocus": True}),
    )


class WalkInCaseForm(RecipientMixin):
    kind = forms.ChoiceField(label=_("Type"), choices=CaseKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Citizen's name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    # Offered only once the name, e-mail or phone matches citizens already registered.
    citizen = forms.ChoiceField(label=_("Citizen"), widget=forms.RadioSelect, required=False)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        matches: Sequence[CitizenMatch] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.limit(municipality)
        self.matches = citizen_choices(
            self.fields["citizen"], matches, gettext("A new citizen with these details")
        )
        if not matches:
            del self.fields["citizen"]

    def person(self) -> dict[str, str]:
        """What the advisor typed about the person, as citizen fields."""
        return {k: self.cleaned_data[k] for k in ("name", "email", "phone")}

    def chosen_citizen(self) -> Citizen | None:
        return chosen_citizen(self.matches, self.cleaned_data.get("citizen"))


class BookForm(forms.Form):
    meeting_at = forms.DateTimeField(
        label=_("Meeting time"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=300)
    minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=480)


class PauseForm(forms.Form):
    starts_on = _date(_("Paused from"))
    reopens_on = _date(_("Reopens on"))
    reason = forms.CharField(label=_("Reason (shown publicly)"), max_length=300, required=False)
    reason_en = forms.CharField(
        label=_("Reason in English"), max_length=300, required=False, help_text=ENGLISH_HELP
    )
    counselling_continues = forms.BooleanField(
        label=_("Open counselling continues during the pause"), required=False, initial=True
    )


class SettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CooperationSettings
        fields = [
            "reply_deadline_days",
            "remind_before_days",
            "remind_after_days",
            "link_valid_days",
            "chief_notice_mode",
            "closed_constitution_day",
            "closed_christmas_eve",
            "closed_new_years_eve",
            "capacity_threshold",
            "long_open_days",
        ]
