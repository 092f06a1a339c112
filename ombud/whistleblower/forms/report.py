"""Forms for the public pages and the handlers' pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ombud.core.dates import DanishDateField
from ombud.whistleblower.models import (
    CORE_QUESTION,
    DEPARTMENT_QUESTION,
    Category,
    Channel,
    Department,
    Handler,
    HandlerRole,
    LegalGround,
    Outcome,
    PersonRole,
    Question,
    QuestionKind,
    Report,
    ReporterCategory,
    Scheme,
    Scope,
)
from ombud.whistleblower.services import (
    Answer,
    ListValues,
    QuestionValues,
    ReportInput,
    Upload,
)

MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("You can attach at most 10 files at a time."))
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for upload in cleaned:
            if upload.size and upload.size > settings.OMBUD_MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("A file is too large."))
        return cleaned


def uploads_from(files: list[UploadedFile[bytes]]) -> list[Upload]:
    return [Upload(name=f.name or "file", content=f.read()) for f in files]


def _text(label: Any, help_text: Any = "", *, required: bool = False, rows: int = 3) -> Any:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


ATTACHMENT_HELP = _(
    "Files can contain hidden information about you, such as the author's name in a document or "
    "the place and camera in a photo. Remove such details, or take a screenshot instead, before "
    "you upload."
)


def question_field(question: Question, departments: list[Department] | None = None) -> forms.Field:
    """The form field for one configured question."""
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
    }
    if question.kind == QuestionKind.SHORT:
        return forms.CharField(max_length=1000, **common)
    if question.kind == QuestionKind.DATE:
        return DanishDateField(**common)
    if question.key == DEPARTMENT_QUESTION:
        offered: list[tuple[str, Any]] = [("", _("Do not know, or do not want to say"))]
        offered += [(d.key, d.display_label) for d in departments or []]
        return forms.ChoiceField(choices=offered, **common)
    if question.kind == QuestionKind.CHOICE:
        choices = [("", "---------"), *((o, o) for o in question.option_list)]
        return forms.ChoiceField(choices=choices, **common)
    rows = 8 if question.key == CORE_QUESTION else 3
    return forms.CharField(max_length=20000, widget=forms.Textarea(attrs={"rows": rows}), **common)


def _answer_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value or "")


class ReportForm(forms.Form):
    """Who reports and about what, then the municipality's questions (`questions`, in order)."""

    reporter_category = forms.ChoiceField(label=_("Your connection to the municipality"))
    category = forms.ChoiceField(label=_("What is the report about?"))
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, help_text=ATTACHMENT_HELP
    )
    is_anonymous = forms.TypedChoiceField(
        label=_("Do you want to be anonymous?"),
        choices=[
            ("1", _("Anonymous: I do not give my name")),
            ("0", _("Confidential: I give my name, which only the handlers can see")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        initial="1",
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact = forms.CharField(label=_("E-mail or phone number"), max_length=200, required=False)

    def __init__(
        self,
        *args: Any,
        scheme: Scheme,
        questions: list[Question],
        categories: list[Category],
        departments: list[Department] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        departments = departments or []
        # The department question is asked only when the scheme has departments to offer.
        self.questions = [
            q
            for q in questions
            if q.key not in self.fields and (q.key != DEPARTMENT_QUESTION or departments)
        ]
        for question in self.questions:
            self.fields[question.key] = question_field(question, departments)
        labels = dict(ReporterCategory.choices)
        field = self.fields["reporter_category"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(c, labels[c]) for c in scheme.open_to if c in labels]
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = [(c.key, c.display_label) for c in categories]
        if not scheme.allow_anonymous:
            self.fields["is_anonymous"].initial = "0"
            anon = self.fields["is_anonymous"]
            assert isinstance(anon, forms.ChoiceField)
            anon.choices = [
                ("0", _("Confidential: I give my name, which only the handlers can see"))
            ]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[q.key] for q in self.questions]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_anonymous") is False and not data.get("name"):
            self.add_error("name", _("Give your name, or choose to be anonymous."))
        return data

    def _label(self, question: Question) -> str:
        """The label as the form showed it (an oral report's core question says "minutes")."""
        return str(self.fields[question.key].label or question.label)

    def report_input(self) -> ReportInput:
        d = self.cleaned_data
        anonymous = bool(d["is_anonymous"])
        answers = tuple(
            Answer(key=q.key, label=self._label(q), value=_answer_text(d.get(q.key)), kind=q.kind)
            for q in self.questions
            if q.key != DEPARTMENT_QUESTION  # stored in the clear on the report instead
        )
        return ReportInput(
            category=d["category"],
            department=d.get(DEPARTMENT_QUESTION) or "",
            reporter_category=d["reporter_category"],
            answers=answers,
            is_anonymous=anonymous,
            name="" if anonymous else d["name"],
            contact="" if anonymous else d["contact"],
        )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        help_text=_("The 16 digits you were given when you reported. Spaces do not matter."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ReporterMessageForm(forms.Form):
    body = _text(_("Your message"), rows=5)
    attachments = MultipleFileField(
        label=_("Attachments (optional)"), required=False, help_text=ATTACHMENT_HELP
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("body") or "").strip() and not data.get("attachments"):
            raise forms.ValidationError(_("Write a message or attach a file."))
        return data


class UnlockForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


DEFAULT_ACKNOWLEDGEMENT = _(
    "Thank you for your report. We confirm that we have received it. We will look into it and "
    "give you feedback no later than 3 months from today. Please check this inbox for questions."
)


class AcknowledgeForm(forms.Form):
    prefix = "ack"

    message = _text(_("Acknowledgement to the reporter"), rows=4, required=True)


class ScreenForm(forms.Form):
    prefix = "screen"

    scope = forms.ChoiceField(label=_("Screening result"), choices=Scope.choices)
    reason = _text(_("Reason"), required=True)
    guidance = _text(
        _("Guidance to the reporter (if outside the scheme)"),
        _("Where the reporter can turn instead. Sent to the reporter when the report is closed."),
    )


class MessageForm(forms.Form):
    prefix = "msg"

    body = _text(_("Message to the reporter"), required=True, rows=5)
    is_feedback = forms.BooleanField(
        label=_("This message is the statutory feedback"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )


class NoteForm(forms.Form):
    prefix = "note"

    body = _text(_("Internal note (never shown to the reporter)"), required=True)


class ForwardForm(forms.Form):
    prefix = "fwd"

    investigator = forms.ModelChoiceField(
        label=_("Investigator"), queryset=Handler.objects.none(), empty_label=None
    )
    note = _text(_("Note"))

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
    message = _text(_("Final message to the reporter"), rows=4)


class SchemeForm(forms.ModelForm):  # type: ignore[type-arg]
    open_to = forms.MultipleChoiceField(
        label=_("Who may report"),
        choices=ReporterCategory.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )

    class Meta:
        model = Scheme
        fields = [
            "is_open",
            "allow_anonymous",
            "open_to",
            "deadlines_for_all",
            "intro_text",
            "intro_text_en",
            "scope_text",
            "scope_text_en",
            "handling_text",
            "handling_text_en",
            "internal_text",
            "internal_text_en",
            "privacy_text",
            "privacy_text_en",
            "out_of_scope_retention_days",
            "closed_retention_days",
        ]
        widgets = {
            name: forms.CheckboxInput(attrs={"class": "form-checkbox"})
            for name in ("is_open", "allow_anonymous", "deadlines_for_all")
        }


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
    reason = _text(_("Reasons given to the reporter"), required=True)
    reporter_told_on = DanishDateField(label=_("Date the reporter was told"))


class DesignateForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=Handler.objects.none())
    role = forms.ChoiceField(label=_("Role in the scheme"), choices=HandlerRole.choices)

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users


class ProceedingsForm(forms.Form):
    """Confirms that disciplinary or legal proceedings have ended (no fields)."""


class PersonForm(forms.Form):
    prefix = "person"

    role = forms.ChoiceField(label=_("Role in the matter"), choices=PersonRole.choices)
    name = forms.CharField(label=_("Name or description"), max_length=300)
    note = _text(_("Note"), rows=2)


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
    minutes = _text(
        _("Minutes"),
        _("Sent to the reporter's inbox so they can check, correct and approve them."),
        required=True,
        rows=6,
    )


class QuestionForm(forms.ModelForm):  # type: ignore[type-arg]
    """One row of the questionnaire editor. The core question cannot be hidden or retyped."""

    class Meta:
        model = Question
        fields = ["label", "help_text", "kind", "options", "required", "order", "is_active"]
        widgets = {
            "help_text": forms.Textarea(attrs={"rows": 2}),
            "options": forms.Textarea(attrs={"rows": 3}),
            "required": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
            "is_active": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        if self.instance.pk and self.instance.key == DEPARTMENT_QUESTION:
            kind.disabled = True
            self.fields["options"].disabled = True
            self.fields["options"].help_text = _(
                "The options are the scheme's departments. The question is shown only when "
                "the scheme has at least one department."
            )
        else:
            kind.choices = [c for c in QuestionKind.choices if c[0] != QuestionKind.DEPARTMENT]
        if self.instance.pk and self.instance.key == CORE_QUESTION:
            for name in ("kind", "required", "is_active"):
                self.fields[name].disabled = True

    def values(self) -> QuestionValues:
        d = self.cleaned_data
        return QuestionValues(
            label=d["label"],
            help_text=d["help_text"],
            kind=d["kind"],
            options=d["options"],
            required=d["required"],
            order=d["order"] or 0,
            is_active=d["is_active"],
        )


QuestionFormSet = forms.modelformset_factory(Question, form=QuestionForm, extra=1)


class ListItemForm(forms.ModelForm):  # type: ignore[type-arg]
    """One row of the category or department editor: rename, reorder, retire; or add."""

    class Meta:
        model = Department
        fields = ["label", "order", "is_active"]
        widgets = {"is_active": forms.CheckboxInput(attrs={"class": "form-checkbox"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["label"].required = False
        if isinstance(self.instance, Category) and self.instance.pk and not self.instance.label:
            # A built-in category shows its standard text until it is renamed.
            self.fields["label"].widget.attrs["placeholder"] = self.instance.display_label
            self.fields["label"].help_text = _("Leave blank to keep the standard text.")

    def values(self) -> ListValues:
        d = self.cleaned_data
        return ListValues(label=d["label"], order=d["order"] or 0, is_active=d["is_active"])


CategoryFormSet = forms.modelformset_factory(Category, form=ListItemForm, extra=1)
DepartmentFormSet = forms.modelformset_factory(Department, form=ListItemForm, extra=1)


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


class EscalationForm(forms.Form):
    users = forms.ModelMultipleChoiceField(
        label=_("Members of staff"),
        queryset=Handler.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text=_("The notice goes to the e-mail address of their account."),
    )
    emails = forms.CharField(
        label=_("Other e-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line, for example a shared mailbox of the director's office."),
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["users"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = users

    def clean_emails(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["emails"].splitlines()]
        emails = [line for line in lines if line]
        validator = forms.EmailField()
        for email in emails:
            try:
                validator.clean(email)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("%(email)s is not a valid e-mail address."), params={"email": email}
                ) from error
        return emails
