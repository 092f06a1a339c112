"""E-mails to a staff member about their own account (second factor added, replaced, reset).

Sent after commit, so a rolled-back change sends nothing. The text says what happened and what
to do if it was not them; it never carries a code or a secret.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ombud.accounts.models import User


def user_notify(user: User, subject: str, what_happened: str) -> None:
    if not user.email:
        return
    when = date_format(timezone.localtime(), "DATETIME_FORMAT")
    body = "\n\n".join(
        [
            what_happened,
            _("Time: %(when)s.") % {"when": when},
            _(
                "If it was not you, tell your municipality's Ombud administrator at once: "
                "someone may know your password."
            ),
        ]
    )
    recipient = user.email
    transaction.on_commit(
        lambda: send_mail(f"Ombud: {subject}", body, settings.DEFAULT_FROM_EMAIL, [recipient])
    )
