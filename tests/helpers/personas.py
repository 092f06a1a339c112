"""Test personas and helpers for logging in as them (with a verified second factor)."""

import time
from dataclasses import dataclass

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from ombud.accounts.models import Municipality, Role, User
from ombud.accounts.services import (
    membership_grant,
    municipality_create,
    totp_device_with_secret,
    user_create,
)
from ombud.core.middleware import SessionIdleRefreshMiddleware

PASSWORD = "correct-horse-battery-staple"
# A fixed TOTP secret so browser tests can compute codes.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass
class Personas:
    ishoj: Municipality
    hvidovre: Municipality
    brondby: Municipality
    advisor: User  # advisor in Ishøj and Hvidovre, 2FA enrolled
    assistant: User  # assistant in Ishøj
    reader: User  # read-only (auditor) in Ishøj
    admin: User  # administrator in Ishøj, 2FA enrolled
    outsider: User  # advisor in Brøndby only


def _user(username: str, full_name: str, *, totp: bool = False) -> User:
    user = user_create(username=username, password=PASSWORD, full_name=full_name)
    if totp:
        totp_device_with_secret(user=user, secret_b32=TOTP_SECRET)
    return user


def make_personas() -> Personas:
    ishoj, _ = municipality_create(slug="ishoj", name="Ishøj Kommune")
    hvidovre, _ = municipality_create(slug="hvidovre", name="Hvidovre Kommune")
    brondby, _ = municipality_create(slug="brondby", name="Brøndby Kommune")
    advisor = _user("anne", "Anne Rådgiver", totp=True)
    assistant = _user("bo", "Bo Assistent")
    reader = _user("revisor", "Rita Revisor")
    admin = _user("admin", "Ali Administrator", totp=True)
    outsider = _user("ole", "Ole Udenfor", totp=True)
    membership_grant(actor=None, user=advisor, municipality=ishoj, role=Role.ADVISOR)
    membership_grant(actor=None, user=advisor, municipality=hvidovre, role=Role.ADVISOR)
    membership_grant(actor=None, user=assistant, municipality=ishoj, role=Role.ASSISTANT)
    membership_grant(actor=None, user=reader, municipality=ishoj, role=Role.READ_ONLY)
    membership_grant(actor=None, user=admin, municipality=ishoj, role=Role.ADMIN)
    membership_grant(actor=None, user=outsider, municipality=brondby, role=Role.ADVISOR)
    return Personas(ishoj, hvidovre, brondby, advisor, assistant, reader, admin, outsider)


def verified_client(user: User) -> Client:
    """A test client logged in as `user`, with the second factor already verified."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    if device is not None:
        session["otp_device_id"] = device.persistent_id
    # As after a real login: the idle timeout was just refreshed, so the next requests do not
    # write the session (and query counts do not depend on which request comes first).
    session[SessionIdleRefreshMiddleware.KEY] = int(time.time())
    session.save()
    return client
