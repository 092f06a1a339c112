"""The journal export for the municipality's ESDH (J-01): one ZIP per case in the format of
docs/journal-export.md, handed to an archive backend (a folder drop first)."""

from ombud.records.journal.backends import ArchiveBackend, FolderDrop, MemoryDrop
from ombud.records.journal.export import cases_for_period, journal_export
from ombud.records.journal.package import FORMAT_VERSION, case_package

__all__ = [
    "FORMAT_VERSION",
    "ArchiveBackend",
    "FolderDrop",
    "MemoryDrop",
    "case_package",
    "cases_for_period",
    "journal_export",
]
