"""The start page "I dag": each app's panel, only what the viewer may see, few queries."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ombud.accounts.models import Membership
from ombud.cooperation.models import CentreRequest, CounsellingSchedule
from ombud.portal.models import Contact, ContactStatus
from ombud.reports.models import ReportDraft, ReportSection
from ombud.whistleblower import services as wb_services
from ombud.whistleblower.models import Report
from tests.helpers.case_data import make_case
from tests.helpers.personas import Personas, verified_client
from tests.helpers.whistleblower import SECRET_TEXT, WbSetup, sample_input

pytestmark = pytest.mark.clock_sensitive


def _today_url(slug: str = "ishoj") -> str:
    return reverse("core:today", args=[slug])


def _request(case: Any, *, deadline: dt.date, replied_at: dt.datetime | None = None) -> None:
    CentreRequest.objects.create(
        municipality=case.municipality,
        case=case,
        centre=case.centre,
        question="Hvornår?",
        sent_at=timezone.now() - dt.timedelta(days=20),
        deadline=deadline,
        replied_at=replied_at,
    )


def _working_day(personas: Personas) -> None:
    """A register with something in every panel an advisor sees."""
    today = timezone.localdate()
    old = make_case(personas.ishoj, opened_on=today - dt.timedelta(days=200))
    _request(old, deadline=today - dt.timedelta(days=3))
    _request(old, deadline=today - dt.timedelta(days=1))
    _request(old, deadline=today)
    _request(old, deadline=today, replied_at=timezone.now() - dt.timedelta(hours=1))
    for reference, status in [("K-1", ContactStatus.PENDING), ("K-2", ContactStatus.WAITING_LIST)]:
        Contact.objects.create(
            municipality=personas.ishoj,
            reference=reference,
            kind="complaint",
            what_happened="Hjælp",
            name="Bo",
            consent_to_contact_centre=True,
            status=status,
        )
    CounsellingSchedule.objects.create(
        municipality=personas.ishoj,
        weekday=today.weekday(),
        starts_at=dt.time(14),
        ends_at=dt.time(17),
        place="Biblioteket",
    )
    draft = ReportDraft.objects.create(
        municipality=personas.ishoj,
        kind="annual",
        title="Årsberetning i år",
        period_start=today - dt.timedelta(days=100),
        period_end=today,
    )
    ReportSection.objects.create(
        draft=draft,
        key="intro",
        heading="Forord",
        body_markdown="[Skriv forordet her]\n\n[Indsæt et eksempel]",
        order=1,
    )


def test_an_advisor_sees_every_panel_with_counts_and_links(
    personas: Personas, advisor_client: Client
) -> None:
    _working_day(personas)
    page = advisor_client.get(_today_url()).content.decode()
    slug = "ishoj"
    assert reverse("cooperation:requests", args=[slug]) in page
    assert "2</strong> forespørgsler til centre har overskredet fristen" in page
    assert "1</strong> forespørgsel til et center har frist inden for to arbejdsdage" in page
    assert "1</strong> svar fra et center siden dit sidste besøg" in page
    assert "1</strong> ny henvendelse fra den offentlige side" in page
    assert "1</strong> borger på ventelisten" in page
    assert "1</strong> sag har været åben i mere end 90 dage" in page
    assert reverse("cooperation:capacity", args=[slug]) + "#long-open" in page
    assert "Åben rådgivning i dag fra 14.00 til 17.00 på Biblioteket" in page
    assert "2</strong> pladsholdere mangler: Årsberetning i år" in page
    draft = ReportDraft.objects.get()
    assert reverse("reports:edit", args=[slug, draft.public_id]) in page
    # Not a whistleblower handler: no such panel.
    assert "Whistleblower" not in page.split('id="main-content"')[-1]


def test_the_menu_shows_the_number_that_waits(personas: Personas, advisor_client: Client) -> None:
    _working_day(personas)
    advisor_client.get(_today_url())
    case_list = advisor_client.get(reverse("cases:list", args=["ishoj"])).content.decode()
    # 2 overdue + 1 due soon + 1 answered + 1 new contact + 1 waiting + 1 long open (+ the
    # centre task of the first case); the draft's placeholders and own cases are not counted.
    assert 'class="ombud-count">8<span class="sr-only"> ting venter' in case_list


def test_a_read_only_member_sees_no_contacts(personas: Personas) -> None:
    _working_day(personas)
    page = verified_client(personas.reader).get(_today_url()).content.decode()
    assert "henvendelse" not in page
    assert "ventelisten" not in page
    assert "overskredet fristen" in page  # counts about requests hold no names


def test_a_stranger_gets_404(personas: Personas) -> None:
    assert verified_client(personas.outsider).get(_today_url()).status_code == 404


def test_the_start_is_today(personas: Personas) -> None:
    client = verified_client(personas.assistant)
    assert client.get(reverse("core:home")).url == _today_url()


def test_replies_count_from_the_last_visit(personas: Personas, advisor_client: Client) -> None:
    today = timezone.localdate()
    case = make_case(personas.ishoj, opened_on=today)
    _request(case, deadline=today, replied_at=timezone.now() - dt.timedelta(hours=3))
    _request(case, deadline=today, replied_at=timezone.now() - dt.timedelta(minutes=30))
    Membership.objects.filter(user=personas.advisor, municipality=personas.ishoj).update(
        today_seen_at=timezone.now() - dt.timedelta(hours=1)
    )
    page = advisor_client.get(_today_url()).content.decode()
    assert "1</strong> svar fra et center siden dit sidste besøg" in page
    # Looking again in the same session keeps the news; a new session starts from this visit.
    assert "1</strong> svar fra et center" in advisor_client.get(_today_url()).content.decode()
    fresh = verified_client(personas.advisor).get(_today_url()).content.decode()
    assert "siden dit sidste besøg" not in fresh


def _report_received(wb: WbSetup, days_ago: int, *, acknowledged: bool = False) -> None:
    submission = wb_services.report_submit(municipality=wb.scheme.municipality, data=sample_input())
    received = timezone.now() - dt.timedelta(days=days_ago)
    Report.objects.filter(pk=submission.report.pk).update(
        received_at=received, acknowledged_at=received if acknowledged else None
    )


def test_a_handler_sees_deadlines_and_nothing_of_a_report(wb: WbSetup) -> None:
    _report_received(wb, 6)  # acknowledgement due in a day
    _report_received(wb, 10)  # acknowledgement missed
    _report_received(wb, 85, acknowledged=True)  # feedback due within 14 days
    page = verified_client(wb.handler_user).get(_today_url()).content.decode()
    assert "1</strong> indberetning skal kvitteres inden for 2 dage (7-dagesfristen)" in page
    assert "1</strong> indberetning blev ikke kvitteret inden for 7 dage" in page
    assert "1</strong> indberetning skal have svar inden for 14 dage (3-månedersfristen)" in page
    assert reverse("whistleblower:handler_list", args=["ishoj"]) in page
    assert SECRET_TEXT not in page
    assert "Kassereren" not in page


def test_it_pins_the_queries(
    personas: Personas, advisor_client: Client, django_assert_max_num_queries: Any
) -> None:
    _working_day(personas)
    advisor_client.get(_today_url())
    with django_assert_max_num_queries(18):
        assert advisor_client.get(_today_url()).status_code == 200


def test_data_subject_requests_show_by_their_deadline(
    personas: Personas, advisor_client: Client
) -> None:
    from ombud.records.services import data_request_register

    today = timezone.localdate()
    citizen = make_case(personas.ishoj).citizen
    for received in (today - dt.timedelta(days=40), today - dt.timedelta(days=25), today):
        data_request_register(
            actor=personas.advisor,
            municipality=personas.ishoj,
            citizen=citizen,
            kind="access",
            received_on=received,
        )
    page = advisor_client.get(_today_url()).content.decode()
    assert "1</strong> anmodning fra en registreret har overskredet fristen" in page
    assert "1</strong> anmodning fra en registreret skal besvares inden for en uge" in page
    assert "1</strong> anden anmodning fra en registreret er åben" in page
    assert reverse("records:requests", args=["ishoj"]) in page
    assert citizen.name not in page
    reader = verified_client(personas.reader).get(_today_url()).content.decode()
    assert "anmodning fra en registreret" not in reader
