"""Forms of the case pages: register or edit a case, close it.

The forms only parse input; the case rules live in `rules.py` and are enforced by the services."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Municipality, User
from ombud.cases.forms.fields import (
    HandlingSelect,
    TaxonomyChoiceField,
    TaxonomyMultipleChoiceField,
    handler_choices,
    offered_entries,
    select_widget,
)
from ombud.cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Centre,
    Channel,
    Citizen,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    Theme,
)
from ombud.cases.models.taxonomy import TaxonomyEntry
from ombud.cases.rules import CaseFacts, case_rule_errors
from ombud.cases.selectors.citizens import citizen_find_current, citizen_search
from ombud.cases.services import CaseInput
from ombud.core.dates import DanishDateField

YES, NO = "yes", "no"

DEFAULT_CHANNEL_CODE = "phone"


class CaseForm(forms.Form):
    """Register (or edit) a case. Field order is the order a phone call is registered in."""

    citizen_query = forms.CharField(
        label=_("Citizen"),
        required=False,
        max_length=200,
        help_text=_("Search by name, phone, e-mail or key; or register a new citizen below."),
        widget=forms.TextInput(attrs={"class": "form-input", "autocomplete": "off"}),
    )
    citizen = forms.UUIDField(required=False, widget=forms.HiddenInput)
    new_citizen_name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-input", "autocomplete": "off"}),
    )
    new_citizen_phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"class": "form-input", "type": "tel"}),
    )
    new_citizen_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"class": "form-input", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=CaseKind.choices, widget=forms.RadioSelect)
    channel = TaxonomyChoiceField(
        label=_("Channel"), queryset=Channel.objects.none(), required=False, widget=select_widget()
    )
    concerns_municipality = forms.ChoiceField(
        label=_("Does the case concern the municipality?"),
        choices=[(YES, _("Yes, a centre")), (NO, _("No, an outside body"))],
        initial=YES,
        widget=forms.RadioSelect,
    )
    centre = TaxonomyChoiceField(
        label=_("Centre"), queryset=Centre.objects.none(), required=False, widget=select_widget()
    )
    external_body = TaxonomyChoiceField(
        label=_("Outside body"),
        queryset=ExternalBody.objects.none(),
        required=False,
        widget=select_widget(),
    )
    themes = TaxonomyMultipleChoiceField(
        label=_("Complaint themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    handling = TaxonomyChoiceField(
        label=_("Handling"),
        queryset=HandlingType.objects.none(),
        required=False,
        widget=HandlingSelect(attrs={"class": "form-select"}),
    )
    rejection_ground = TaxonomyChoiceField(
        label=_("Rejection ground"),
        queryset=RejectionGround.objects.none(),
        required=False,
        widget=select_widget(),
    )
    outcome = TaxonomyChoiceField(
        label=_("Outcome"),
        queryset=Outcome.objects.none(),
        required=False,
        help_text=_("Complaints only."),
        widget=select_widget(),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        help_text=_("Ctrl+Enter saves."),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CaseStatus.choices,
        initial=CaseStatus.OPEN,
        widget=select_widget(),
    )
    opened_on = DanishDateField(label=_("Opened"))
    closed_on = DanishDateField(
        label=_("Closed"),
        required=False,
        help_text=_("Filled in with today's date when the status is closed."),
    )
    handler = forms.ChoiceField(label=_("Handler"), required=False, widget=select_widget())

    def __init__(
        self,
        data: Any = None,
        *,
        municipality: Municipality,
        user: User,
        current: CaseInput | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial or {})
        self.municipality = municipality
        self.citizen_obj: Citizen | None = current.citizen if current else None
        kept: dict[str, list[Any]] = {}
        if current is not None:
            kept = {
                "channel": [current.channel],
                "centre": [current.centre],
                "external_body": [current.external_body],
                "themes": list(current.themes),
                "handling": [current.handling],
                "rejection_ground": [current.rejection_ground],
                "outcome": [current.outcome],
            }
        models: dict[str, type[TaxonomyEntry]] = {
            "channel": Channel,
            "centre": Centre,
            "external_body": ExternalBody,
            "themes": Theme,
            "handling": HandlingType,
            "rejection_ground": RejectionGround,
            "outcome": Outcome,
        }
        for name, model in models.items():
            field = self.fields[name]
            field.queryset = offered_entries(model, municipality, kept.get(name, []))  # type: ignore[attr-defined]
        self.fields["themes"].queryset = self.fields["themes"].queryset.select_related("group")  # type: ignore[attr-defined]
        handler = current.handler if current else None
        self.fields["handler"].choices = handler_choices(municipality, handler)  # type: ignore[attr-defined]
        self.fields["citizen_query"].widget.attrs["autofocus"] = True

    @classmethod
    def initial_from(cls, data: CaseInput) -> dict[str, Any]:
        return {
            "citizen": data.citizen.public_id,
            "citizen_query": str(data.citizen),
            "kind": data.kind,
            "channel": data.channel,
            "concerns_municipality": YES if data.concerns_municipality else NO,
            "centre": data.centre,
            "external_body": data.external_body,
            "themes": list(data.themes),
            "handling": data.handling,
            "rejection_ground": data.rejection_ground,
            "outcome": data.outcome,
            "summary": data.summary,
            "status": data.status,
            "opened_on": data.opened_on,
            "closed_on": data.closed_on,
            "handler": str(data.handler.public_id) if data.handler else "",
        }

    @classmethod
    def initial_for_new(cls, municipality: Municipality, user: User) -> dict[str, Any]:
        channel = Channel.objects.filter(
            municipality=municipality, code=DEFAULT_CHANNEL_CODE, is_active=True
        ).first()
        return {
            "channel": channel,
            "opened_on": timezone.localdate(),
            "handler": str(user.public_id),
            "concerns_municipality": YES,
            "status": CaseStatus.OPEN,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.citizen_obj = self._resolve_citizen(data)
        self._check_rules(data)
        return data

    def _check_rules(self, data: dict[str, Any]) -> None:
        """Report the case rules together with the field errors, not one round later.

        The service checks the same rules again on save; this only saves the user a round trip.
        """
        status = data.get("status", CaseStatus.OPEN)
        closed_on = data.get("closed_on") if status == CaseStatus.CLOSED else None
        if status == CaseStatus.CLOSED and closed_on is None:
            closed_on = timezone.localdate()
        facts = CaseFacts(
            kind=data.get("kind", ""),
            opened_on=data.get("opened_on"),
            closed_on=closed_on,
            status=status,
            concerns_municipality=data.get("concerns_municipality", YES) == YES,
            centre=data.get("centre"),
            external_body=data.get("external_body"),
            handling=data.get("handling"),
            rejection_ground=data.get("rejection_ground"),
            themes=list(data.get("themes") or []),
        )
        for name, messages in case_rule_errors(facts).items():
            if name in self.fields and name not in self.errors:
                for message in messages:
                    self.add_error(name, message)

    def _resolve_citizen(self, data: dict[str, Any]) -> Citizen | None:
        has_new = any(data.get(f"new_citizen_{n}") for n in ("name", "phone", "email"))
        chosen = (
            citizen_find_current(self.municipality, data["citizen"])
            if data.get("citizen")
            else None
        )
        if chosen is not None and has_new:
            self.add_error(
                "citizen_query",
                _("Choose an existing citizen or register a new one, not both."),
            )
            return None
        if chosen is not None or has_new:
            return chosen
        query = (data.get("citizen_query") or "").strip()
        # Without JavaScript there is no result list to pick from: accept one exact-enough match.
        matches = citizen_search(self.municipality, query, limit=2) if query else []
        if len(matches) == 1:
            return matches[0]
        if query:
            message = _("No single citizen matches '%(q)s'. Search again or register a new one.")
            self.add_error("citizen_query", message % {"q": query})
        else:
            self.add_error(
                "citizen_query",
                _("Choose a citizen, or enter a name, phone or e-mail for a new one."),
            )
        return None

    def new_citizen_fields(self) -> dict[str, str] | None:
        if self.citizen_obj is not None:
            return None
        return {
            "name": self.cleaned_data.get("new_citizen_name", ""),
            "phone": self.cleaned_data.get("new_citizen_phone", ""),
            "email": self.cleaned_data.get("new_citizen_email", ""),
        }

    def case_input(self) -> CaseInput:
        """The cleaned values. `citizen` is unset when a new citizen is to be created."""
        data = self.cleaned_data
        return CaseInput(
            kind=data["kind"],
            citizen=self.citizen_obj,  # type: ignore[arg-type]
            opened_on=data["opened_on"],
            concerns_municipality=data["concerns_municipality"] == YES,
            centre=data.get("centre"),
            external_body=data.get("external_body"),
            channel=data.get("channel"),
            themes=list(data.get("themes") or []),
            handling=data.get("handling"),
            rejection_ground=data.get("rejection_ground"),
            outcome=data.get("outcome"),
            status=data["status"],
            closed_on=data.get("closed_on"),
            handler=self._handler(data.get("handler")),
            summary=data.get("summary", ""),
        )

    def _handler(self, public_id: str | None) -> User | None:
        if not public_id:
            return None
        return User.objects.filter(public_id=public_id).first()

    def theme_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The theme checkboxes grouped by theme group, for one fieldset per group."""
        groups: dict[str, list[Any]] = {}
        for widget in self["themes"]:
            theme = widget.data["value"].instance
            groups.setdefault(theme.group.label, []).append(widget)
        return list(groups.items())


# Errors from the citizen model go to the inline "new citizen" fields.
CITIZEN_ERROR_FIELDS = {
    "name": "new_citizen_name",
    "phone": "new_citizen_phone",
    "email": "new_citizen_email",
    "citizen": "citizen_query",
}


class CloseForm(forms.Form):
    closed_on = DanishDateField(label=_("Closing date"))
    outcome = TaxonomyChoiceField(
        label=_("Outcome"),
        queryset=Outcome.objects.none(),
        required=False,
        help_text=_("Complaints only."),
        widget=select_widget(),
    )

    follow_ups = forms.TypedChoiceField(
        label=_("Open follow-up cases"),
        choices=[
            ("keep", _("Keep them open")),
            ("close", _("Close them too, on the same date")),
        ],
        coerce=lambda value: value == "close",
        widget=forms.RadioSelect,
    )

    def __init__(self, data: Any = None, *, case: Case) -> None:
        super().__init__(data, initial={"closed_on": timezone.localdate(), "outcome": case.outcome})
        outcome = self.fields["outcome"]
        outcome.queryset = offered_entries(Outcome, case.municipality, [case.outcome])  # type: ignore[attr-defined]
        if case.kind != CaseKind.COMPLAINT:
            del self.fields["outcome"]
        # Asked only when there is something to decide: the advisor chooses, nothing is assumed.
        self.open_follow_ups = list(
            case.follow_ups.exclude(status=CaseStatus.CLOSED).order_by("reference")
        )
        if not self.open_follow_ups:
            del self.fields["follow_ups"]
