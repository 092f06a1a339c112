"""Form pieces the case pages share: taxonomy choice fields that show retired entries as such,
the handling select, the handler choices, and `apply_errors`, which puts the services'
field-keyed errors back on the right form fields."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Capability, Membership, Municipality, User
from ombud.cases.models import (
    HandlingType,
    Theme,
)
from ombud.cases.models.taxonomy import TaxonomyEntry


class TaxonomyLabelMixin:
    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, TaxonomyEntry) and not obj.is_offered:
            return str(_("%(label)s (retired)") % {"label": obj.label})
        return str(obj)


class TaxonomyChoiceField(TaxonomyLabelMixin, forms.ModelChoiceField):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("(not chosen)"))
        super().__init__(*args, **kwargs)


class TaxonomyMultipleChoiceField(TaxonomyLabelMixin, forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    pass


class HandlingSelect(forms.Select):
    """Options carry the kind they apply to and whether they reject, for case_form.js."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        handling = getattr(option["value"], "instance", None)
        if isinstance(handling, HandlingType):
            option["attrs"]["data-kind"] = handling.applies_to
            if handling.is_rejection:
                option["attrs"]["data-rejection"] = "true"
        return option


def offered_entries(
    model: type[TaxonomyEntry], municipality: Municipality, keep: list[Any]
) -> QuerySet[Any]:
    """Active entries, plus the retired ones the case already uses (so an edit keeps them).

    A theme is offered only while its group is in use too.
    """
    kept = [obj.pk for obj in keep if obj is not None]
    queryset: QuerySet[Any] = model.objects.filter(municipality=municipality)
    in_use = Q(is_active=True, group__is_active=True) if model is Theme else Q(is_active=True)
    return queryset.filter(in_use | Q(pk__in=kept))


def select_widget(attrs: dict[str, str] | None = None) -> forms.Select:
    return forms.Select(attrs={"class": "form-select", **(attrs or {})})


def handler_choices(municipality: Municipality, current: User | None) -> list[tuple[str, Any]]:
    """Members who may handle cases, plus the current handler if they have since left."""
    members = Membership.objects.filter(municipality=municipality, is_active=True)
    users = [m.user for m in members.select_related("user") if m.can(Capability.EDIT_CASES)]
    if current is not None and current not in users:
        users.append(current)
    users.sort(key=lambda u: u.display_name.lower())
    return [("", _("No handler")), *((str(u.public_id), u.display_name) for u in users)]


def apply_errors(form: forms.Form, error: ValidationError, aliases: dict[str, str]) -> None:
    """Show a service's ValidationError beside the fields it names; the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        target = aliases.get(name, name)
        field = target if target in form.fields else None
        for message in messages:
            form.add_error(field, message)
