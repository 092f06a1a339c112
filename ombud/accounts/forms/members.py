from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from ombud.accounts.models import Role, User


class MemberAddForm(forms.Form):
    username = forms.SlugField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    password = forms.CharField(
        label=_("Temporary password"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Needed for a new user (at least 12 characters). Leave empty to give an "
            "existing user a role here."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        username = data.get("username")
        if username and not User.objects.filter(username=username).exists():
            if not data.get("password"):
                self.add_error("password", _("A new user needs a temporary password."))
            else:
                try:
                    validate_password(data["password"])
                except forms.ValidationError as error:
                    self.add_error("password", error)
        return data


class MemberEditForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    is_active = forms.BooleanField(label=_("Active"), required=False)
