"""Unlock a handler's whistleblower keys at login, with the password just typed.

The password is only in memory for this request; the unlocked key goes to the session keyring.
A wrong or outdated password never blocks the login — the handler can still unlock (or be
recovered) from the whistleblower pages.
"""

from typing import Any

import nacl.exceptions
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from ombud.accounts.signals import membership_ended, password_changed
from ombud.whistleblower import services
from ombud.whistleblower.context_processors import designations_remember
from ombud.whistleblower.keyring import handler_key_name, keyring_rotate, keyring_store
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


@receiver(user_logged_in, dispatch_uid="whistleblower_unlock_at_login")
def unlock_at_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or request.method != "POST":
        return
    password = request.POST.get("password", "")
    if not password:
        return
    handlers = list(
        Handler.objects.filter(user=user, is_active=True, public_key__isnull=False).select_related(
            "user", "municipality"
        )
    )
    if handlers:
        keyring_rotate(request)
    for handler in handlers:
        try:
            private_key = services.handler_unlock(handler=handler, password=password)
        except services.UnlockError:
            continue
        keyring_store(request, None, handler_key_name(handler.pk), private_key)
