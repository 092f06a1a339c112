"""Uploads fail safely (issue 11, point 4): a read-only or full upload folder gives the citizen a
Danish message with the form as typed, saves nothing, and leaves no file, whole or partial.

Real folders: an immutable folder (root ignores permission bits, so `chattr +i` stands in for a
read-only mount) and a 64 KB tmpfs for a full disk; each is skipped where it cannot be made.
"""

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from ombud.core.storage import uncommitted_files_delete
from ombud.portal.models import Contact
from tests.helpers.personas import Personas
from tests.helpers.portal import contact_form

MESSAGE = "Filen kunne ikke gemmes på serveren lige nu"


def _run(*args: str) -> bool:
    return subprocess.run(args, capture_output=True, check=False).returncode == 0  # noqa: S603


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        if not _run("chattr", "+i", str(folder)):
            pytest.skip("chattr +i is not available here")
        try:
            yield
        finally:
            _run("chattr", "-i", str(folder))
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


@contextlib.contextmanager
def _full_disk(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _run(
        "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)
    ):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield
    finally:
        _run("umount", str(folder))


def _pdf(name: str, size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"0" * size, content_type="application/pdf")


def _post(personas: Personas, files: list[Any]) -> str:
    url = reverse("portal:contact", args=["ishoj"])
    response = Client().post(url, {**contact_form(personas), "attachments": files})
    assert response.status_code == 400
    return response.content.decode()


def _files_in(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


@pytest.mark.django_db(transaction=True)
def test_it_refuses_politely_when_the_upload_folder_is_read_only(
    personas: Personas, settings: Any
) -> None:
    with _read_only(Path(settings.MEDIA_ROOT)):
        page = _post(personas, [_pdf("brev.pdf", 100)])
    assert MESSAGE in page
    assert "Jeg har ventet et år på svar." in page
    assert not Contact.objects.exists()
    assert _files_in(Path(settings.MEDIA_ROOT)) == []


@pytest.mark.django_db(transaction=True)
def test_it_leaves_no_file_behind_when_the_disk_fills_up(personas: Personas, settings: Any) -> None:
    media = Path(settings.MEDIA_ROOT)
    with _full_disk(media):
        # The first file fits and is written; the second fills the disk. The contact is rolled
        # back, and with it the first file; the second leaves no partial file.
        page = _post(personas, [_pdf("lille.pdf", 20_000), _pdf("stor.pdf", 200_000)])
        assert _files_in(media) == []
    assert MESSAGE in page
    assert "Karin Borger" in page
    assert not Contact.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_deletes_a_file_whose_transaction_rolled_back(settings: Any) -> None:
    with contextlib.suppress(RuntimeError), transaction.atomic():
        lost = default_storage.save("x/lost.txt", ContentFile(b"rolled back"))
        raise RuntimeError
    with transaction.atomic():
        kept = default_storage.save("x/kept.txt", ContentFile(b"committed"))
    assert uncommitted_files_delete() == 1
    assert not default_storage.exists(lost)
    assert default_storage.exists(kept)
