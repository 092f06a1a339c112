"""File storage that fails safely (issue 11, point 4).

- A file is written under a temporary name in its folder, flushed to disk, and only then given
  its real name, so a crash or a full disk never leaves a truncated file under a real name.
- A write that fails (read-only folder, disk full) raises `FileNotStoredError`, a ValidationError
  with a Danish message: the services' callers already show ValidationErrors beside the form
  (which keeps what was typed), and the exception rolls back the service's transaction.
- A file saved inside a transaction that then rolls back is deleted: each such file is noted,
  forgotten on commit, and `uncommitted_files_delete()` removes what is left once the
  transaction is over (run after every request by `UncommittedFilesMiddleware`, and after every
  job by the job runner).
"""

import contextlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

NOT_STORED = _(
    "The file could not be saved on the server just now, so nothing was saved. "
    "Please try again later; what you typed is still here."
)


class FileNotStoredError(ValidationError):
    def __init__(self) -> None:
        super().__init__(NOT_STORED, code="file_not_stored")


_pending = threading.local()


def _pending_files() -> dict[str, "SafeFileSystemStorage"]:
    if not hasattr(_pending, "files"):
        _pending.files = {}
    return _pending.files


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: "File[Any]") -> str:
        try:
            name = self._write_then_name(name, content)
        except OSError as error:
            logger.warning("A file could not be stored (%s)", type(error).__name__)
            raise FileNotStoredError from error
        if connection.in_atomic_block:
            pending = _pending_files()
            pending[name] = self
            transaction.on_commit(lambda: pending.pop(name, None))
        return name.replace("\\", "/")

    def _write_then_name(self, name: str, content: "File[Any]") -> str:
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk.encode() if isinstance(chunk, str) else chunk)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, self.file_permissions_mode or 0o640)
            return self._link(temporary, name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)

    def _link(self, temporary: str, name: str) -> str:
        """Give the complete file its name; never overwrite a file another request just named."""
        while True:
            try:
                os.link(temporary, self.path(name))
                return name
            except FileExistsError:
                name = self.get_available_name(name)


def uncommitted_files_delete() -> int:
    """Delete the files saved in transactions that rolled back. Call outside a transaction."""
    if connection.in_atomic_block:
        return 0
    pending = _pending_files()
    deleted = 0
    for name, storage in list(pending.items()):
        pending.pop(name, None)
        with contextlib.suppress(OSError):
            storage.delete(name)
            deleted += 1
    return deleted


class UncommittedFilesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            uncommitted_files_delete()
