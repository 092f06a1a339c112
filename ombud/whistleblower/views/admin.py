"""Administrators designate handlers. Designating gives no access to reports by itself: the
handler creates a key pair at first unlock, and existing reports are shared with them by another
handler's unlock or by the recovery procedure."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability, User
from ombud.whistleblower import services
from ombud.whistleblower.forms import DesignateForm, SchemeForm
from ombud.whistleblower.models import Handler, Scheme


def _members(request: MunicipalityRequest) -> object:
    return User.objects.filter(
        memberships__municipality=request.municipality, memberships__is_active=True
    ).order_by("full_name", "username")


@municipality_view(get=Capability.MANAGE_USERS, post=Capability.MANAGE_USERS)
def handlers(request: MunicipalityRequest) -> HttpResponse:
    form = DesignateForm(request.POST or None, users=_members(request))
    if request.method == "POST" and form.is_valid():
        services.handler_designate(
            actor=request.user,
            municipality=request.municipality,
            user=form.cleaned_data["user"],
            role=form.cleaned_data["role"],
        )
        messages.success(request, _("The person is designated."))
        return redirect("whistleblower:handlers", request.municipality.slug)
    rows = Handler.objects.filter(municipality=request.municipality).select_related("user")
    context = {"form": form, "handlers": rows, "nav_active": "members"}
    return render(request, "whistleblower/admin/handlers.html", context)


@municipality_view(post=Capability.MANAGE_USERS)
def handler_change(request: MunicipalityRequest, handler_id: int, change: str) -> HttpResponse:
    handler = Handler.objects.filter(municipality=request.municipality, pk=handler_id).first()
    if handler is None or change not in ("revoke", "reset"):
        raise Http404
    if change == "revoke":
        services.handler_revoke(actor=request.user, handler=handler)
    else:
        services.handler_reset_keys(actor=request.user, handler=handler)
    messages.success(request, _("Saved."))
    return redirect("whistleblower:handlers", request.municipality.slug)


@municipality_view(get=Capability.MANAGE_USERS, post=Capability.MANAGE_USERS)
def scheme_settings(request: MunicipalityRequest) -> HttpResponse:
    """Administrators edit the public texts and settings too, without access to any report."""
    scheme = Scheme.objects.filter(municipality=request.municipality).first()
    if scheme is None:
        raise Http404
    form = SchemeForm(request.POST or None, instance=scheme)
    if request.method == "POST" and form.is_valid():
        services.scheme_update(actor=request.user, scheme=scheme, values=form.cleaned_data)
        messages.success(request, _("The texts and settings are saved."))
        return redirect("whistleblower:scheme_settings", request.municipality.slug)
    context = {"form": form, "nav_active": "members"}
    return render(request, "whistleblower/admin/scheme.html", context)
