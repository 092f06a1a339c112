"""The whistleblower app's listeners to accounts: re-lock keys on a password change, remember
designations at login.

Keys are *not* unlocked at login: the password step comes before the second factor, and a
stolen password alone must open nothing (issue 9). The handler unlocks on the whistleblower
unlock page, which is only reachable after the second factor.
"""

from typing import Any

import nacl.exceptions
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from ombud.accounts.signals import membership_ended, password_changed
from ombud.whistleblower import services
from ombud.whistleblower.context_processors import designations_remember
from ombud.whistleblower.models import Handler


@receiver(password_changed, dispatch_uid="whistleblower_relock_on_password_change")
def relock_on_password_change(
    sender: Any, user: Any, old_password: str, new_password: str, **kwargs: Any
) -> None:
    """Re-lock the user's private keys under the new password, in the password change's
    transaction, so their reports stay readable. A key the old password does not open (locked
    before an earlier change) is left as it is: it needs the reset procedure anyway."""
    for handler in Handler.objects.filter(user=user, private_key_box__isnull=False):
        try:
            services.handler_rekey(
                handler=handler, old_password=old_password, new_password=new_password
            )
        except nacl.exceptions.CryptoError:
            continue


@receiver(membership_ended, dispatch_uid="whistleblower_revoke_on_membership_end")
def revoke_on_membership_end(sender: Any, user: Any, municipality: Any, **kwargs: Any) -> None:
    """A person who leaves the municipality keeps no report key there, in the same transaction."""
    services.handlers_revoke_for_member(user=user, municipality=municipality)


@receiver(user_logged_in, dispatch_uid="whistleblower_designations_at_login")
def designations_at_login(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    if request is not None and hasattr(request, "session"):
        designations_remember(request, user)


@receiver(user_logged_in, dispatch_uid="whistleblower_lock_at_login")
def lock_at_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """A new login starts locked: Django keeps the session's data when the same user logs in
    again, so keys unlocked in the earlier login are dropped here (unlock after the second
    factor, on the unlock page)."""
    if request is None or not hasattr(request, "session"):
        return
    prefix = "wb:handler:"  # keyring.handler_key_name, as the session stores it
    for key in [key for key in request.session.keys() if key.startswith(prefix)]:  # noqa: SIM118
        del request.session[key]
