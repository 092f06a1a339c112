"""Date fields that take a date typed by hand as dd-mm-yyyy, the same in every browser.

A native `<input type="date">` follows the browser's language, not the page's: an English
browser shows mm/dd/yyyy and reads what is typed that way, so a Danish date typed by hand
goes wrong, and a hint saying "dd-mm-åååå" would contradict the field. DKFDS's date fields
are text fields with the format written as a hint (its date picker adds a calendar with
JavaScript, which Ombud does not need). So every date field is a text field showing and taking
dd-mm-yyyy, with the hint above it. It also takes dd.mm.yyyy and dd/mm/yyyy as typed, and
yyyy-mm-dd, which older links and the period filters' addresses use.
"""

import datetime as dt
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"]
DATE_HINT = _("Write the date as dd-mm-yyyy, e.g. 27-11-2026.")


class DanishDateInput(forms.DateInput):
    """A text field showing the date as dd-mm-yyyy."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"class": "form-input input-width-xs", "autocomplete": "off", "spellcheck": "false"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d-%m-%Y")


class DanishDateField(forms.DateField):
    """A date typed as dd-mm-yyyy; the hint comes first in the help text."""

    widget = DanishDateInput
    input_formats = DATE_INPUT_FORMATS

    def __init__(self, *, help_text: Any = "", **kwargs: Any) -> None:
        hint = format_lazy("{} {}", DATE_HINT, help_text) if help_text else DATE_HINT
        super().__init__(help_text=hint, **kwargs)
        self.error_messages["invalid"] = DATE_HINT


def date_parse(value: str | None) -> dt.date | None:
    """A date typed in any of the accepted forms (for hand-made filter fields), or None."""
    for fmt in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime((value or "").strip(), fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None
