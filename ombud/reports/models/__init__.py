from ombud.reports.models.recommendation import (
    Recommendation,
    RecommendationResponse,
    RecommendationStatus,
)
from ombud.reports.models.render import RenderFormat, RenderStatus, RenderStep, ReportRender
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
    "RenderFormat",
    "RenderStatus",
    "RenderStep",
    "ReportDraft",
    "ReportKind",
    "ReportRender",
    "ReportSection",
]
