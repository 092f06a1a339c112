"""A member of staff changes their own password; a handler's whistleblower key follows."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ombud.accounts import services as account_services
from ombud.core.models import AuditEvent
from ombud.whistleblower import selectors, services
from tests.helpers.personas import PASSWORD, Personas, verified_client
from tests.helpers.whistleblower import SECRET_TEXT, WbSetup, sample_input

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-much-newer-horse-staple"


def _change(client: Client, old: str, new: str, again: str | None = None) -> Any:
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_it_relocks_the_handlers_key_so_reports_stay_readable(
    wb: WbSetup, personas: Personas
) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    client = verified_client(wb.handler_user)
    assert client.get(reverse("accounts:password_change")).status_code == 200
    response = _change(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    wb.handler.refresh_from_db()
    wb.handler_user.refresh_from_db()
    assert wb.handler_user.check_password(NEW_PASSWORD)
    with pytest.raises(services.UnlockError):
        services.handler_unlock(handler=wb.handler, password=PASSWORD)
    private_key = services.handler_unlock(handler=wb.handler, password=NEW_PASSWORD)
    opened = selectors.report_read(
        handler=wb.handler, private_key=private_key, report=submission.report
    )
    assert opened.content["what"] == SECRET_TEXT
    summaries = set(AuditEvent.objects.values_list("summary", flat=True))
    assert "Own password changed" in summaries
    assert "Whistleblower key re-locked after a password change" in summaries
    # Still logged in after the change (the session hash was updated).
    assert client.get(reverse("accounts:password_change")).status_code == 200


def test_it_refuses_a_wrong_old_password_and_a_weak_new_one(wb: WbSetup) -> None:
    client = verified_client(wb.handler_user)
    assert _change(client, "wrong", NEW_PASSWORD).status_code == 200
    assert _change(client, PASSWORD, "123").status_code == 200
    assert _change(client, PASSWORD, NEW_PASSWORD, "something-else-entirely").status_code == 200
    wb.handler_user.refresh_from_db()
    assert wb.handler_user.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(summary="Own password changed").exists()


def test_it_changes_nothing_if_the_key_cannot_be_relocked(
    wb: WbSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "handler_rekey", broken)
    with pytest.raises(RuntimeError):
        account_services.user_change_password(
            user=wb.handler_user, old_password=PASSWORD, new_password=NEW_PASSWORD
        )
    wb.handler_user.refresh_from_db()
    assert wb.handler_user.check_password(PASSWORD)


def test_it_works_for_staff_without_keys_and_asks_for_the_second_factor(
    personas: Personas,
) -> None:
    client = verified_client(personas.assistant)
    assert _change(client, PASSWORD, NEW_PASSWORD).status_code == 302
    personas.assistant.refresh_from_db()
    assert personas.assistant.check_password(NEW_PASSWORD)
    unverified = Client()
    unverified.force_login(personas.advisor, backend="django.contrib.auth.backends.ModelBackend")
    response = unverified.get(reverse("accounts:password_change"))
    assert response["Location"] == reverse("accounts:verify")
    assert Client().get(reverse("accounts:password_change")).status_code == 302
