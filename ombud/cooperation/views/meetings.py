"""The meetings log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.cooperation import selectors, services
from ombud.cooperation.forms import MeetingForm
from ombud.cooperation.views.common import EDIT, VIEW, page_context


@municipality_view(get=VIEW, post=EDIT)
def meetings(request: MunicipalityRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_create(
                actor=request.user, municipality=request.municipality, meeting=form.instance
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting has been logged."))
            return redirect("cooperation:meetings", request.municipality.slug)
    year = _int(request.GET.get("year"))
    context = page_context(
        request, form=form, meetings=selectors.meeting_list(request.municipality, year), year=year
    )
    return render(request, "cooperation/meetings.html", context)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) == 4 else None
