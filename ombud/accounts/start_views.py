from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ombud.accounts.models import Capability, Membership, User
from ombud.core.access import MunicipalityRequest, municipality_view
from ombud.core.htmx import render_page
from ombud.core.selectors import audit_event_filter


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to their municipality; ask which one when there are several."""
    user = request.user
    assert isinstance(user, User)  # login_required guarantees it
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


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
