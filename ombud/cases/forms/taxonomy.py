"""The add and rename form for a taxonomy entry; fields depend on the kind of entry."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Municipality
from ombud.cases.forms.citizens import dkfds_style
from ombud.cases.models import ThemeGroup
from ombud.cases.selectors.taxonomy import TaxonomyKind, theme_group_choices


class GroupChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        if obj.is_active:
            return str(obj.label)
        return str(_("%(label)s (retired)") % {"label": obj.label})


class TaxonomyEntryForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=200)
    chief_name = forms.CharField(label=_("Centre chief"), max_length=200, required=False)
    chief_email = forms.EmailField(label=_("Centre chief's e-mail"), required=False)
    group = GroupChoiceField(
        label=_("Theme group"), queryset=ThemeGroup.objects.none(), empty_label=None
    )
    is_rejection = forms.BooleanField(
        label=_("Is a rejection"),
        required=False,
        help_text=_("A rejection under the statute requires a rejection ground."),
    )
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        required=False,
        help_text=_("The English code used in the exchange format, e.g. phone or web."),
    )

    def __init__(
        self,
        *args: Any,
        kind: TaxonomyKind,
        municipality: Municipality,
        prefix: str | None = None,
        **kwargs: Any,
    ) -> None:
        # Several forms share the settings page: a per-kind prefix keeps element ids unique.
        kwargs["prefix"] = prefix or kind.slug
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in [n for n in self.fields if n != "label" and n not in kind.fields]:
            del self.fields[name]
        if "group" in self.fields:
            field = self.fields["group"]
            assert isinstance(field, forms.ModelChoiceField)
            current = self.initial.get("group")
            field.queryset = theme_group_choices(municipality, keep=getattr(current, "pk", None))
        self.fields["label"].widget.attrs["autocomplete"] = "off"
        dkfds_style(self)

    def entry_fields(self) -> dict[str, Any]:
        """The kind's own fields, as keyword arguments for the services."""
        return {name: self.cleaned_data[name] for name in self.kind.fields}
