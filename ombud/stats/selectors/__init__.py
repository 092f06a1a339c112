"""Statistics reads: periods and the annual report's figures (see `figures`)."""

from ombud.stats.selectors.counting import Entry, Stats
from ombud.stats.selectors.figures import (
    CASE_STATS_QUERIES,
    case_stats,
    case_stats_compare,
    case_stats_many,
    case_years,
)
from ombud.stats.selectors.periods import EN_DASH, Period

__all__ = [
    "CASE_STATS_QUERIES",
    "EN_DASH",
    "Entry",
    "Period",
    "Stats",
    "case_stats",
    "case_stats_compare",
    "case_stats_many",
    "case_years",
]
