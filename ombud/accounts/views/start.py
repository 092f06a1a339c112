"""The start page (which municipality?) and the municipality's audit log."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ombud.accounts.access import MunicipalityRequest, municipality_view, staff_view
from ombud.accounts.models import Capability, Membership, User
from ombud.accounts.selectors import audit_event_filter
from ombud.core.htmx import render_page


@staff_view(get=True)
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to their municipality; ask which one when there are several."""
    user = request.user
    assert isinstance(user, User)  # staff_view guarantees it
    memberships = list(
        Membership.objects.filter(user=user, is_active=True).select_related("municipality")
    )
    if len(memberships) == 1:
        return redirect("cases:inbox", slug=memberships[0].municipality.slug)
    return render(request, "core/choose_municipality.html", {"memberships": memberships})


@municipality_view(get=Capability.VIEW_AUDIT)
def audit_log(request: MunicipalityRequest) -> HttpResponse:
    page, form = audit_event_filter(request.municipality, request.GET)
    return render_page(
        request, "core/audit_log.html", {"page": page, "form": form}, partial="results"
    )
