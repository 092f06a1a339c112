"""Lock-out that protects, not punishes (docs/decisions/0003-tenancy-and-access.md, "Lock-out").

django-axes locks a user name *from one client* after AXES_FAILURE_LIMIT failures, so a
colleague's typos or an attacker elsewhere never lock the real user out of their own machine.
This module adds what axes cannot: a ceiling per client across user names (trying one password
against every user name is slowed down), and an alert to the administrators on a burst — from
one client, or against one user name from many clients. Counters live in the cache under keyed
hashes (ombud/core/ratelimit.py): no address or user name is stored or logged here.
"""

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.mail import mail_admins, send_mail
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from ombud.accounts.models import Membership, Role, User
from ombud.core import ratelimit

HOUR = 60 * 60
logger = logging.getLogger("ombud.security")


def client_ceiling() -> ratelimit.RateLimit:
    return ratelimit.RateLimit("login-client", settings.OMBUD_LOGIN_CLIENT_CEILING, HOUR)


def _user_burst() -> ratelimit.RateLimit:
    return ratelimit.RateLimit("login-user", settings.OMBUD_LOGIN_USER_ALERT, HOUR)


def client_retry_after(request: HttpRequest) -> int | None:
    """Seconds this client must wait before it may try to log in again, or None."""
    return ratelimit.retry_after(client_ceiling(), request)


@receiver(user_login_failed, dispatch_uid="accounts_login_failed_counted")
def login_failed_counted(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is None:
        return
    if ratelimit.hit(client_ceiling(), request) == settings.OMBUD_LOGIN_CLIENT_CEILING:
        logger.warning("Login burst from one client (%s)", ratelimit.client_hash(request)[:8])
        _alert(_("Many failed logins from one client"), _client_text())
    username = str(credentials.get("username", "")).strip().lower()
    if username and ratelimit.hit_subject(_user_burst(), username) == _user_burst().max_hits:
        logger.warning("Login burst against one user name from several clients")
        _alert(_("Many failed logins for one user name"), _user_text(username), username)


def _client_text() -> str:
    return _(
        "%(count)d failed logins from one client address within an hour, across user names. "
        "The client must wait until the hour is over. If it goes on, block the address at the "
        "proxy; the login records hold it (django-axes' tables)."
    ) % {"count": settings.OMBUD_LOGIN_CLIENT_CEILING}


def _user_text(username: str) -> str:
    return _(
        "%(count)d failed logins for the user name %(username)s within an hour, from several "
        "client addresses. Each address is locked out on its own; the user can still log in "
        "from their own machine. Ask the user to choose a new password if this surprises them."
    ) % {"count": settings.OMBUD_LOGIN_USER_ALERT, "username": username}


def _alert(subject: str, body: str, username: str = "") -> None:
    """Mail the operators (ADMINS) and, for a user name, the administrators of its
    municipalities."""
    with translation.override("da"):
        mail_admins(f"Ombud: {subject}", body)
        recipients = _municipality_admins(username) if username else []
        if recipients:
            send_mail(f"Ombud: {subject}", body, settings.DEFAULT_FROM_EMAIL, recipients)


def _municipality_admins(username: str) -> list[str]:
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        return []
    municipalities = Membership.objects.filter(user=user, is_active=True).values("municipality")
    admins = Membership.objects.filter(
        municipality__in=municipalities, role=Role.ADMIN, is_active=True
    ).exclude(user__email="")
    return sorted(set(admins.values_list("user__email", flat=True)))
