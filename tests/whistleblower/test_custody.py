"""Four-eyes custody of the report keys (docs/decisions/0007-whistleblower-custody.md): no single
account, whatever its role, reaches report content alone."""

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from ombud.accounts.models import Membership
from ombud.accounts.services import membership_update
from ombud.whistleblower import crypto, services
from ombud.whistleblower.models import Handler, KeyGrant, ReportFile
from ombud.whistleblower.services.common import Upload
from tests.helpers.personas import PASSWORD, Personas, verified_client
from tests.helpers.whistleblower import (
    REPORTER_NAME,
    SECRET_TEXT,
    WbSetup,
    designate_approved,
    handler_user,
    sample_input,
    unlocked_handler_client,
)

pytestmark = pytest.mark.django_db

FILE_TEXT = "Bilag: hemmelig-kontoudskrift-7731"


def _code(handler: Handler) -> str:
    handler.refresh_from_db()
    return crypto.approval_code(bytes(handler.public_key or b""))


def _self_designated_admin(personas: Personas) -> tuple[Handler, Client]:
    """The attack from the issue: the administrator designates themselves and unlocks."""
    admin_handler = services.handler_designate(
        actor=personas.admin, municipality=personas.ishoj, user=personas.admin
    )
    client = verified_client(personas.admin)
    client.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": PASSWORD})
    admin_handler.refresh_from_db()
    return admin_handler, client


def test_a_self_designated_administrator_gets_no_key_when_a_handler_unlocks(
    wb: WbSetup, personas: Personas
) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    admin_handler, client = _self_designated_admin(personas)
    assert admin_handler.has_keys and not admin_handler.is_approved
    services.handler_unlock(handler=wb.handler, password=PASSWORD)  # used to share everything
    later = services.report_submit(municipality=personas.ishoj, data=sample_input())
    assert not KeyGrant.objects.filter(handler=admin_handler).exists()
    detail = reverse("whistleblower:detail", args=["ishoj", submission.report.public_id])
    assert client.get(detail)["Location"] == reverse("whistleblower:pending", args=["ishoj"])
    assert later.report.public_id  # a report submitted while pending is not sealed to it either


def test_no_one_approves_themselves_or_their_own_designation(
    wb: WbSetup, personas: Personas
) -> None:
    admin_handler, _client = _self_designated_admin(personas)
    code = _code(admin_handler)
    with pytest.raises(PermissionDenied):  # the designee, even if the designee were approved
        services.handler_approve(
            approver=admin_handler, approver_key=b"x" * 32, designee=admin_handler, code=code
        )
    # A handler who designated someone cannot approve that designation.
    user = handler_user("sanne", personas)
    own = services.handler_designate(actor=wb.handler_user, municipality=personas.ishoj, user=user)
    services.handler_unlock(handler=own, password=PASSWORD)
    with pytest.raises(PermissionDenied):
        services.handler_approve(
            approver=wb.handler, approver_key=wb.private_key, designee=own, code=_code(own)
        )
    with pytest.raises(ValidationError):  # a wrong code
        services.handler_approve(
            approver=wb.handler,
            approver_key=wb.private_key,
            designee=admin_handler,
            code="AAAAAAAA",
        )
    assert not Handler.objects.filter(approved_at__isnull=False, user=personas.admin).exists()


def test_another_handler_approves_with_the_code_and_every_handler_is_told(
    wb: WbSetup, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    wb.handler_user.email = "hanne@ishoj.example"
    wb.handler_user.save()
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_handler, admin_client = _self_designated_admin(personas)
    assert [m.to for m in mail.outbox] == [["hanne@ishoj.example"]]
    assert SECRET_TEXT not in mail.outbox[0].body and "Ali Administrator" in mail.outbox[0].body
    pending = admin_client.get(reverse("whistleblower:pending", args=["ishoj"]))
    code = _code(admin_handler)
    assert f"{code[:4]} {code[4:]}" in pending.content.decode()

    handler = unlocked_handler_client(wb)
    approve = reverse("whistleblower:approve", args=["ishoj", admin_handler.pk])
    wrong = handler.post(approve, {f"{admin_handler.pk}-code": "BBBBBBBB"})
    assert wrong.status_code == 400 and not KeyGrant.objects.filter(handler=admin_handler).exists()
    spoken = f"{code[:4].lower()}-{code[4:]}"  # as read over the phone
    with django_capture_on_commit_callbacks(execute=True):
        assert handler.post(approve, {f"{admin_handler.pk}-code": spoken}).status_code == 302
    assert KeyGrant.objects.filter(handler=admin_handler, identity_key__isnull=False).exists()
    detail = reverse("whistleblower:detail", args=["ishoj", submission.report.public_id])
    assert SECRET_TEXT in admin_client.get(detail).content.decode()
    assert len(mail.outbox) == 2 and "Ali Administrator" in mail.outbox[-1].body


def test_revoking_or_ending_the_membership_removes_the_grants_at_once(
    wb: WbSetup, personas: Personas
) -> None:
    services.report_submit(municipality=personas.ishoj, data=sample_input())
    second = designate_approved(wb, personas, handler_user("sanne", personas))
    third = designate_approved(wb, personas, handler_user("tove", personas))
    assert KeyGrant.objects.filter(handler=second).exists()
    services.handler_revoke(actor=personas.admin, handler=second)
    assert not KeyGrant.objects.filter(handler=second).exists()
    membership = Membership.objects.get(user=third.user, municipality=personas.ishoj)
    membership_update(
        actor=personas.admin, membership=membership, role="read_only", is_active=False
    )
    third.refresh_from_db()
    assert not third.is_active and not KeyGrant.objects.filter(handler=third).exists()


def test_a_key_reset_needs_a_new_approval(wb: WbSetup, personas: Personas) -> None:
    services.report_submit(municipality=personas.ishoj, data=sample_input())
    second = designate_approved(wb, personas, handler_user("sanne", personas))
    services.handler_reset_keys(actor=personas.admin, handler=second)
    services.handler_unlock(handler=second, password=PASSWORD)  # a new key pair
    services.handler_unlock(handler=wb.handler, password=PASSWORD)
    second.refresh_from_db()
    assert not second.is_approved and not KeyGrant.objects.filter(handler=second).exists()


def test_the_data_migration_approves_only_handlers_who_hold_keys(
    wb: WbSetup, personas: Personas
) -> None:
    waiting = services.handler_designate(
        actor=None, municipality=personas.ishoj, user=handler_user("sanne", personas)
    )
    Handler.objects.update(approved_at=None)
    migration = importlib.import_module("ombud.whistleblower.migrations.0014_handler_approval")
    migration.approve_keyed_handlers(apps, None)
    assert Handler.objects.get(pk=wb.handler.pk).is_approved
    assert not Handler.objects.get(pk=waiting.pk).is_approved


# Walking every route ----------------------------------------------------------------------------


def _route_kwargs(wb: WbSetup, personas: Personas) -> dict[str, object]:
    submission = services.report_submit(
        municipality=personas.ishoj,
        data=sample_input(),
        uploads=[Upload(name="bilag.txt", content=FILE_TEXT.encode())],
    )
    report_file = ReportFile.objects.get(report=submission.report)
    return {
        "slug": "ishoj",
        "public_id": submission.report.public_id,
        "file_id": report_file.public_id,
        "handler_id": wb.handler.pk,
        "change": "view",  # not a change the view knows: a GET must not change anything
        "disclosure_id": 1,
    }


def _whistleblower_urls(kwargs: dict[str, object]) -> list[str]:
    resolver = get_resolver()
    namespace = resolver.namespace_dict["whistleblower"][1]
    urls = []
    for pattern in namespace.url_patterns:
        assert isinstance(pattern, URLPattern)
        wanted = {name: kwargs[name] for name in pattern.pattern.regex.groupindex}
        urls.append(reverse(f"whistleblower:{pattern.name}", kwargs=wanted))
    return urls


def _leaks(client: Client, url: str) -> bool:
    response = client.get(url, follow=True)
    body = response.content.decode(errors="replace")
    return any(secret in body for secret in (SECRET_TEXT, REPORTER_NAME, FILE_TEXT))


def _people(wb: WbSetup, personas: Personas) -> dict[str, Client]:
    _admin_handler, pending_admin = _self_designated_admin(personas)
    investigator_user = handler_user("ivan", personas)
    designate_approved(wb, personas, investigator_user, role="investigator")
    investigator = verified_client(investigator_user)
    investigator.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": PASSWORD})
    return {
        "administrator (self-designated, pending)": pending_admin,
        "auditor": verified_client(personas.reader),
        "assistant": verified_client(personas.assistant),
        "advisor": verified_client(personas.advisor),
        "investigator (nothing forwarded)": investigator,
        "outsider": verified_client(personas.outsider),
        "anonymous": Client(),
    }


def test_no_single_account_reaches_report_content_through_any_route(
    wb: WbSetup, personas: Personas
) -> None:
    kwargs = _route_kwargs(wb, personas)
    urls = [
        *_whistleblower_urls(kwargs),
        reverse("core:audit_log", args=["ishoj"]),
        reverse("cases:inbox", args=["ishoj"]),
    ]
    handler = unlocked_handler_client(wb)
    detail = reverse("whistleblower:detail", args=["ishoj", kwargs["public_id"]])
    assert _leaks(handler, detail)  # the walk can see a leak when there is one
    leaks = [
        (who, url)
        for who, client in _people(wb, personas).items()
        for url in urls
        if _leaks(client, url)
    ]
    assert leaks == []
