"""Reads of cases, their timeline, the handler's inbox and the citizen picker.

`CaseFilterForm`'s GET parameter names are a contract: the statistics page links into the case
list with them (drill-down), so rename nothing here without changing those links.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Membership, Municipality, User
from ombud.cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Centre,
    Channel,
    ExternalBody,
    HandlingType,
    JournalEntry,
    Outcome,
    RejectionGround,
    Theme,
    ThemeGroup,
)
from ombud.cases.models.case import CaseQuerySet
from ombud.cases.models.taxonomy import TaxonomyEntry
from ombud.cases.selectors.search import case_search_q, case_search_ranked
from ombud.core.dates import DanishDateField
from ombud.core.models import AuditEvent

ACTIVE = "active"

# Audit events shown on a case's timeline: changes to the case and document downloads. The
# "journal entry added" events are left out because the entry itself is on the timeline.
CASE_AUDIT_TYPES = ("case", "document")


class TaxonomyFilterField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A taxonomy filter. Retired entries stay selectable (marked) so old cases can be found."""

    def label_from_instance(self, obj: Any) -> str:
        label = str(obj)
        if isinstance(obj, Theme):
            label = f"{obj.label} ({obj.group.label})"
        if isinstance(obj, TaxonomyEntry) and not obj.is_offered:
            return str(_("%(label)s (retired)") % {"label": label})
        return label


def _taxonomy(model: type[TaxonomyEntry], municipality: Municipality, label: Any) -> Any:
    queryset: QuerySet[Any] = model.objects.filter(municipality=municipality)
    if model is Theme:
        themes = Theme.objects.filter(municipality=municipality)
        queryset = themes.select_related("group")
    return TaxonomyFilterField(
        queryset=queryset,
        required=False,
        label=label,
        empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def _choice(label: Any, choices: list[tuple[str, Any]]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", _("All")), *choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def _date(label: Any) -> forms.DateField:
    return DanishDateField(label=label, required=False)


YES_NO = [("yes", _("Yes")), ("no", _("No"))]
STATUS_CHOICES = [(ACTIVE, _("Active (not closed)")), *CaseStatus.choices]


class CaseFilterForm(forms.Form):
    """Filters of the case list. Field names are the GET parameters (see module docstring)."""

    # Fields shown without opening "more filters", in this order.
    PRIMARY = ("q", "from", "to", "kind", "status", "centre", "handler")

    def __init__(self, data: Mapping[str, Any] | None, *, municipality: Municipality) -> None:
        super().__init__(data)
        self.municipality = municipality
        self.fields["q"] = forms.CharField(
            label=_("Search"),
            required=False,
            max_length=200,
            help_text=_("Reference, summary, citizen name or journal"),
            widget=forms.TextInput(attrs={"class": "form-input", "type": "search"}),
        )
        self.fields["from"] = _date(_("Opened from"))
        self.fields["to"] = _date(_("Opened to"))
        self.fields["kind"] = _choice(_("Type"), list(CaseKind.choices))
        self.fields["status"] = _choice(_("Status"), STATUS_CHOICES)
        self.fields["centre"] = _taxonomy(Centre, municipality, _("Centre"))
        self.fields["handler"] = _choice(_("Handler"), _member_choices(municipality))
        self.fields["main"] = _choice(
            _("Main or follow-up"), [("main", _("Main cases")), ("follow_up", _("Follow-ups"))]
        )
        self.fields["concerns"] = _choice(_("Concerns the municipality"), YES_NO)
        self.fields["external_body"] = _taxonomy(ExternalBody, municipality, _("Outside body"))
        self.fields["theme"] = _taxonomy(Theme, municipality, _("Complaint theme"))
        self.fields["theme_group"] = _taxonomy(ThemeGroup, municipality, _("Theme group"))
        self.fields["handling"] = _taxonomy(HandlingType, municipality, _("Handling"))
        self.fields["rejected"] = _choice(_("Rejected"), YES_NO)
        self.fields["rejection_ground"] = _taxonomy(
            RejectionGround, municipality, _("Rejection ground")
        )
        self.fields["outcome"] = _taxonomy(Outcome, municipality, _("Outcome"))
        self.fields["channel"] = _taxonomy(Channel, municipality, _("Channel"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error("to", _("The end date is before the start date."))
        return data

    def primary_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.PRIMARY]

    def secondary_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.PRIMARY]

    def secondary_in_use(self) -> bool:
        return any(self.data.get(f.name) for f in self.secondary_fields())


def _member_choices(municipality: Municipality) -> list[tuple[str, str]]:
    members = Membership.objects.filter(municipality=municipality).select_related("user")
    users = sorted((m.user for m in members), key=lambda u: u.display_name.lower())
    return [(str(u.public_id), u.display_name) for u in users]


# ---------------------------------------------------------------------------------------------
# Cases


def _case_rows(municipality: Municipality) -> CaseQuerySet:
    # The small taxonomy tables are prefetched (one tiny query each) rather than joined: with
    # ten joins PostgreSQL spends 30-50 ms planning the list query on a large register.
    return (
        Case.objects.filter(municipality=municipality)
        .select_related("citizen", "handler", "main_case")
        .prefetch_related(
            "themes",
            "centre",
            "external_body",
            "handling",
            "rejection_ground",
            "outcome",
            "channel",
        )
    )


def case_page(cases: QuerySet[Case], number: str | int | None, per_page: int) -> Page[Case]:
    """One page of a case list: find the page's ids on the case table alone, then load them.

    Sorting and counting the filtered cases needs no joins; only the 25 shown rows are joined
    and prefetched.
    """
    ids = cases.values_list("pk", flat=True)
    page: Page[Any] = Paginator(ids, per_page).get_page(number)
    wanted = list(page.object_list)
    rows = {case.pk: case for case in cases.order_by().filter(pk__in=wanted)}
    page.object_list = [rows[pk] for pk in wanted]
    return page


def case_list(
    municipality: Municipality,
    filters: Mapping[str, Any] | None = None,
    *,
    search_citizen_names: bool = True,
) -> QuerySet[Case]:
    """Cases of the municipality, filtered by `CaseFilterForm.cleaned_data`.

    `search_citizen_names=False` for users who may not see identities: a name search would
    otherwise reveal who has a case.
    """
    cases = _case_rows(municipality)
    filters = filters or {}
    cases = cases.filter(_filter_q(filters))
    if filters.get("theme") is not None:
        cases = cases.filter(
            pk__in=Case.themes.through.objects.filter(theme=filters["theme"]).values("case_id")
        )
    if filters.get("theme_group") is not None:
        through = Case.themes.through.objects.filter(theme__group=filters["theme_group"])
        cases = cases.filter(pk__in=through.values("case_id"))
    text = (filters.get("q") or "").strip()
    if text:
        matching = case_search_q(municipality, text, names=search_citizen_names)
        cases = case_search_ranked(cases.filter(matching), text)
    return cases


def _filter_q(filters: Mapping[str, Any]) -> Q:
    q = _choice_q(filters)
    if filters.get("from"):
        q &= Q(opened_on__gte=filters["from"])
    if filters.get("to"):
        q &= Q(opened_on__lte=filters["to"])
    if filters.get("kind"):
        q &= Q(kind=filters["kind"])
    if filters.get("main"):
        q &= Q(main_case__isnull=filters["main"] == "main")
    if filters.get("concerns"):
        q &= Q(concerns_municipality=filters["concerns"] == "yes")
    for name in ("centre", "external_body", "handling", "rejection_ground", "outcome", "channel"):
        if filters.get(name) is not None:
            q &= Q(**{name: filters[name]})
    if filters.get("handler"):
        q &= Q(handler__public_id=filters["handler"])
    return q


def _choice_q(filters: Mapping[str, Any]) -> Q:
    q = Q()
    if filters.get("rejected") == "yes":
        q &= Q(handling__is_rejection=True)
    elif filters.get("rejected") == "no":
        q &= Q(handling__isnull=True) | Q(handling__is_rejection=False)
    status = filters.get("status")
    if status == ACTIVE:
        q &= ~Q(status=CaseStatus.CLOSED)
    elif status:
        q &= Q(status=status)
    return q


def case_get(municipality: Municipality, reference: str) -> Case:
    """One case of the municipality by its reference, or 404 (also for other municipalities)."""
    return get_object_or_404(_case_rows(municipality), reference=reference)


def case_follow_ups(case: Case) -> QuerySet[Case]:
    return case.follow_ups.select_related("centre", "external_body", "handling").order_by(
        "opened_on", "reference"
    )


def journal_entry_get(case: Case, entry_id: Any) -> JournalEntry:
    return get_object_or_404(JournalEntry, case=case, public_id=entry_id)


# Audit summaries are stored in English; these are the ones a case's timeline shows.
_EVENT_LABELS = {
    "Case created": _("Case registered"),
    "Follow-up case created": _("Follow-up registered"),
    "Case changed": _("Case changed"),
    "Document downloaded": _("Document downloaded"),
}


@dataclass(frozen=True)
class TimelineItem:
    at: dt.datetime
    entry: JournalEntry | None = None
    event: AuditEvent | None = None

    @property
    def is_journal(self) -> bool:
        return self.entry is not None

    @property
    def event_label(self) -> str:
        summary = self.event.summary if self.event else ""
        for prefix, label in _EVENT_LABELS.items():
            if summary.startswith(prefix):
                return str(label)
        return summary

    @property
    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        """(field label, old, new) of a "Case changed" event; long texts only by name."""
        if self.event is None or self.event.summary != "Case changed":
            return []
        rows = []
        for name, values in sorted(self.event.changes.items()):
            try:
                label = str(getattr(Case._meta.get_field(name), "verbose_name", name))
            except FieldDoesNotExist:
                label = name
            old, new = values if name != "summary" else ("", "")
            rows.append((label, _display(old), _display(new)))
        return rows


def _display(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, str) and value in CaseStatus.values:
        return str(CaseStatus(value).label)
    if isinstance(value, str) and value in CaseKind.values:
        return str(CaseKind(value).label)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}-{value[5:7]}-{value[0:4]}"
    return "\N{EN DASH}" if value in (None, "") else str(value)


def case_timeline(case: Case) -> list[TimelineItem]:
    """Journal entries and audit events of the case, merged by time, newest first."""
    entries = case.journal.select_related("author")
    events = AuditEvent.objects.filter(
        municipality_id=case.municipality_id,
        object_ref=case.reference,
        object_type__in=CASE_AUDIT_TYPES,
    ).select_related("actor")
    items = [TimelineItem(at=e.occurred_at, entry=e) for e in entries]
    items += [TimelineItem(at=e.created_at, event=e) for e in events]
    return sorted(items, key=lambda item: item.at, reverse=True)


def inbox_for(user: User, municipality: Municipality) -> CaseQuerySet:
    """The user's active cases and the active cases nobody handles, oldest first.

    Each case carries `open_for` (a timedelta; `.days` is the number of days open).
    """
    today = Value(timezone.localdate(), output_field=DateField())
    return (
        _case_rows(municipality)
        .active()
        .filter(Q(handler=user) | Q(handler__isnull=True))
        .annotate(open_for=ExpressionWrapper(today - F("opened_on"), output_field=DurationField()))
        .order_by("opened_on", "reference")
    )


# ---------------------------------------------------------------------------------------------
# Citizens


def open_case_counts(user: User, municipality: Municipality) -> dict[str, int]:
    """For the start page: the user's active cases and the active cases nobody handles."""
    return (
        Case.objects.filter(municipality=municipality)
        .active()
        .aggregate(
            mine=Count("pk", filter=Q(handler=user)),
            unassigned=Count("pk", filter=Q(handler__isnull=True)),
        )
    )
