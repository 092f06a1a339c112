"""Reads of the audit log, and of a user's memberships."""

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Membership, Municipality, User
from ombud.core.dates import DanishDateField
from ombud.core.models import AuditAction, AuditEvent


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All")), *AuditAction.choices]
    )
    actor = forms.CharField(label=_("User"), required=False)
    object_ref = forms.CharField(label=_("Reference or record"), required=False)
    date_from = DanishDateField(label=_("From"), required=False)
    date_to = DanishDateField(label=_("To"), required=False)


def audit_event_list(municipality: Municipality) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(municipality=municipality).select_related("actor")


def audit_event_filter(
    municipality: Municipality, params: QueryDict, *, per_page: int = 50
) -> tuple[Page[AuditEvent], AuditFilterForm]:
    form = AuditFilterForm(params or None)
    events = audit_event_list(municipality)
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["actor"]:
            events = events.filter(actor_name__icontains=data["actor"])
        if data["object_ref"]:
            events = events.filter(object_ref__icontains=data["object_ref"])
        if data["date_from"]:
            events = events.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(created_at__date__lte=data["date_to"])
    page = Paginator(events, per_page).get_page(params.get("page"))
    return page, form


def municipalities_with(user: User, capability: str) -> list[Municipality]:
    """The municipalities where the user's active membership grants `capability`, by name."""
    memberships = Membership.objects.filter(user=user, is_active=True).select_related(
        "municipality"
    )
    found = [m.municipality for m in memberships if m.can(capability)]
    return sorted(found, key=lambda m: (m.name, m.slug))


def today_badge_key(membership_id: int) -> str:
    """The cache key of the number the menu shows beside "I dag" (set by the start page)."""
    return f"today:attention:{membership_id}"
