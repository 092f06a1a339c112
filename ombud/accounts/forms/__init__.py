"""The accounts app's forms: logging in and one's own password (login.py), members
(members.py); import from here."""

from ombud.accounts.forms.login import (
    LoginForm,
    OwnPasswordForm,
    ReplaceDeviceForm,
    SecondFactorResetForm,
    SignInCodeForm,
    TokenForm,
)
from ombud.accounts.forms.members import (
    MemberAddForm,
    MemberEditForm,
)

__all__ = [
    "LoginForm",
    "MemberAddForm",
    "MemberEditForm",
    "OwnPasswordForm",
    "ReplaceDeviceForm",
    "SecondFactorResetForm",
    "SignInCodeForm",
    "TokenForm",
]
