"""Editors for the scheme's categories and departments (designated handlers inside the
whistleblower pages, and administrators without access to reports, like the questionnaire), and
the escalation recipients (administrators only: the people the handlers are escalated to should
not be chosen by the handlers themselves)."""

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability, Municipality, User
from ombud.whistleblower import services
from ombud.whistleblower.forms import CategoryFormSet, DepartmentFormSet, EscalationForm
from ombud.whistleblower.models import Category, Department, EscalationRecipient, HandlerRole
from ombud.whistleblower.views.access import HandlerRequest, handler_view

KINDS: dict[str, tuple[Any, Any, Callable[..., Any]]] = {
    "categories": (Category, CategoryFormSet, services.categories_update),
    "departments": (Department, DepartmentFormSet, services.departments_update),
}


def _edit(
    request: HttpRequest, *, kind: str, actor: User, municipality: Municipality, admin: bool
) -> HttpResponse:
    model, formset_class, update = KINDS[kind]
    formset = formset_class(
        request.POST or None, queryset=model.objects.filter(municipality=municipality)
    )
    if request.method == "POST" and formset.is_valid():
        forms = formset.forms
        changes = [(f.instance, f.values()) for f in forms if f.instance.pk and f.has_changed()]
        new = [f.values() for f in forms if not f.instance.pk and f.has_changed()]
        try:
            update(actor=actor, municipality=municipality, changes=changes, new=new)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
            return redirect(_url(kind, admin), municipality.slug)
    context = {
        "formset": formset,
        "kind": kind,
        "admin": admin,
        "nav_active": "members" if admin else "whistleblower",
    }
    return render(request, "whistleblower/lists.html", context)


def _url(kind: str, admin: bool) -> str:
    return f"whistleblower:{'admin_' if admin else ''}{kind}"


def _handler(request: HttpRequest) -> HandlerRequest:
    h = cast(HandlerRequest, request)
    if h.handler.role != HandlerRole.HANDLER:
        raise PermissionDenied
    return h


def _handler_edit(kind: str) -> Any:
    @handler_view(get=True, post=True, unlocked=False)
    def view(request: HttpRequest) -> HttpResponse:
        handler = _handler(request).handler
        return _edit(
            request,
            kind=kind,
            actor=handler.user,
            municipality=handler.municipality,
            admin=False,
        )

    return view


def _admin_edit(kind: str) -> Any:
    @municipality_view(get=Capability.MANAGE_USERS, post=Capability.MANAGE_USERS)
    def view(request: MunicipalityRequest) -> HttpResponse:
        return _edit(
            request, kind=kind, actor=request.user, municipality=request.municipality, admin=True
        )

    return view


handler_categories = _handler_edit("categories")
handler_departments = _handler_edit("departments")
admin_categories = _admin_edit("categories")
admin_departments = _admin_edit("departments")


def _import(request: HttpRequest, actor: User, municipality: Municipality) -> None:
    count = services.departments_import_centres(actor=actor, municipality=municipality)
    messages.success(
        request,
        _("%(count)d centres from the case register were added as departments.") % {"count": count},
    )


@handler_view(get=False, post=True, unlocked=False)
def handler_departments_import(request: HttpRequest) -> HttpResponse:
    handler = _handler(request).handler
    _import(request, handler.user, handler.municipality)
    return redirect("whistleblower:departments", handler.municipality.slug)


@municipality_view(post=Capability.MANAGE_USERS)
def admin_departments_import(request: MunicipalityRequest) -> HttpResponse:
    _import(request, request.user, request.municipality)
    return redirect("whistleblower:admin_departments", request.municipality.slug)


@municipality_view(get=Capability.MANAGE_USERS, post=Capability.MANAGE_USERS)
def escalation(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    members = User.objects.filter(
        memberships__municipality=municipality, memberships__is_active=True
    ).order_by("full_name", "username")
    rows = EscalationRecipient.objects.filter(municipality=municipality)
    initial = {
        "users": [r.user_id for r in rows if r.user_id],
        "emails": "\n".join(r.email for r in rows if r.email),
    }
    form = EscalationForm(request.POST or None, users=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.escalation_recipients_set(
            actor=request.user,
            municipality=municipality,
            users=list(form.cleaned_data["users"]),
            emails=form.cleaned_data["emails"],
        )
        messages.success(request, _("Saved."))
        return redirect("whistleblower:escalation", municipality.slug)
    context = {"form": form, "nav_active": "members"}
    return render(request, "whistleblower/admin/escalation.html", context)
