from ombud.cases.models.case import (
    Case,
    CaseStatus,
    JournalDirection,
    JournalEntry,
    JournalKind,
    ReferenceCounter,
)
from ombud.cases.models.citizen import Citizen
from ombud.cases.models.exchange import ImportJob, ImportJobStatus
from ombud.cases.models.taxonomy import (
    CaseKind,
    Centre,
    Channel,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    TaxonomyEntry,
    Theme,
    ThemeGroup,
)

__all__ = [
    "Case",
    "CaseKind",
    "CaseStatus",
    "Centre",
    "Channel",
    "Citizen",
    "ExternalBody",
    "HandlingType",
    "ImportJob",
    "ImportJobStatus",
    "JournalDirection",
    "JournalEntry",
    "JournalKind",
    "Outcome",
    "ReferenceCounter",
    "RejectionGround",
    "TaxonomyEntry",
    "Theme",
    "ThemeGroup",
]
