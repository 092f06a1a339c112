"""The data-subject requests' clock on the start page "I dag"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ombud.records.models import RequestKind
from ombud.records.services import data_request_register
from tests.helpers import case_data
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.clock_sensitive


def test_the_advisor_sees_late_and_soon_due_requests_and_the_assistant_none(
    personas: Personas,
) -> None:
    today = timezone.localdate()
    citizen = case_data.citizen(personas.ishoj)
    for days_ago in (40, 25, 0):
        data_request_register(
            actor=personas.advisor,
            municipality=personas.ishoj,
            citizen=citizen,
            kind=RequestKind.ACCESS,
            received_on=today - dt.timedelta(days=days_ago),
        )
    url = reverse("core:today", args=["ishoj"])
    page = verified_client(personas.advisor).get(url).content.decode()
    assert "1</strong> anmodning fra en registreret har overskredet fristen" in page
    assert "1</strong> anmodning fra en registreret har frist inden for en uge" in page
    assert "1</strong> anden åben anmodning fra en registreret" in page
    assert reverse("records:requests", args=["ishoj"]) in page
    page = verified_client(personas.assistant).get(url).content.decode()
    assert reverse("records:requests", args=["ishoj"]) not in page
