import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ombud.cases.models import Case, Citizen, JournalEntry
from ombud.cooperation import services
from ombud.cooperation.models import (
    CentreRequest,
    CentreTask,
    CounsellingSession,
    IntakePause,
    Meeting,
    RequestMethod,
    WalkInStatus,
)
from ombud.cooperation.services import RequestInput
from tests.helpers import case_data
from tests.helpers.personas import Personas, verified_client

PAGES = [
    "overview",
    "requests",
    "meetings",
    "counselling",
    "capacity",
    "contacts",
    "deadlines",
]


@pytest.mark.parametrize("name", PAGES)
def test_it_shows_the_staff_pages(personas: Personas, advisor_client: Client, name: str) -> None:
    assert advisor_client.get(reverse(f"cooperation:{name}", args=["ishoj"])).status_code == 200


@pytest.mark.parametrize("name", [*PAGES, "settings"])
def test_it_hides_the_pages_from_an_outsider(personas: Personas, name: str) -> None:
    client = verified_client(personas.outsider)
    assert client.get(reverse(f"cooperation:{name}", args=["ishoj"])).status_code == 404


def test_it_forbids_the_reader_to_write(personas: Personas) -> None:
    client = verified_client(personas.reader)
    assert client.get(reverse("cooperation:capacity", args=["ishoj"])).status_code == 200
    url = reverse("cooperation:capacity", args=["ishoj"])
    response = client.post(url, {"starts_on": "2026-12-01", "reopens_on": "2026-12-20"})
    assert response.status_code == 403
    assert client.post(reverse("cooperation:session_start", args=["ishoj"])).status_code == 403
    case = case_data.make_case(personas.ishoj)
    url = reverse("cooperation:request_create", args=["ishoj", case.reference])
    assert client.get(url).status_code == 403
    assert not IntakePause.objects.exists()


def test_it_sends_a_request_from_a_case(
    personas: Personas, advisor_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    case = case_data.make_case(personas.ishoj)
    page = reverse("cases:detail", args=["ishoj", case.reference])
    assert b"send-request" in advisor_client.get(page).content
    url = reverse("cooperation:request_create", args=["ishoj", case.reference])
    with django_capture_on_commit_callbacks(execute=True):
        response = advisor_client.post(
            url,
            {
                "centre": case.centre_id,
                "method": "email",
                "recipient_email": "chef@example.org",
                "question": "Status?",
            },
        )
    assert response.status_code == 302
    request = CentreRequest.objects.get()
    assert request.recipient_email == "chef@example.org"
    assert len(mail.outbox) == 1
    detail = advisor_client.get(response["Location"])
    assert detail.status_code == 200


def test_it_logs_a_reply_and_marks_it_insufficient(
    personas: Personas, advisor_client: Client
) -> None:
    case = case_data.make_case(personas.ishoj)
    request, _token = services.request_send(
        actor=personas.advisor,
        case=case,
        data=RequestInput(
            centre=None,
            external_body=case_data.external_body(personas.ishoj),
            method=RequestMethod.PHONE,
            recipient_name="",
            recipient_email="",
            question="Q",
        ),
    )
    url = reverse("cooperation:request", args=["ishoj", request.public_id])
    assert advisor_client.post(url, {"reply": "Kort svar"}).status_code == 302
    url = reverse("cooperation:request_insufficient", args=["ishoj", request.public_id])
    advisor_client.post(url, {"insufficient": "1"})
    request.refresh_from_db()
    assert request.replied_at is not None and request.insufficient
    assert JournalEntry.objects.filter(case=case).count() == 2


def test_it_registers_a_case_and_creates_the_first_case_task(
    personas: Personas, advisor_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    centre = case_data.centre(personas.ishoj)
    with django_capture_on_commit_callbacks(execute=True):
        case_data.make_case(personas.ishoj)
    assert CentreTask.objects.filter(centre=centre).count() == 1
    task = CentreTask.objects.get()
    page = advisor_client.get(reverse("cooperation:overview", args=["ishoj"]))
    assert b"task-list" in page.content
    advisor_client.post(reverse("cooperation:task_done", args=["ishoj", task.pk]))
    task.refresh_from_db()
    assert task.done_at is not None


@pytest.mark.clock_sensitive
def test_it_runs_a_walk_in_session_and_offers_a_calendar_file(
    personas: Personas, advisor_client: Client
) -> None:
    response = advisor_client.post(reverse("cooperation:session_start", args=["ishoj"]))
    session = CounsellingSession.objects.get()
    assert response["Location"].endswith(f"{session.public_id}/")
    for label in ("A", "B"):
        advisor_client.post(response["Location"], {"label": label})
    first, second = session.walk_ins.all()
    url = reverse("cooperation:walk_in_case", args=["ishoj", first.public_id])
    centre = case_data.centre(personas.ishoj)
    result = advisor_client.post(url, {"kind": "inquiry", "name": "Bente", "centre": centre.pk})
    assert result.status_code == 302
    first.refresh_from_db()
    assert first.status == WalkInStatus.CASE and first.case is not None
    assert first.case.channel is not None and first.case.channel.code == "open_counselling"
    when = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT10:00")
    url = reverse("cooperation:walk_in_book", args=["ishoj", second.public_id])
    advisor_client.post(url, {"meeting_at": when, "place": "Rådhuset", "minutes": 30})
    ics = advisor_client.get(reverse("cooperation:walk_in_ics", args=["ishoj", second.public_id]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content and b"LOCATION:R" in ics.content


def test_it_logs_a_meeting(personas: Personas, advisor_client: Client) -> None:
    url = reverse("cooperation:meetings", args=["ishoj"])
    data = {
        "held_on": "12-03-2026",
        "kind": "mayor",
        "participants": "Borgmester",
        "topics": "Årsberetning",
    }
    assert advisor_client.post(url, data).status_code == 302
    assert Meeting.objects.get().held_on == dt.date(2026, 3, 12)


@pytest.mark.clock_sensitive
def test_it_pauses_intake(personas: Personas, advisor_client: Client) -> None:
    today = timezone.localdate()
    url = reverse("cooperation:capacity", args=["ishoj"])
    data = {
        "starts_on": today.isoformat(),
        "reopens_on": (today + dt.timedelta(days=21)).isoformat(),
    }
    assert advisor_client.post(url, data).status_code == 302
    assert IntakePause.objects.get().reopens_on == today + dt.timedelta(days=21)
    bad = advisor_client.post(
        url, {"starts_on": today.isoformat(), "reopens_on": today.isoformat()}
    )
    assert bad.status_code == 200
    assert IntakePause.objects.count() == 1


@pytest.mark.clock_sensitive
def test_it_leaves_pausing_and_reopening_intake_to_the_advisor(personas: Personas) -> None:
    today = timezone.localdate()
    assistant = verified_client(personas.assistant)
    url = reverse("cooperation:capacity", args=["ishoj"])
    page = assistant.get(url).content.decode()
    assert 'id="pause-form"' not in page
    data = {
        "starts_on": today.isoformat(),
        "reopens_on": (today + dt.timedelta(days=7)).isoformat(),
    }
    assert assistant.post(url, data).status_code == 403
    assert verified_client(personas.advisor).post(url, data).status_code == 302
    pause = IntakePause.objects.get()
    end = reverse("cooperation:pause_end", args=["ishoj", pause.pk])
    assert assistant.post(end).status_code == 403
    assert verified_client(personas.advisor).post(end).status_code == 302


def test_it_pins_the_request_list_query_count(
    personas: Personas, advisor_client: Client, django_assert_max_num_queries: object
) -> None:
    for _ in range(3):
        case = case_data.make_case(personas.ishoj)
        services.request_send(
            actor=personas.advisor,
            case=case,
            data=RequestInput(
                centre=case.centre,
                external_body=None,
                method=RequestMethod.PHONE,
                recipient_name="",
                recipient_email="",
                question="Q",
            ),
        )
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        advisor_client.get(reverse("cooperation:requests", args=["ishoj"]))


def test_it_tells_the_inbox_about_waiting_contacts_and_tasks(
    personas: Personas, advisor_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    url = reverse("cooperation:inbox_notice", args=["ishoj"])
    assert advisor_client.get(url).content.strip() == b""
    with django_capture_on_commit_callbacks(execute=True):
        case_data.make_case(personas.ishoj)
    inbox = advisor_client.get(reverse("cases:inbox", args=["ishoj"])).content.decode()
    assert url in inbox
    assert b"cooperation-notice" in advisor_client.get(url).content
    assert verified_client(personas.outsider).get(url).status_code == 404


def test_it_goes_from_a_reference_to_the_request_form(
    personas: Personas, advisor_client: Client
) -> None:
    case = case_data.make_case(personas.ishoj)
    url = reverse("cooperation:requests", args=["ishoj"])
    response = advisor_client.get(url, {"ref": case.reference})
    assert response["Location"] == reverse(
        "cooperation:request_create", args=["ishoj", case.reference]
    )
    assert advisor_client.get(url, {"ref": "nope"}).status_code == 200


def test_it_saves_the_settings(personas: Personas, advisor_client: Client) -> None:
    url = reverse("cooperation:settings", args=["ishoj"])
    assert advisor_client.get(url).status_code == 200
    data = {
        "reply_deadline_days": 5,
        "remind_before_days": 1,
        "remind_after_days": 1,
        "link_valid_days": 14,
        "chief_notice_mode": "weekly",
        "closed_christmas_eve": "on",
        "capacity_threshold": 30,
        "long_open_days": 60,
    }
    assert advisor_client.post(url, data).status_code == 302
    conf = services.settings_for(personas.ishoj)
    assert conf.reply_deadline_days == 5 and not conf.closed_constitution_day


def test_a_walk_in_for_a_known_citizen_offers_the_match_and_keeps_citizens_unique(
    personas: Personas, advisor_client: Client
) -> None:
    known = case_data.citizen(personas.ishoj, "Bente Holm", email="bente@example.dk")
    elsewhere = case_data.citizen(personas.hvidovre, "Bente Holm", email="bente@example.dk")
    session = services.session_start(actor=personas.advisor, municipality=personas.ishoj)
    walk_in = services.walk_in_add(actor=personas.advisor, session=session, label="Bente")
    url = reverse("cooperation:walk_in_case", args=["ishoj", walk_in.public_id])
    centre = case_data.centre(personas.ishoj)
    data = {
        "kind": "inquiry",
        "name": "Bente Holm",
        "email": "BENTE@example.dk",
        "centre": centre.pk,
    }

    first = advisor_client.post(url, data)

    # Nothing is registered yet: the advisor must choose the known citizen or a new one.
    assert first.status_code == 200
    assert str(known.public_id).encode() in first.content
    assert str(elsewhere.public_id).encode() not in first.content
    assert "Vælg en eksisterende borger eller en ny".encode() in first.content
    assert not Case.objects.exists()

    second = advisor_client.post(url, {**data, "citizen": str(known.public_id)})

    assert second.status_code == 302
    case = Case.objects.get()
    assert case.citizen_id == known.pk
    assert Citizen.objects.filter(municipality=personas.ishoj).count() == 1


def test_a_walk_in_can_still_be_a_new_citizen_despite_a_match(
    personas: Personas, advisor_client: Client
) -> None:
    case_data.citizen(personas.ishoj, "Bente Holm")
    session = services.session_start(actor=personas.advisor, municipality=personas.ishoj)
    walk_in = services.walk_in_add(actor=personas.advisor, session=session, label="B")
    url = reverse("cooperation:walk_in_case", args=["ishoj", walk_in.public_id])
    centre = case_data.centre(personas.ishoj)
    data = {"kind": "inquiry", "name": "Bente Holm", "phone": "12 34 56 78", "citizen": "new"}
    data["centre"] = str(centre.pk)

    assert advisor_client.post(url, data).status_code == 302

    citizen = Case.objects.get().citizen
    assert citizen.phone == "12 34 56 78"
    assert Citizen.objects.filter(municipality=personas.ishoj).count() == 2
