from ombud.reports.models.recommendation import (
    Recommendation,
    RecommendationResponse,
    RecommendationStatus,
)
from ombud.reports.models.report import (
    PublishedReport,
    ReportDraft,
    ReportKind,
    ReportSection,
)

__all__ = [
    "PublishedReport",
    "Recommendation",
    "RecommendationResponse",
    "RecommendationStatus",
    "ReportDraft",
    "ReportKind",
    "ReportSection",
]
