import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase, override_settings

from ombud.core.models import AuditEvent
from ombud.whistleblower import crypto, jobs, selectors, services
from ombud.whistleblower.models import (
    HandlerRole,
    KeyGrant,
    Outcome,
    Report,
    ReportFile,
    ReportMessage,
    ReportStatistic,
    ReportStatus,
    Scope,
)
from tests.helpers.personas import PASSWORD, make_personas
from tests.helpers.whistleblower import (
    REPORTER_EMAIL,
    REPORTER_NAME,
    SECRET_TEXT,
    all_rows_bytes,
    approve_with_recovery,
    handler_user,
    make_setup,
    sample_input,
)

FILE_TEXT = b"Bilag: overfoersel til svogeren, kontonummer 9999-123456"
NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


class SubmissionTests(TestCase):
    def setUp(self) -> None:
        self.personas = make_personas()
        self.wb = make_setup(self.personas)

    def _submit(self, **kwargs: Any) -> services.Submission:
        return services.report_submit(
            municipality=self.personas.ishoj,
            data=sample_input(**kwargs),
            uploads=[services.Upload(name="kontoudtog-svoger.pdf", content=FILE_TEXT)],
        )

    def test_it_leaves_nothing_readable_in_the_database(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            submission = self._submit()
            services.reporter_message_add(
                report=submission.report,
                report_key=submission.report_key,
                body="Ekstra hemmelighed om svogeren",
            )
        dump = io.StringIO()
        call_command("dumpdata", stdout=dump)
        raw = all_rows_bytes() + dump.getvalue().encode("utf-8")
        for needle in (
            SECRET_TEXT,
            REPORTER_NAME,
            REPORTER_EMAIL,
            "Ekstra hemmelighed",
            "kontoudtog-svoger",
            "Jeg så bilagene",
            submission.receipt,
            "127.0.0.1",
        ):
            assert needle.encode("utf-8") not in raw, needle
        assert FILE_TEXT not in raw
        assert b"svoger" not in raw

    def test_it_sends_notifications_without_content(self) -> None:
        self.wb.handler_user.email = "hanne@ishoj.example"
        self.wb.handler_user.save()
        with self.captureOnCommitCallbacks(execute=True):
            self._submit()
        assert mail.outbox == []  # batched: the worker's job sends it
        with self.captureOnCommitCallbacks(execute=True):
            assert jobs.whistleblower_activity_mail(NOON) == 1
        assert len(mail.outbox) == 1
        text = mail.outbox[0].subject + mail.outbox[0].body
        assert "svoger" not in text and REPORTER_NAME not in text

    def test_it_lets_the_handler_read_the_report_and_identity(self) -> None:
        submission = self._submit()
        opened = selectors.report_read(
            handler=self.wb.handler, private_key=self.wb.private_key, report=submission.report
        )
        assert opened.content["what"] == SECRET_TEXT
        assert opened.identity == {"name": REPORTER_NAME, "contact": REPORTER_EMAIL}
        assert opened.files[0].name == "kontoudtog-svoger.pdf"
        assert AuditEvent.objects.filter(action="view_identity").count() == 1

    def test_it_stores_no_identity_for_anonymous_reports(self) -> None:
        submission = self._submit(anonymous=True)
        assert submission.report.is_anonymous
        assert submission.report.identity_box is None

    def test_it_unlocks_the_reporters_copy_with_the_receipt(self) -> None:
        submission = self._submit()
        access = services.reporter_login(
            municipality=self.personas.ishoj, receipt=submission.receipt
        )
        assert access.report == submission.report
        opened = selectors.report_read_for_reporter(access.report, access.report_key)
        assert opened.content["what"] == SECRET_TEXT

    @override_settings(WHISTLEBLOWER_RECEIPT_SCHEME_CEILING_PER_HOUR=3)
    def test_past_the_scheme_ceiling_only_a_clients_first_code_is_checked(self) -> None:
        submission = self._submit()
        for _ in range(3):
            with pytest.raises(services.ReceiptRefusedError) as refused:
                services.reporter_login(municipality=self.personas.ishoj, receipt="0" * 16)
            assert refused.value.locked_until is None
        # Ceiling mode: a client that already failed is refused unchecked, even with the code...
        with pytest.raises(services.ReceiptRefusedError) as refused:
            services.reporter_login(
                municipality=self.personas.ishoj,
                receipt=submission.receipt,
                client_failed_before=True,
            )
        assert refused.value.locked_until is not None
        # ...but another client's right code is never refused because others guessed.
        access = services.reporter_login(
            municipality=self.personas.ishoj, receipt=submission.receipt
        )
        assert access.report == submission.report

    def test_it_does_not_accept_a_receipt_in_another_municipality(self) -> None:
        submission = self._submit()
        with pytest.raises(services.ReceiptRefusedError):
            services.reporter_login(municipality=self.personas.brondby, receipt=submission.receipt)

    def test_it_shares_keys_with_a_handler_designated_later(self) -> None:
        submission = self._submit()
        late = services.handler_designate(
            actor=None, municipality=self.personas.ishoj, user=handler_user("lise", self.personas)
        )
        late_key = services.handler_unlock(handler=late, password=PASSWORD)
        late.refresh_from_db()
        # Pending: another handler's unlock shares nothing with it.
        services.handler_unlock(handler=self.wb.handler, password=PASSWORD)
        assert not KeyGrant.objects.filter(handler=late).exists()
        services.handler_approve(
            approver=self.wb.handler,
            approver_key=self.wb.private_key,
            designee=late,
            code=crypto.approval_code(bytes(late.public_key or b"")),
        )
        late.refresh_from_db()
        opened = selectors.report_read(handler=late, private_key=late_key, report=submission.report)
        assert opened.content["what"] == SECRET_TEXT

    def test_it_recovers_access_with_the_escrowed_recovery_key(self) -> None:
        submission = self._submit()
        services.handler_reset_keys(actor=None, handler=self.wb.handler)
        new_key = services.handler_unlock(handler=self.wb.handler, password=PASSWORD)
        self.wb.handler.refresh_from_db()
        # A new key pair needs approval again; the recovery key holder gives it.
        services.handler_approve_with_recovery(
            designee=self.wb.handler,
            code=crypto.approval_code(bytes(self.wb.handler.public_key or b"")),
            recovery_private_key=self.wb.recovery_private_key,
        )
        opened = selectors.report_read(
            handler=self.wb.handler, private_key=new_key, report=submission.report
        )
        assert opened.identity is not None

    def test_it_refuses_a_wrong_handler_password(self) -> None:
        with pytest.raises(services.UnlockError):
            services.handler_unlock(handler=self.wb.handler, password="wrong password")

    def test_it_handles_a_report_from_acknowledgement_to_closure(self) -> None:
        submission = self._submit()
        report, key = submission.report, submission.report_key
        handler = self.wb.handler
        services.report_acknowledge(actor=handler, report=report, report_key=key, message="Tak.")
        with pytest.raises(ValidationError):
            services.report_acknowledge(actor=handler, report=report, report_key=key, message="x")
        services.report_screen(
            actor=handler, report=report, report_key=key, scope=Scope.ACT, reason="§ 1, nr. 2"
        )
        services.report_note_add(actor=handler, report=report, report_key=key, body="Intern")
        services.report_informed_record(
            actor=handler, report=report, report_key=key, who="Økonomiudvalget"
        )
        investigator = services.handler_designate(
            actor=None,
            municipality=self.personas.ishoj,
            user=handler_user("direktor", self.personas),
            role=HandlerRole.INVESTIGATOR,
        )
        approve_with_recovery(investigator, self.wb.recovery_private_key)
        inv_key = services.handler_unlock(handler=investigator, password=PASSWORD)
        services.report_forward(
            actor=handler, report=report, report_key=key, investigator=investigator
        )
        limited = selectors.report_read(handler=investigator, private_key=inv_key, report=report)
        assert limited.identity is None and limited.events == []
        assert all(not m.is_internal for m in limited.messages)
        services.report_close(
            actor=handler,
            report=report,
            report_key=key,
            outcome=Outcome.SUBSTANTIATED,
            message="Sagen er afsluttet.",
        )
        report.refresh_from_db()
        assert report.status == ReportStatus.CLOSED and report.feedback_at is not None
        reporter_view = selectors.report_read_for_reporter(report, key)
        assert [m.body for m in reporter_view.messages] == ["Tak.", "Sagen er afsluttet."]
        kinds = [
            e.kind
            for e in selectors.report_read(
                handler=handler, private_key=self.wb.private_key, report=report
            ).events
        ]
        assert kinds == [
            "received",
            "acknowledged",
            "screened",
            "note",
            "informed",
            "forwarded",
            "closed",
        ]

    def test_it_closes_an_out_of_scope_report_with_guidance(self) -> None:
        submission = self._submit()
        services.report_screen(
            actor=self.wb.handler,
            report=submission.report,
            report_key=submission.report_key,
            scope=Scope.OUTSIDE,
            reason="Uden for ordningen",
            guidance="Kontakt din leder.",
        )
        report = Report.objects.get(pk=submission.report.pk)
        assert report.status == ReportStatus.CLOSED and report.outcome == Outcome.OUT_OF_SCOPE

    def test_it_deletes_content_and_files_and_keeps_a_statistic(self) -> None:
        submission = self._submit()
        services.report_screen(
            actor=self.wb.handler,
            report=submission.report,
            report_key=submission.report_key,
            scope=Scope.OUTSIDE,
            reason="Uden for",
            guidance="",
        )
        Report.objects.filter(pk=submission.report.pk).update(
            closed_at=submission.report.received_at.replace(year=2020)
        )
        assert services.retention_run(actor=None, municipality=self.personas.ishoj) == 1
        assert not Report.objects.exists()
        assert not ReportFile.objects.exists() and not ReportMessage.objects.exists()
        stat = ReportStatistic.objects.get()
        assert stat.scope == Scope.OUTSIDE and stat.category == "crime"
        assert AuditEvent.objects.filter(
            action="delete", object_ref=submission.report.reference
        ).exists()
        assert json.dumps(
            list(ReportStatistic.objects.values("category"))
        )  # anonymous figures only
