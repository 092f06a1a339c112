"""The handlers' forms for working on a report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ombud.core.dates import DanishDateField
from ombud.whistleblower.forms.report import ReportForm, text_field
from ombud.whistleblower.models import (
    CORE_QUESTION,
    Category,
    Channel,
    Department,
    Handler,
    LegalGround,
    Outcome,
    PersonRole,
    Report,
    Scope,
)


class UnlockForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ApprovalForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown to the designated person"),
        max_length=20,
        help_text=_(
            "Ask the person, in person or by phone, to read the 8-character code on their page."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


DEFAULT_ACKNOWLEDGEMENT = _(
    "Thank you for your report. We confirm that we have received it. We will look into it and "
    "give you feedback no later than 3 months from today. Please check this inbox for questions."
)


class AcknowledgeForm(forms.Form):
    prefix = "ack"

    message = text_field(_("Acknowledgement to the reporter"), rows=4, required=True)


class ScreenForm(forms.Form):
    prefix = "screen"

    scope = forms.ChoiceField(label=_("Screening result"), choices=Scope.choices)
    reason = text_field(_("Reason"), required=True)
    guidance = text_field(
        _("Guidance to the reporter (if outside the scheme)"),
        _("Where the reporter can turn instead. Sent to the reporter when the report is closed."),
    )


class MessageForm(forms.Form):
    prefix = "msg"

    body = text_field(_("Message to the reporter"), required=True, rows=5)
    is_feedback = forms.BooleanField(
        label=_("This message is the statutory feedback"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )


class NoteForm(forms.Form):
    prefix = "note"

    body = text_field(_("Internal note (never shown to the reporter)"), required=True)


class ForwardForm(forms.Form):
    prefix = "fwd"

    investigator = forms.ModelChoiceField(
        label=_("Investigator"), queryset=Handler.objects.none(), empty_label=None
    )
    note = text_field(_("Note"))

    def __init__(self, *args: Any, investigators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["investigator"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = investigators


class InformForm(forms.Form):
    prefix = "inform"

    who = forms.CharField(
        label=_("Who was informed, and of what"),
        max_length=1000,
        help_text=_("For example: the finance committee was informed of the investigation."),
    )


class CloseForm(forms.Form):
    prefix = "close"

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    message = text_field(_("Final message to the reporter"), rows=4)


class OralReportForm(ReportForm):
    """The handler's record of a telephone or meeting report; `what` holds the minutes."""

    channel = forms.ChoiceField(
        label=_("How was the report made?"),
        choices=[(c.value, c.label) for c in (Channel.PHONE, Channel.MEETING, Channel.LETTER)],
    )
    recording_consent = forms.BooleanField(
        label=_("The reporter consented to a recording"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if CORE_QUESTION not in self.fields:
            return
        self.fields[CORE_QUESTION].label = _("Minutes or transcript")
        self.fields[CORE_QUESTION].help_text = _(
            "Accurate minutes, or a complete transcript of a recording. The reporter reviews and "
            "approves them in the inbox with the receipt code."
        )


class DisclosureForm(forms.Form):
    prefix = "disc"

    legal_ground = forms.ChoiceField(label=_("Legal ground"), choices=LegalGround.choices)
    recipient = forms.CharField(label=_("Recipient (authority or person)"), max_length=500)
    reason = text_field(_("Reasons given to the reporter"), required=True)
    reporter_told_on = DanishDateField(label=_("Date the reporter was told"))


class ProceedingsForm(forms.Form):
    """Confirms that disciplinary or legal proceedings have ended (no fields)."""


class PersonForm(forms.Form):
    prefix = "person"

    role = forms.ChoiceField(label=_("Role in the matter"), choices=PersonRole.choices)
    name = forms.CharField(label=_("Name or description"), max_length=300)
    note = text_field(_("Note"), rows=2)


class MeetingProposalForm(forms.Form):
    prefix = "propose"

    date = DanishDateField(label=_("Date"))
    time = forms.TimeField(
        label=_("Time"),
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=300,
        help_text=_("Choose a discreet place where the reporter is not seen by colleagues."),
    )


class MeetingForm(forms.Form):
    prefix = "meeting"

    held_on = DanishDateField(label=_("Date of the meeting"))
    minutes = text_field(
        _("Minutes"),
        _("Sent to the reporter's inbox so they can check, correct and approve them."),
        required=True,
        rows=6,
    )


class ClassifyForm(forms.Form):
    """The handler sets or corrects the category and department during screening or later."""

    prefix = "classify"

    category = forms.ChoiceField(label=_("Category"))
    department = forms.ChoiceField(label=_("Department"), required=False)

    def __init__(
        self,
        *args: Any,
        report: Report,
        categories: list[Category],
        departments: list[Department],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"category": report.category, "department": report.department})
        super().__init__(*args, **kwargs)
        # Active entries, plus the report's own even if retired (so saving changes nothing).
        cats = [
            (c.key, c.display_label) for c in categories if c.is_active or c.key == report.category
        ]
        deps = [
            (d.key, d.display_label)
            for d in departments
            if d.is_active or d.key == report.department
        ]
        category = self.fields["category"]
        department = self.fields["department"]
        assert isinstance(category, forms.ChoiceField)
        assert isinstance(department, forms.ChoiceField)
        category.choices = cats
        department.choices = [("", _("Not stated")), *deps]
