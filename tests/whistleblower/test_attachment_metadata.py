"""A reporter uploads a photo with GPS data and an Office file with an author: by default both
reach the handler without them, and the reporter is told what was removed and what was not."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ombud.whistleblower.models import Report, ReportFile
from tests.helpers.whistleblower import SECRET_TEXT, WbSetup, unlocked_handler_client
from tests.lib.test_file_metadata import AUTHOR, CAMERA, docx_with_author, jpeg_with_gps

pytestmark = pytest.mark.django_db


def _form(**extra: object) -> dict[str, object]:
    return {
        "reporter_category": "employee",
        "category": "crime",
        "what": SECRET_TEXT,
        "when": "I marts",
        "who": "Kassereren",
        "how_known": "Jeg så det",
        "is_anonymous": "1",
        "attachments": [
            SimpleUploadedFile("foto.jpg", jpeg_with_gps(), "image/jpeg"),
            SimpleUploadedFile("notat.docx", docx_with_author()),
        ],
        **extra,
    }


def _handler_files(wb: WbSetup) -> list[bytes]:
    client = unlocked_handler_client(wb)
    report = Report.objects.get()
    return [
        client.get(
            reverse("whistleblower:file", args=["ishoj", report.public_id, f.public_id])
        ).getvalue()
        for f in ReportFile.objects.filter(report=report)
    ]


def test_metadata_is_removed_by_default_and_the_reporter_is_told(wb: WbSetup) -> None:
    client = Client()
    page = client.get(reverse("whistleblower:report", args=["ishoj"])).content.decode()
    assert re.search(r'name="strip_metadata"[^>]* checked', page)
    response = client.post(
        reverse("whistleblower:report", args=["ishoj"]), _form(strip_metadata="on")
    )
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    assert 'id="metadata-notes"' in receipt and "foto.jpg" in receipt and "GPS" in receipt
    assert "notat.docx" in receipt and "kommentarer" in receipt  # what is still there
    files = _handler_files(wb)
    assert len(files) == 2
    for content in files:
        if content.startswith(b"PK"):  # the Office file: look inside the zip
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                content = archive.read("docProps/core.xml")
        assert CAMERA.encode() not in content and AUTHOR.encode() not in content


def test_the_reporter_may_keep_the_files_as_they_are(wb: WbSetup) -> None:
    client = Client()
    response = client.post(reverse("whistleblower:report", args=["ishoj"]), _form())
    receipt = client.get(response["Location"]).content.decode()
    assert 'id="metadata-notes"' not in receipt
    assert any(CAMERA.encode() in content for content in _handler_files(wb))
