"""A handler's actions on a report: a refused form shows the report page again with what was
typed and the error beside the field, instead of a bare "not filled in correctly"."""

import pytest
from django.urls import reverse

from ombud.whistleblower import services
from ombud.whistleblower.models import Report, ReportMessage
from tests.helpers.personas import Personas, verified_client
from tests.helpers.whistleblower import WbSetup, sample_input, unlocked_handler_client

pytestmark = pytest.mark.django_db


def _report(personas: Personas) -> list[object]:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    return ["ishoj", submission.report.public_id]


def test_an_invalid_form_is_shown_again_with_its_field_error_and_text(
    wb: WbSetup, personas: Personas
) -> None:
    args = _report(personas)
    typed = "Tak, vi har talt med kassereren og"
    response = unlocked_handler_client(wb).post(
        reverse("whistleblower:close", args=args), {"close-outcome": "", "close-message": typed}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="form-errors"' in page and 'href="#id_close-outcome"' in page
    assert typed in page  # what was typed is not lost
    assert Report.objects.get().status != "closed"


def test_a_refusal_from_the_service_is_shown_with_the_form(wb: WbSetup, personas: Personas) -> None:
    args = _report(personas)
    client = unlocked_handler_client(wb)
    url = reverse("whistleblower:acknowledge", args=args)
    assert client.post(url, {"ack-message": "Modtaget."}).status_code == 302
    again = client.post(url, {"ack-message": "Modtaget igen."})  # already acknowledged
    assert again.status_code == 400
    assert 'id="form-errors"' in again.content.decode()
    assert ReportMessage.objects.filter(report__public_id=args[1]).count() == 1


def test_a_valid_form_saves_and_goes_back_to_the_report(wb: WbSetup, personas: Personas) -> None:
    args = _report(personas)
    response = unlocked_handler_client(wb).post(
        reverse("whistleblower:note", args=args), {"note-body": "Kun internt"}
    )
    assert response.status_code == 302
    assert response.url == reverse("whistleblower:detail", args=args)
    assert ReportMessage.objects.filter(is_internal=True, report__public_id=args[1]).exists()


def test_only_handlers_act_and_outsiders_see_nothing(wb: WbSetup, personas: Personas) -> None:
    args = _report(personas)
    url = reverse("whistleblower:note", args=args)
    assert verified_client(personas.outsider).post(url, {"note-body": "x"}).status_code == 404
    assert not ReportMessage.objects.filter(is_internal=True).exists()
