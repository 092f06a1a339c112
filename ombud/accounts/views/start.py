"""The start page "I dag" (after choosing the municipality, when there are several) and the
municipality's audit log."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability, Membership, Municipality, User
from ombud.accounts.selectors import audit_event_filter, today_badge_key
from ombud.accounts.services import today_visit
from ombud.core.htmx import render_page
from ombud.core.today import TodayContext, today_panels

# How long the menu keeps the start page's number before it disappears (docs/architecture.md).
BADGE_SECONDS = 15 * 60


@dataclass(frozen=True)
class _Viewer:
    """The membership as the panels see it, with the user already loaded by the login."""

    user: Any
    municipality: Municipality
    membership: Membership

    def can(self, capability: str) -> bool:
        return self.membership.can(capability)


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
        return redirect("core:today", slug=memberships[0].municipality.slug)
    return render(request, "core/choose_municipality.html", {"memberships": memberships})


@require_GET
@municipality_view(Capability.VIEW_AUDIT)
def audit_log(request: MunicipalityRequest) -> HttpResponse:
    page, form = audit_event_filter(request.municipality, request.GET)
    return render_page(
        request, "core/audit_log.html", {"page": page, "form": form}, partial="results"
    )


@require_GET
@municipality_view(Capability.VIEW_CASES)
def today(request: MunicipalityRequest) -> HttpResponse:
    """Every app's panel for this user: what waits, what is late, what is new since last time."""
    now = timezone.now()
    membership = request.membership
    since = today_visit(membership=membership, session=request.session, now=now)
    viewer = _Viewer(user=request.user, municipality=request.municipality, membership=membership)
    context = TodayContext(viewer=viewer, today=timezone.localdate(now), now=now, since=since)
    panels = today_panels(context)
    attention = sum(panel.attention for panel in panels)
    cache.set(today_badge_key(membership.pk), attention, BADGE_SECONDS)
    page = {"panels": panels, "today_date": context.today, "nav_active": "today"}
    return render(request, "accounts/today.html", {**page, "today_attention": attention})
