import copy
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from ombud.cases.exchange.jobs import import_job_create, import_job_purge
from ombud.cases.models import Case, ImportJob, ImportJobStatus
from ombud.core.models import AuditAction, AuditEvent
from tests.helpers.exchange import GOOD_ROWS, csv_bytes
from tests.helpers.personas import Personas, verified_client


def upload(client: Client, data: bytes, name: str = "cases.csv", **extra: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("cases:import", args=["ishoj"]),
        {"file": SimpleUploadedFile(name, data), **extra},
    )


def job_url(name: str, job: ImportJob) -> str:
    return reverse(f"cases:{name}", args=["ishoj", job.public_id])


@pytest.mark.django_db
class TestImportPages:
    def test_it_shows_the_upload_form(self, advisor_client: Client) -> None:
        response = advisor_client.get(reverse("cases:import", args=["ishoj"]))
        assert response.status_code == 200
        assert b'type="file"' in response.content

    def test_it_checks_then_imports_a_good_file(
        self, personas: Personas, advisor_client: Client
    ) -> None:
        response = upload(advisor_client, csv_bytes(GOOD_ROWS))
        assert response.status_code == 302
        job = ImportJob.objects.get()
        assert response["Location"] == job_url("import_preview", job)
        page = advisor_client.get(response["Location"])
        assert b'hx-trigger="load"' in page.content
        checked = advisor_client.post(job_url("import_check", job), HTTP_HX_REQUEST="true")
        assert checked.status_code == 200
        assert b'id="count-created">4<' in checked.content
        assert b'id="import-confirm"' in checked.content
        assert not Case.objects.exists()
        done = advisor_client.post(job_url("import_confirm", job))
        assert done.status_code == 302
        job.refresh_from_db()
        assert job.status == ImportJobStatus.IMPORTED and not job.file
        assert Case.objects.filter(municipality=personas.ishoj).count() == 4
        assert AuditEvent.objects.filter(action=AuditAction.IMPORT).count() == 1

    def test_it_lists_every_problem_and_cannot_be_confirmed(
        self, personas: Personas, advisor_client: Client
    ) -> None:
        rows = copy.deepcopy(GOOD_ROWS)
        rows[0]["opened"] = "aldrig"
        rows[2]["handling"] = "Tryllekunst"
        upload(advisor_client, csv_bytes(rows))
        job = ImportJob.objects.get()
        with translation.override("en"):
            page = advisor_client.post(job_url("import_check", job), follow=True)
        assert b'id="import-problems"' in page.content
        assert b"aldrig" in page.content and b"Tryllekunst" in page.content
        assert b'id="import-confirm"' not in page.content
        refused = advisor_client.post(job_url("import_confirm", job))
        assert refused.status_code == 409
        assert not Case.objects.exists()

    def test_it_reports_progress(self, personas: Personas, advisor_client: Client) -> None:
        upload(advisor_client, csv_bytes(GOOD_ROWS))
        job = ImportJob.objects.get()
        response = advisor_client.get(job_url("import_progress", job), HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert b"<progress" in response.content

    def test_a_second_check_waits_for_the_first(
        self, personas: Personas, advisor_client: Client
    ) -> None:
        upload(advisor_client, csv_bytes(GOOD_ROWS))
        job = ImportJob.objects.get()
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJobStatus.CHECKING, progress_done=2, progress_total=4
        )
        response = advisor_client.post(job_url("import_check", job), HTTP_HX_REQUEST="true")
        assert b'hx-trigger="every 1s"' in response.content
        assert b'value="50"' in response.content
        job.refresh_from_db()
        assert job.status == ImportJobStatus.CHECKING and not job.result

    def test_it_refuses_an_unreadable_file(
        self, personas: Personas, advisor_client: Client
    ) -> None:
        upload(advisor_client, b"just some text\n")
        job = ImportJob.objects.get()
        advisor_client.post(job_url("import_check", job))
        job.refresh_from_db()
        assert job.status == ImportJobStatus.FAILED and job.error

    def test_it_refuses_other_file_types(self, advisor_client: Client) -> None:
        response = upload(advisor_client, b"%PDF-1.4", name="cases.pdf")
        assert response.status_code == 400
        assert not ImportJob.objects.exists()

    def test_the_outsider_gets_404(self, personas: Personas) -> None:
        job = import_job_create(
            actor=personas.advisor,
            municipality=personas.ishoj,
            upload=SimpleUploadedFile("c.csv", csv_bytes(GOOD_ROWS)),
        )
        client = verified_client(personas.outsider)
        assert client.get(reverse("cases:import", args=["ishoj"])).status_code == 404
        assert client.get(job_url("import_preview", job)).status_code == 404
        assert client.post(job_url("import_confirm", job)).status_code == 404

    def test_another_municipalitys_job_is_404(self, personas: Personas) -> None:
        job = import_job_create(
            actor=personas.advisor,
            municipality=personas.hvidovre,
            upload=SimpleUploadedFile("c.csv", csv_bytes(GOOD_ROWS)),
        )
        client = verified_client(personas.advisor)
        assert client.get(job_url("import_preview", job)).status_code == 404

    @pytest.mark.parametrize("who", ["assistant", "reader"])
    def test_staff_without_the_import_capability_get_403(
        self, personas: Personas, who: str
    ) -> None:
        client = verified_client(getattr(personas, who))
        assert client.get(reverse("cases:import", args=["ishoj"])).status_code == 403
        assert upload(client, csv_bytes(GOOD_ROWS)).status_code == 403

    def test_old_uploads_are_deleted(self, personas: Personas) -> None:
        job = import_job_create(
            actor=personas.advisor,
            municipality=personas.ishoj,
            upload=SimpleUploadedFile("c.csv", csv_bytes(GOOD_ROWS)),
        )
        path = job.file.path
        assert import_job_purge(now=timezone.now() + dt.timedelta(days=2)) == 1
        assert not ImportJob.objects.exists()
        import os

        assert not os.path.exists(path)


@pytest.mark.django_db
class TestExportPages:
    def test_it_downloads_csv_and_xlsx_and_audits(
        self, personas: Personas, advisor_client: Client
    ) -> None:
        from ombud.cases.exchange.importer import import_cases

        import_cases(
            actor=None, municipality=personas.ishoj, source=csv_bytes(GOOD_ROWS), filename="c.csv"
        )
        page = advisor_client.get(reverse("cases:export", args=["ishoj"]))
        assert page.status_code == 200 and b"2021" in page.content
        url = reverse("cases:export_download", args=["ishoj"])
        csv_response = advisor_client.get(url, {"format": "csv", "year": "2021"})
        assert csv_response.status_code == 200
        assert csv_response["Content-Type"].startswith("text/csv")
        assert "2021-0004" in csv_response.content.decode("utf-8-sig")
        xlsx_response = advisor_client.get(url, {"format": "xlsx"})
        assert xlsx_response.content.startswith(b"PK")
        assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 2

    def test_the_reader_may_export(self, personas: Personas) -> None:
        client = verified_client(personas.reader)
        url = reverse("cases:export_download", args=["ishoj"])
        assert client.get(url, {"format": "csv"}).status_code == 200

    def test_the_outsider_gets_404(self, personas: Personas) -> None:
        client = verified_client(personas.outsider)
        url = reverse("cases:export_download", args=["ishoj"])
        assert client.get(url, {"format": "csv"}).status_code == 404
        assert client.get(reverse("cases:export", args=["ishoj"])).status_code == 404

    def test_the_export_page_uses_few_queries(
        self, advisor_client: Client, django_assert_max_num_queries
    ) -> None:  # type: ignore[no-untyped-def]
        with django_assert_max_num_queries(12):
            advisor_client.get(reverse("cases:export", args=["ishoj"]))
