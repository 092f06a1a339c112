"""The public reporting forms: the report (built from the scheme's questionnaire), the
receipt, the reporter's messages."""

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
    Department,
    Question,
    QuestionKind,
    ReporterCategory,
    Scheme,
)
from ombud.whistleblower.services import (
    Answer,
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


def strip_field() -> forms.BooleanField:
    """On by default: remove hidden information from attached files (lib/file_metadata.py)."""
    return forms.BooleanField(
        label=_("Remove hidden information (metadata) from my files before they are sent"),
        help_text=_(
            "For example the position where a photo was taken, or the author of a document. "
            "You are told afterwards what was removed and what was not."
        ),
        required=False,
        initial=True,
    )


def uploads_from(files: list[UploadedFile[bytes]]) -> list[Upload]:
    return [Upload(name=f.name or "file", content=f.read()) for f in files]


def text_field(label: Any, help_text: Any = "", *, required: bool = False, rows: int = 3) -> Any:
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
    strip_metadata = strip_field()
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
    body = text_field(_("Your message"), rows=5)
    attachments = MultipleFileField(
        label=_("Attachments (optional)"), required=False, help_text=ATTACHMENT_HELP
    )
    strip_metadata = strip_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("body") or "").strip() and not data.get("attachments"):
            raise forms.ValidationError(_("Write a message or attach a file."))
        return data
