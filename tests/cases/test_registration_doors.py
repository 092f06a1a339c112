"""Every door into the register announces `cases_registered` through the cases services, so a
case registered anywhere gets the same follow-up: the first live case about a centre makes the
task to invite the centre, and a live complaint tells the centre's chief (docs/architecture.md,
"Events"). History — imported cases, cases already closed — makes neither (docs/cooperation.md)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ombud.cases.exchange.importer import import_cases
from ombud.cases.models import Case, CaseKind, CaseStatus, Centre
from ombud.cooperation import services as coop
from ombud.cooperation.models import CentreNotice, CentreTask
from ombud.demo.cases import DemoBuilder
from ombud.demo.data import DEMO
from ombud.portal.models import Contact
from ombud.portal.services import contact_accept
from tests.helpers import case_data
from tests.helpers.exchange import GOOD_ROWS, csv_bytes
from tests.helpers.personas import Personas, verified_client
from tests.helpers.portal import contact_form

pytestmark = pytest.mark.django_db
CHIEF = "chef@example.org"


def _form(p: Personas) -> None:
    response = verified_client(p.advisor).post(
        reverse("cases:create", args=["ishoj"]), case_data.case_form(p)
    )
    assert response.status_code == 302


def _portal(p: Personas) -> None:
    Client().post(reverse("portal:contact", args=["ishoj"]), contact_form(p))
    contact_accept(actor=p.advisor, contact=Contact.objects.get())


def _walk_in(p: Personas) -> None:
    session = coop.session_start(actor=p.advisor, municipality=p.ishoj)
    coop.walk_in_make_case(
        actor=p.advisor,
        walk_in=coop.walk_in_add(actor=p.advisor, session=session),
        kind=CaseKind.COMPLAINT,
        person={"name": "Walter Walk-In", "phone": "11223344"},
        centre=case_data.centre(p.ishoj),
        external_body=None,
        summary="Klager over ventetid",
    )


def _import(p: Personas) -> None:
    result = import_cases(actor=p.advisor, municipality=p.ishoj, source=csv_bytes(GOOD_ROWS))
    assert result.created == len(GOOD_ROWS)


def _demo(p: Personas) -> None:
    builder = DemoBuilder(
        municipality=p.ishoj, place=DEMO, handler=p.advisor, today=dt.date(2026, 11, 27)
    )
    for contact in builder.plan_year(2026, 3):
        builder.create_contact(contact)


DOORS: dict[str, Callable[[Personas], None]] = {
    "form": _form,
    "portal": _portal,
    "walk-in": _walk_in,
    "import": _import,
    "demo": _demo,
}


@pytest.mark.parametrize("door", DOORS)
def test_every_door_gives_a_registered_case_the_same_follow_up(
    personas: Personas, door: str, django_capture_on_commit_callbacks: Any
) -> None:
    Centre.objects.filter(municipality=personas.ishoj).update(chief_email=CHIEF)
    with django_capture_on_commit_callbacks(execute=True):
        DOORS[door](personas)
    cases = Case.objects.filter(municipality=personas.ishoj, centre__isnull=False)
    if door == "import":  # the register's past: no task, no notice, no mail
        assert cases.exists()
        assert not CentreTask.objects.exists()
        assert not CentreNotice.objects.exists()
        assert mail.outbox == []
        return
    cases = cases.exclude(status=CaseStatus.CLOSED)
    complaints = cases.filter(kind=CaseKind.COMPLAINT)
    assert complaints.exists()
    first_cases = {c.centre_id for c in cases}
    assert set(CentreTask.objects.values_list("centre_id", flat=True)) == first_cases
    assert set(CentreNotice.objects.values_list("case_id", flat=True)) == set(
        complaints.values_list("pk", flat=True)
    )
    assert not CentreNotice.objects.filter(sent_at__isnull=True).exists()
    assert {tuple(m.to) for m in mail.outbox} == {(CHIEF,)}
    sent = "\n".join(m.body for m in mail.outbox)
    assert all(c.reference in sent for c in complaints)


def test_a_case_that_is_not_committed_is_not_announced(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_data.make_case(personas.ishoj)
    assert len(callbacks) == 1
    assert not CentreTask.objects.exists() and not CentreNotice.objects.exists()


def test_history_makes_no_follow_up_but_the_first_live_case_does(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    """Importing an old register tells no chief; a case typed in already closed neither; the
    centre's first open case registered afterwards makes the task and the notice."""
    Centre.objects.filter(municipality=personas.ishoj).update(chief_email=CHIEF)
    with django_capture_on_commit_callbacks(execute=True):
        _import(personas)
        closed = case_data.make_case(
            personas.ishoj,
            status=CaseStatus.CLOSED,
            closed_on=dt.date(2026, 3, 20),
            outcome=case_data.outcome(personas.ishoj),
        )
    assert not CentreTask.objects.exists() and not CentreNotice.objects.exists()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        live = case_data.make_case(personas.ishoj)
    assert list(CentreTask.objects.values_list("case_id", flat=True)) == [live.pk]
    assert list(CentreNotice.objects.values_list("case_id", flat=True)) == [live.pk]
    assert [m.to for m in mail.outbox] == [[CHIEF]]
    assert closed.reference not in mail.outbox[0].body
