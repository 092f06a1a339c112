from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from ombud.accounts.services.backup_codes import backup_code_looks_valid


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is wrong. After several failed attempts the account is "
            "locked for a while."
        ),
        "inactive": _("This account is not active."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code consists of digits only."))
        return token


class SignInCodeForm(forms.Form):
    """The code page: six digits from the app, or a backup code when the phone is lost."""

    token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Lost your phone? Type one of your backup codes instead."),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return _app_or_backup_code(self.cleaned_data["token"])


def _app_or_backup_code(value: str) -> str:
    code = value.replace(" ", "")
    if (code.isdigit() and len(code) == 6) or backup_code_looks_valid(code):
        return code
    raise forms.ValidationError(
        _("Type the six digits from the app, or a backup code such as abcd-efgh.")
    )


class OwnPasswordForm(PasswordChangeForm):
    """Old password, the new one twice; Django's password validators check the new one."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["old_password"].label = _("Your current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")
        self.fields["old_password"].widget.attrs.pop("autofocus", None)


class ReplaceDeviceForm(TokenForm):
    """Replacing a device: a current code from the old one proves the phone is still at hand."""

    old_token = forms.CharField(
        label=_("Code from your current authenticator app, or a backup code"),
        min_length=6,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    field_order = ["old_token", "token"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["token"].label = _("Code from the new authenticator app")
        self.fields["token"].widget.attrs.pop("autofocus", None)

    def clean_old_token(self) -> str:
        return _app_or_backup_code(self.cleaned_data["old_token"])


class SecondFactorResetForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the reset"),
        max_length=300,
        help_text=_("For example: lost phone. The reason is kept in the audit log."),
    )
