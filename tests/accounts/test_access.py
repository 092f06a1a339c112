import pytest
from django.test import Client
from django.urls import reverse

from ombud.core.models import AuditAction, AuditEvent
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db

MUNICIPALITY_PAGES = [
    "cases:inbox",
    "cases:list",
    "cases:create",
    "cases:citizens",
    "cases:import",
    "cases:taxonomy",
    "stats:overview",
    "core:audit_log",
]


@pytest.mark.parametrize("name", MUNICIPALITY_PAGES)
def test_it_hides_another_municipality_behind_404(personas: Personas, name: str) -> None:
    client = verified_client(personas.outsider)
    response = client.get(reverse(name, args=["ishoj"]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", MUNICIPALITY_PAGES)
def test_it_sends_anonymous_users_to_login(personas: Personas, name: str) -> None:
    response = Client().get(reverse(name, args=["ishoj"]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_returns_404_for_unknown_municipality(personas: Personas) -> None:
    response = verified_client(personas.advisor).get(reverse("cases:inbox", args=["nowhere"]))
    assert response.status_code == 404


def test_it_lets_the_shared_advisor_into_both_municipalities(personas: Personas) -> None:
    client = verified_client(personas.advisor)
    assert client.get(reverse("cases:inbox", args=["ishoj"])).status_code == 200
    assert client.get(reverse("cases:inbox", args=["hvidovre"])).status_code == 200
    assert client.get(reverse("cases:inbox", args=["brondby"])).status_code == 404


def test_it_forbids_an_assistant_from_editing_the_taxonomy(personas: Personas) -> None:
    client = verified_client(personas.assistant)
    assert client.get(reverse("cases:taxonomy", args=["ishoj"])).status_code == 403
    assert client.get(reverse("cases:import", args=["ishoj"])).status_code == 403
    assert client.get(reverse("core:audit_log", args=["ishoj"])).status_code == 403


def test_it_forbids_a_reader_from_registering_cases(personas: Personas) -> None:
    client = verified_client(personas.reader)
    assert client.get(reverse("cases:list", args=["ishoj"])).status_code == 200
    assert client.get(reverse("cases:create", args=["ishoj"])).status_code == 403


def test_it_sends_an_advisor_without_verified_2fa_to_verify(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.advisor, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("cases:inbox", args=["ishoj"]))
    assert response.status_code == 302
    assert response.url == reverse("accounts:verify")


def test_it_lets_the_admin_read_the_audit_log(personas: Personas) -> None:
    client = verified_client(personas.admin)
    response = client.get(reverse("core:audit_log", args=["ishoj"]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(municipality=personas.ishoj).exists()
    assert "Ishøj Kommune" in response.content.decode()


def test_it_refuses_to_change_or_delete_audit_events(personas: Personas) -> None:
    event = AuditEvent.objects.filter(action=AuditAction.CREATE).first()
    assert event is not None
    event.summary = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(summary="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_the_audit_log_names_whistleblower_actions_in_danish() -> None:
    from django.utils import translation

    from ombud.core.models import AuditAction, AuditEvent

    with translation.override("da"):
        labels = {a: AuditEvent(action=a).get_action_display() for a in ("escalate", "view_report")}
    assert labels == {
        AuditAction.ESCALATE: "Eskalerede en overskredet frist",
        AuditAction.VIEW_REPORT: "Åbnede en whistleblowerindberetning",
    }
