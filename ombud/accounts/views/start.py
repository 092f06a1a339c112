"""The start page (which municipality?) and the municipality's audit log."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ombud.accounts.access import MunicipalityRequest, municipality_view, signin_required
from ombud.accounts.models import Capability, Membership, User
from ombud.accounts.selectors import audit_event_filter
from ombud.core.htmx import render_page


@require_GET
@signin_required
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to their municipality; ask which one when there are several."""
    user = request.user
    assert isinstance(user, User)  # signin_required guarantees it
    memberships = list(
        Membership.objects.filter(user=user, is_active=True).select_related("municipality")
    )
    if len(memberships) == 1:
        return redirect("cases:inbox", slug=memberships[0].municipality.slug)
    return render(request, "core/choose_municipality.html", {"memberships": memberships})


@require_GET
@municipality_view(Capability.VIEW_AUDIT)
def audit_log(request: MunicipalityRequest) -> HttpResponse:
    page, form = audit_event_filter(request.municipality, request.GET)
    return render_page(
        request, "core/audit_log.html", {"page": page, "form": form}, partial="results"
    )
