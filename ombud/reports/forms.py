"""Forms for report drafts and the recommendations register."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Municipality
from ombud.cases.models import Centre
from ombud.core.dates import DanishDateField
from ombud.reports.models import Recommendation, RecommendationStatus, ReportKind
from ombud.stats.selectors import Period


class DraftCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ReportKind.choices, initial=ReportKind.ANNUAL)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=9999,
        required=False,
        help_text=_("A calendar year. Leave empty to give the period's dates below."),
    )
    start = DanishDateField(label=_("From"), required=False)
    end = DanishDateField(label=_("To"), required=False)
    compare = forms.BooleanField(
        label=_("Compare with the period just before"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, start, end = data.get("year"), data.get("start"), data.get("end")
        if start or end:
            if not (start and end):
                raise forms.ValidationError(_("Give both the first and the last day."))
            if start > end:
                raise forms.ValidationError(_("The period cannot end before it starts."))
            data["period"] = Period(start, end)
        elif year:
            data["period"] = Period.year(year)
        else:
            raise forms.ValidationError(_("Give a year or a period."))
        data["compare_period"] = data["period"].previous() if data.get("compare") else None
        return data


class RecommendationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Recommendation
        fields = ["text", "centre", "year_made", "addressee", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        centre = self.fields["centre"]
        centre.queryset = Centre.objects.filter(municipality=municipality)  # type: ignore[attr-defined]
        centre.empty_label = _("The whole municipality")  # type: ignore[attr-defined]
        if not self.instance.pk:
            self.fields["year_made"].initial = timezone.localdate().year


class ResponseForm(forms.Form):
    date = DanishDateField(label=_("Date"))
    text = forms.CharField(
        label=_("The administration's response"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RaiseAgainForm(forms.Form):
    year = forms.IntegerField(label=_("Year raised again"), min_value=2000, max_value=9999)


class RecommendationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *RecommendationStatus.choices],
    )
    year = forms.IntegerField(label=_("Year made"), required=False, min_value=2000, max_value=9999)


def today() -> dt.date:
    return timezone.localdate()
