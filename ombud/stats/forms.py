"""The statistics page's period picker and compare-with picker (GET parameters).

`year`, `from`, `to` choose the period (dates win over the year); `compare` is a year, `none`,
or empty for the period of the same length just before; `compare_from`/`compare_to` choose any
other period to compare with.
"""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ombud.core.dates import DanishDateField
from ombud.stats.selectors import Period

NO_COMPARISON = "none"
# Periods step back in time for comparisons; far-off dates would underflow and mean nothing.
EARLIEST_YEAR = 1900


def _date_field(label: Any) -> forms.DateField:
    return DanishDateField(label=label, required=False)


class StatsPeriodForm(forms.Form):
    def __init__(self, data: Any, *, years: list[int]) -> None:
        super().__init__(data)
        this_year = timezone.localdate().year
        self.years = sorted({*years, this_year}, reverse=True)
        self.default_year = years[0] if years else this_year
        year_choices = [(y, str(y)) for y in self.years]
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"),
            choices=year_choices,
            coerce=int,
            required=False,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["compare"] = forms.ChoiceField(
            label=_("Compare with"),
            choices=[
                ("", _("The period before")),
                (NO_COMPARISON, _("No comparison")),
                *[(str(y), str(y)) for y in self.years],
            ],
            required=False,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["from"] = _date_field(_("From"))
        self.fields["to"] = _date_field(_("To"))
        self.fields["compare_from"] = _date_field(_("Compare from"))
        self.fields["compare_to"] = _date_field(_("Compare to"))
        if not self.is_bound:
            self.initial = {"year": self.default_year}

    def _pair(self, data: dict[str, Any], first: str, last: str) -> None:
        start, end = data.get(first), data.get(last)
        for name, day in ((first, start), (last, end)):
            if day is not None and day.year < EARLIEST_YEAR:
                self.add_error(name, _("Choose a date after %(year)s.") % {"year": EARLIEST_YEAR})
                data[name] = None
        start, end = data.get(first), data.get(last)
        if (start is None) != (end is None):
            missing = last if end is None else first
            self.add_error(missing, _("Give both the first and the last day."))
        elif start and end and start > end:
            self.add_error(last, _("The last day cannot be before the first day."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._pair(data, "from", "to")
        self._pair(data, "compare_from", "compare_to")
        return data

    def periods(self) -> tuple[Period, Period | None]:
        """The chosen period and the one to compare with; the defaults where input is bad."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        current = self._range(data, "from", "to") or Period.year(
            data.get("year") or self.default_year
        )
        previous = self._range(data, "compare_from", "compare_to")
        compare = data.get("compare") or ""
        if previous is None and compare == NO_COMPARISON:
            return current, None
        if previous is None and compare.isdigit():
            previous = Period.year(int(compare))
        return current, previous or current.previous()

    @staticmethod
    def _range(data: dict[str, Any], first: str, last: str) -> Period | None:
        start: dt.date | None = data.get(first)
        end: dt.date | None = data.get(last)
        return Period(start, end) if start and end else None
