"""Archive backends: where an exported case goes. A connector for an ESDH (SBSYS, GetOrganized,
Acadre, WorkZone, F2) implements `ArchiveBackend` and is handed the same ZIPs."""

import os
import tempfile
from pathlib import Path
from typing import Protocol


class ArchiveBackend(Protocol):
    def deliver(self, name: str, data: bytes) -> str:
        """Store one case's ZIP under `name` (e.g. `2026-0042.zip`); return where it went.
        Raise OSError when it cannot be stored: the case is then not counted as archived."""
        ...


class FolderDrop:
    """Writes each ZIP into a folder an ESDH (or a person) picks up from. Each file appears
    whole or not at all: it is written under a temporary name and then renamed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def deliver(self, name: str, data: bytes) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / name
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise
        return str(target)


class MemoryDrop:
    """Keeps the ZIPs in memory: for a download in the browser, and for tests."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def deliver(self, name: str, data: bytes) -> str:
        self.files[name] = data
        return name
