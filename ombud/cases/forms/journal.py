"""The journal form: a note, phone call, letter, e-mail, meeting or document on a case."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ombud.cases.forms.fields import select_widget
from ombud.cases.models import (
    JournalDirection,
    JournalKind,
)
from ombud.cases.services import ALLOWED_UPLOAD_TYPES


def _now_local() -> dt.datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


class JournalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=JournalKind.choices,
        initial=JournalKind.NOTE,
        widget=select_widget(),
    )
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=JournalDirection.choices,
        initial=JournalDirection.INTERNAL,
        widget=select_widget(),
    )
    occurred_at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "form-input"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    subject = forms.CharField(
        label=_("Subject"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
    )
    attachment = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, text, e-mail or image."),
        widget=forms.FileInput(
            attrs={
                "class": "form-input",
                "accept": ",".join(f".{suffix}" for suffix in sorted(ALLOWED_UPLOAD_TYPES)),
            }
        ),
    )

    def __init__(self, data: Any = None, files: Any = None) -> None:
        super().__init__(data, files, initial={"occurred_at": _now_local()})
