"""The open-counselling session page gives the times the session was actually open."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ombud.cooperation import services
from ombud.cooperation.models import CounsellingSchedule
from tests.helpers.personas import Personas


def _at(hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(hour, minute)))


def _heading(content: str) -> str:
    match = re.search(r'<h1 id="session-heading">(.*?)</h1>', content, re.S)
    assert match
    return match.group(1)


@pytest.mark.clock_sensitive
def test_it_heads_the_session_with_its_actual_start_and_end(
    personas: Personas, advisor_client: Client
) -> None:
    schedule = services.schedule_create(
        actor=personas.advisor,
        municipality=personas.ishoj,
        schedule=CounsellingSchedule(
            weekday=timezone.localdate().weekday(),
            starts_at=dt.time(14),
            ends_at=dt.time(17),
            place="Ishøj Bibliotek",
        ),
    )
    with mock.patch("django.utils.timezone.now", return_value=_at(18, 5)):
        session = services.session_start(
            actor=personas.advisor, municipality=personas.ishoj, schedule=schedule
        )
    url = reverse("cooperation:session", args=["ishoj", session.public_id])
    content = advisor_client.get(url).content.decode()
    assert "startet kl. 18:05" in _heading(content)
    assert "14:00" not in _heading(content)
    assert "Planlagt tid: kl. 14:00\N{EN DASH}17:00 · Ishøj Bibliotek" in content

    with mock.patch("django.utils.timezone.now", return_value=_at(19, 40)):
        services.session_close(actor=personas.advisor, session=session)
    content = advisor_client.get(url).content.decode()
    assert "18:05\N{EN DASH}19:40" in _heading(content)
    assert "Planlagt tid: kl. 14:00\N{EN DASH}17:00" in content
    listing = advisor_client.get(reverse("cooperation:counselling", args=["ishoj"]))
    assert "18:05</a>" in listing.content.decode()


@pytest.mark.clock_sensitive
def test_a_session_on_a_day_without_a_time_does_not_borrow_another_days(
    personas: Personas, advisor_client: Client
) -> None:
    other_day = (timezone.localdate().weekday() + 3) % 7
    schedule = services.schedule_create(
        actor=personas.advisor,
        municipality=personas.ishoj,
        schedule=CounsellingSchedule(
            weekday=other_day, starts_at=dt.time(14), ends_at=dt.time(17), place="Rådhuset"
        ),
    )
    page = advisor_client.get(reverse("cooperation:counselling", args=["ishoj"])).content.decode()
    start_form = page.split('id="session-start"')[1].split("</form>")[0]
    assert "Rådhuset" not in start_form
    session = services.session_start(
        actor=personas.advisor, municipality=personas.ishoj, schedule=schedule
    )
    assert session.place != "Rådhuset"
    assert session.held_on == timezone.localdate()
