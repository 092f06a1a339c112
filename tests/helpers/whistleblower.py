"""Shared set-up for the whistleblower tests: a scheme in Ishøj and a designated handler."""

from dataclasses import dataclass

from django.apps import apps
from django.test import Client
from django.urls import reverse

from ombud.accounts.models import Role, User
from ombud.accounts.services import membership_grant, totp_device_with_secret, user_create
from ombud.whistleblower import crypto, services
from ombud.whistleblower.models import Handler, HandlerRole, Scheme
from tests.helpers.personas import PASSWORD, TOTP_SECRET, Personas, verified_client

SECRET_TEXT = "Kassereren i Vejcenteret har overført 412.000 kr. til sin svoger"
REPORTER_NAME = "Karin Hemmeligsen"
REPORTER_EMAIL = "karin.hemmelig@example.org"


@dataclass
class WbSetup:
    scheme: Scheme
    recovery_private_key: bytes
    handler: Handler
    handler_user: User
    private_key: bytes
    other_handler: Handler  # a handler in Brøndby


def handler_user(username: str, personas: Personas, *, municipality: str = "ishoj") -> User:
    user = user_create(username=username, password=PASSWORD, full_name=f"{username.title()} H")
    totp_device_with_secret(user=user, secret_b32=TOTP_SECRET)
    muni = getattr(personas, municipality)
    membership_grant(actor=None, user=user, municipality=muni, role=Role.READ_ONLY)
    return user


def approve_with_recovery(handler: Handler, recovery_private_key: bytes) -> Handler:
    """Unlock once (creating the key pair) and approve with the recovery key, reading the code
    the way the designee would (docs/decisions/0007-whistleblower-custody.md)."""
    services.handler_unlock(handler=handler, password=PASSWORD)
    handler.refresh_from_db()
    code = crypto.approval_code(bytes(handler.public_key or b""))
    services.handler_approve_with_recovery(
        designee=handler, code=code, recovery_private_key=recovery_private_key
    )
    handler.refresh_from_db()
    return handler


def designate_approved(
    wb: "WbSetup", personas: Personas, user: User, role: str = HandlerRole.HANDLER
) -> Handler:
    """Designate in Ishøj and approve with the recovery key (the tests' shortcut)."""
    handler = services.handler_designate(
        actor=personas.admin, municipality=personas.ishoj, user=user, role=role
    )
    return approve_with_recovery(handler, wb.recovery_private_key)


def make_setup(personas: Personas) -> WbSetup:
    scheme, recovery_hex = services.scheme_setup(actor=None, municipality=personas.ishoj)
    _other_scheme, other_hex = services.scheme_setup(actor=None, municipality=personas.brondby)
    user = handler_user("hanne", personas)
    handler = services.handler_designate(
        actor=personas.admin, municipality=personas.ishoj, user=user
    )
    approve_with_recovery(handler, bytes.fromhex(recovery_hex))
    private_key = services.handler_unlock(handler=handler, password=PASSWORD)
    other_user = handler_user("bjarne", personas, municipality="brondby")
    other = services.handler_designate(
        actor=None, municipality=personas.brondby, user=other_user, role=HandlerRole.HANDLER
    )
    approve_with_recovery(other, bytes.fromhex(other_hex))
    return WbSetup(scheme, bytes.fromhex(recovery_hex), handler, user, private_key, other)


def sample_input(*, anonymous: bool = False) -> services.ReportInput:
    return services.ReportInput(
        category="crime",
        reporter_category="employee",
        what=SECRET_TEXT,
        when="Marts 2026",
        who="Kassereren",
        how_known="Jeg så bilagene",
        evidence="Kontoudtog",
        is_anonymous=anonymous,
        name="" if anonymous else REPORTER_NAME,
        contact="" if anonymous else REPORTER_EMAIL,
    )


def unlocked_handler_client(wb: WbSetup) -> Client:
    """The Ishøj handler logged in (second factor verified) with the key unlocked."""
    client = verified_client(wb.handler_user)
    response = client.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": PASSWORD})
    assert response.status_code == 302
    return client


def all_rows_bytes() -> bytes:
    """Every value of every row of every model, raw (binary fields included, undecoded): a test
    asserts that a secret appears nowhere in the database in clear text."""
    chunks: list[bytes] = []
    for model in apps.get_models():
        for row in model._default_manager.all().values():
            for value in row.values():
                if isinstance(value, bytes | memoryview):
                    chunks.append(bytes(value))
                else:
                    chunks.append(str(value).encode("utf-8"))
    return b"\n".join(chunks)
