"""Retention: the advisor approves the cases offered for archiving and anonymisation."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.records.selectors import records_settings_get, retention_pending, retention_recent
from ombud.records.services import retention_approve

HANDLE = Capability.HANDLE_DATA_REQUESTS


@require_GET
@municipality_view(HANDLE)
def retention_list(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    context = {
        "nav_active": "data_requests",
        "slug": municipality.slug,
        "pending": retention_pending(municipality),
        "recent": retention_recent(municipality),
        "years": records_settings_get(municipality).retention_years,
    }
    return render(request, "records/retention.html", context)


@require_POST
@municipality_view(HANDLE)
def retention_approve_view(request: MunicipalityRequest) -> HttpResponse:
    chosen = [value for value in request.POST.getlist("proposal") if value.isdigit()]
    if not chosen:
        messages.error(request, _("Choose the cases to approve."))
        return redirect("records:retention", request.municipality.slug)
    pending = retention_pending(request.municipality).filter(pk__in=chosen)
    count = retention_approve(
        actor=request.user, municipality=request.municipality, proposals=pending
    )
    messages.success(
        request,
        ngettext(
            "%(count)d case approved. It is archived and anonymised at the next run.",
            "%(count)d cases approved. They are archived and anonymised at the next run.",
            count,
        )
        % {"count": count},
    )
    return redirect("records:retention", request.municipality.slug)
