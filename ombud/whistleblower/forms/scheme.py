"""The scheme's settings: the scheme itself, handlers, questionnaire, categories and
departments, escalation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ombud.whistleblower.models import (
    CORE_QUESTION,
    DEPARTMENT_QUESTION,
    Category,
    Department,
    Handler,
    HandlerRole,
    Question,
    QuestionKind,
    ReporterCategory,
    Scheme,
)
from ombud.whistleblower.services import (
    ListValues,
    QuestionValues,
)


class SchemeForm(forms.ModelForm):  # type: ignore[type-arg]
    open_to = forms.MultipleChoiceField(
        label=_("Who may report"),
        choices=ReporterCategory.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )

    class Meta:
        model = Scheme
        fields = [
            "is_open",
            "allow_anonymous",
            "open_to",
            "deadlines_for_all",
            "intro_text",
            "intro_text_en",
            "scope_text",
            "scope_text_en",
            "handling_text",
            "handling_text_en",
            "internal_text",
            "internal_text_en",
            "privacy_text",
            "privacy_text_en",
            "other_ways_text",
            "other_ways_text_en",
            "out_of_scope_retention_days",
            "closed_retention_days",
        ]
        widgets = {
            name: forms.CheckboxInput(attrs={"class": "form-checkbox"})
            for name in ("is_open", "allow_anonymous", "deadlines_for_all")
        }


class DesignateForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=Handler.objects.none())
    role = forms.ChoiceField(label=_("Role in the scheme"), choices=HandlerRole.choices)

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users


class QuestionForm(forms.ModelForm):  # type: ignore[type-arg]
    """One row of the questionnaire editor. The core question cannot be hidden or retyped."""

    class Meta:
        model = Question
        fields = ["label", "help_text", "kind", "options", "required", "order", "is_active"]
        widgets = {
            "help_text": forms.Textarea(attrs={"rows": 2}),
            "options": forms.Textarea(attrs={"rows": 3}),
            "required": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
            "is_active": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        if self.instance.pk and self.instance.key == DEPARTMENT_QUESTION:
            kind.disabled = True
            self.fields["options"].disabled = True
            self.fields["options"].help_text = _(
                "The options are the scheme's departments. The question is shown only when "
                "the scheme has at least one department."
            )
        else:
            kind.choices = [c for c in QuestionKind.choices if c[0] != QuestionKind.DEPARTMENT]
        if self.instance.pk and self.instance.key == CORE_QUESTION:
            for name in ("kind", "required", "is_active"):
                self.fields[name].disabled = True

    def values(self) -> QuestionValues:
        d = self.cleaned_data
        return QuestionValues(
            label=d["label"],
            help_text=d["help_text"],
            kind=d["kind"],
            options=d["options"],
            required=d["required"],
            order=d["order"] or 0,
            is_active=d["is_active"],
        )


QuestionFormSet = forms.modelformset_factory(Question, form=QuestionForm, extra=1)


class ListItemForm(forms.ModelForm):  # type: ignore[type-arg]
    """One row of the category or department editor: rename, reorder, retire; or add."""

    class Meta:
        model = Department
        fields = ["label", "order", "is_active"]
        widgets = {"is_active": forms.CheckboxInput(attrs={"class": "form-checkbox"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["label"].required = False
        if isinstance(self.instance, Category) and self.instance.pk and not self.instance.label:
            # A built-in category shows its standard text until it is renamed.
            self.fields["label"].widget.attrs["placeholder"] = self.instance.display_label
            self.fields["label"].help_text = _("Leave blank to keep the standard text.")

    def values(self) -> ListValues:
        d = self.cleaned_data
        return ListValues(label=d["label"], order=d["order"] or 0, is_active=d["is_active"])


CategoryFormSet = forms.modelformset_factory(Category, form=ListItemForm, extra=1)

DepartmentFormSet = forms.modelformset_factory(Department, form=ListItemForm, extra=1)


class EscalationForm(forms.Form):
    users = forms.ModelMultipleChoiceField(
        label=_("Members of staff"),
        queryset=Handler.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text=_("The notice goes to the e-mail address of their account."),
    )
    emails = forms.CharField(
        label=_("Other e-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line, for example a shared mailbox of the director's office."),
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["users"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = users

    def clean_emails(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["emails"].splitlines()]
        emails = [line for line in lines if line]
        validator = forms.EmailField()
        for email in emails:
            try:
                validator.clean(email)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("%(email)s is not a valid e-mail address."), params={"email": email}
                ) from error
        return emails
