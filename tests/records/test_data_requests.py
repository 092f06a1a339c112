"""Point 1 of issue 15: data-subject requests (GDPR-01): the clock, the extension, decisions
with their ground, rectification by a note, erasure by anonymisation."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ombud.cases.models import Case, Citizen, JournalEntry
from ombud.core.models import AuditEvent
from ombud.portal.models import Contact
from ombud.records.models import Anonymisation, DataRequest, RequestKind, RequestOutcome
from ombud.records.selectors import data_requests_open
from ombud.records.services import (
    Decision,
    data_request_decide,
    data_request_extend,
    data_request_register,
    months_later,
)
from tests.helpers import case_data
from tests.helpers.personas import Personas, verified_client
from tests.helpers.records import Subject, subject_make

pytestmark = pytest.mark.django_db

ERASURE_KEPT = "Art. 17, stk. 3, litra b: journaliseringspligt efter offentlighedsloven § 15."


@pytest.fixture
def subject(personas: Personas) -> Subject:
    return subject_make(personas)


def register(personas: Personas, subject: Subject, kind: str, day: dt.date) -> DataRequest:
    return data_request_register(
        actor=personas.advisor,
        municipality=personas.ishoj,
        citizen=subject.citizen,
        kind=kind,
        received_on=day,
    )


def test_months_later_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_later(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert months_later(dt.date(2026, 11, 15), 2) == dt.date(2027, 1, 15)
    assert months_later(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)


class TestClock:
    def test_the_answer_is_due_a_month_after_receipt(
        self, personas: Personas, subject: Subject
    ) -> None:
        row = register(personas, subject, RequestKind.ACCESS, dt.date(2026, 3, 10))
        assert row.deadline == row.due_on == dt.date(2026, 4, 10)
        assert AuditEvent.objects.filter(summary="Data-subject request registered").count() == 1

    def test_open_requests_come_most_urgent_first_and_decided_ones_leave(
        self, personas: Personas, subject: Subject
    ) -> None:
        late = register(personas, subject, RequestKind.ACCESS, dt.date(2026, 3, 10))
        soon = register(personas, subject, RequestKind.OBJECTION, dt.date(2026, 2, 1))
        extended = register(personas, subject, RequestKind.RESTRICTION, dt.date(2026, 1, 20))
        data_request_extend(
            actor=personas.advisor,
            data_request=extended,
            months=2,
            reason="Mange sager",
            letter="Kære Karin, vi skal bruge mere tid.",
        )
        assert data_requests_open(personas.ishoj) == [soon, late, extended]
        decision = Decision(outcome=RequestOutcome.GRANTED)
        data_request_decide(actor=personas.advisor, data_request=soon, decision=decision)
        assert data_requests_open(personas.ishoj) == [late, extended]
        assert data_requests_open(personas.hvidovre) == []

    def test_the_deadline_is_extended_once_by_at_most_two_months(
        self, personas: Personas, subject: Subject
    ) -> None:
        row = register(personas, subject, RequestKind.ACCESS, dt.date(2026, 3, 10))
        with pytest.raises(ValidationError):
            data_request_extend(
                actor=personas.advisor, data_request=row, months=3, reason="x", letter="y"
            )
        with pytest.raises(ValidationError):
            data_request_extend(
                actor=personas.advisor, data_request=row, months=2, reason="x", letter=" "
            )
        data_request_extend(
            actor=personas.advisor, data_request=row, months=2, reason="x", letter="Brev"
        )
        assert row.due_on == dt.date(2026, 6, 10)
        with pytest.raises(ValidationError):
            data_request_extend(
                actor=personas.advisor, data_request=row, months=1, reason="x", letter="y"
            )
        row.refresh_from_db()
        assert (row.extended_to, row.extension_letter) == (dt.date(2026, 6, 10), "Brev")


class TestDecisions:
    def test_a_refusal_needs_its_ground(self, personas: Personas, subject: Subject) -> None:
        row = register(personas, subject, RequestKind.OBJECTION, dt.date(2026, 3, 10))
        with pytest.raises(ValidationError) as refused:
            data_request_decide(
                actor=personas.advisor,
                data_request=row,
                decision=Decision(outcome=RequestOutcome.REFUSED),
            )
        assert "ground" in refused.value.message_dict
        row.refresh_from_db()
        assert row.is_open

    def test_an_erasure_refused_under_17_3_b_records_the_ground_and_keeps_everything(
        self, personas: Personas, subject: Subject
    ) -> None:
        row = register(personas, subject, RequestKind.ERASURE, dt.date(2026, 3, 10))
        decision = Decision(outcome=RequestOutcome.REFUSED, ground=ERASURE_KEPT)
        data_request_decide(actor=personas.advisor, data_request=row, decision=decision)
        row.refresh_from_db()
        assert (row.outcome, row.ground) == (RequestOutcome.REFUSED, ERASURE_KEPT)
        assert Citizen.objects.get(pk=subject.citizen.pk).name == "Karin Borger"
        assert not Anonymisation.objects.exists()
        with pytest.raises(ValidationError):  # decided once and for all
            data_request_decide(actor=personas.advisor, data_request=row, decision=decision)

    def test_a_granted_erasure_anonymises_the_citizen_and_their_cases(
        self, personas: Personas, subject: Subject, django_capture_on_commit_callbacks: Any
    ) -> None:
        other = case_data.make_case(personas.ishoj, summary="En anden borgers sag")
        before = list(Case.objects.order_by("pk").values_list("pk", "kind", "centre", "status"))
        row = register(personas, subject, RequestKind.ERASURE, dt.date(2026, 3, 10))
        with django_capture_on_commit_callbacks(execute=True):
            data_request_decide(
                actor=personas.advisor,
                data_request=row,
                decision=Decision(outcome=RequestOutcome.GRANTED),
            )
        citizen = Citizen.objects.get(pk=subject.citizen.pk)
        assert (citizen.name, citizen.email, citizen.phone, citizen.cpr_masked) == ("", "", "", "")
        assert citizen.cpr_encrypted is None
        cases = Case.objects.filter(citizen=citizen)
        assert set(cases.values_list("summary", flat=True)) == {""}
        entries = JournalEntry.objects.filter(case__in=cases)
        assert entries.count() >= 1
        assert set(entries.values_list("body", "subject", "attachment")) == {("", "", "")}
        assert not subject.entry.attachment.storage.exists(subject.entry.attachment.name)
        contact = Contact.objects.get(pk=subject.contact.pk)
        assert (contact.name, contact.email, contact.what_happened) == ("-", "", "-")
        assert not contact.files.exists()
        # The classification the statistics count is kept, and nobody else is touched.
        after = list(Case.objects.order_by("pk").values_list("pk", "kind", "centre", "status"))
        assert after == before
        assert Case.objects.get(pk=other.pk).summary == "En anden borgers sag"
        assert Anonymisation.objects.get().data_request == row

    def test_a_rectification_adds_a_note_and_rewrites_nothing(
        self, personas: Personas, subject: Subject
    ) -> None:
        row = register(personas, subject, RequestKind.RECTIFICATION, dt.date(2026, 3, 10))
        with pytest.raises(ValidationError):
            data_request_decide(
                actor=personas.advisor,
                data_request=row,
                decision=Decision(outcome=RequestOutcome.GRANTED, correction="Rettelse"),
            )
        decision = Decision(
            outcome=RequestOutcome.GRANTED,
            correction="Borgeren ringede 3. marts, ikke 3. maj.",
            case=subject.case,
        )
        data_request_decide(actor=personas.advisor, data_request=row, decision=decision)
        note = subject.case.journal.get(body="Borgeren ringede 3. marts, ikke 3. maj.")
        assert note.subject == "Berigtigelse (databeskyttelsesforordningens art. 16)"
        assert JournalEntry.objects.get(pk=subject.entry.pk).body == "Brevet er vedlagt."


class TestPages:
    def test_the_advisor_registers_extends_and_decides_in_danish(
        self, personas: Personas, subject: Subject, advisor_client: Client
    ) -> None:
        url = reverse("records:register", args=["ishoj", subject.citizen.public_id])
        response = advisor_client.post(url, {"kind": "access", "received_on": "10-03-2026"})
        row = DataRequest.objects.get()
        assert response.status_code == 302
        assert row.deadline == dt.date(2026, 4, 10)
        args = ["ishoj", row.public_id]
        response = advisor_client.post(reverse("records:extend", args=args), {"months": "2"})
        html = response.content.decode()
        assert response.status_code == 400
        assert "Skriv, hvorfor der er brug for mere tid." in html
        assert "Skriv brevet til borgeren." in html
        response = advisor_client.post(reverse("records:decide", args=args), {"outcome": "partly"})
        assert response.status_code == 400
        assert "Skriv begrundelsen for at afslå hele eller en del af anmodningen." in (
            response.content.decode()
        )
        data = {"outcome": "granted", "ground": ""}
        assert advisor_client.post(reverse("records:decide", args=args), data).status_code == 302
        page = advisor_client.get(reverse("records:requests", args=["ishoj"])).content.decode()
        assert "Ingen åbne anmodninger." in page

    def test_only_advisors_and_administrators_handle_requests(
        self, personas: Personas, subject: Subject
    ) -> None:
        row = register(personas, subject, RequestKind.ACCESS, dt.date(2026, 3, 10))
        for user in (personas.assistant, personas.reader):
            client = verified_client(user)
            assert client.get(reverse("records:requests", args=["ishoj"])).status_code == 403
            url = reverse("records:extract", args=["ishoj", row.public_id])
            assert client.post(url).status_code == 403
        outsider = verified_client(personas.outsider)
        url = reverse("records:request", args=["brondby", row.public_id])
        assert outsider.get(url).status_code == 404
        url = reverse("records:register", args=["brondby", subject.citizen.public_id])
        assert outsider.get(url).status_code == 404
        admin = verified_client(personas.admin)
        assert (
            admin.get(reverse("records:request", args=["ishoj", row.public_id])).status_code == 200
        )
