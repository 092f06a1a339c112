"""Cached statistics for pages that show the same period again and again.

The cache key carries a data version: the number of the municipality's cases and the latest
change to a case or a taxonomy entry. Every write path stamps `updated_at` (services save, the
import's bulk update and a citizen merge set it explicitly), so a changed figure never comes from
the cache. The CLI and published reports compute afresh.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max

from ombud.accounts.models import Municipality
from ombud.cases.models import (
    Case,
    Centre,
    Channel,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    Theme,
    ThemeGroup,
)
from ombud.stats.selectors import Period, Stats, case_stats

_TAXONOMY = (
    Centre,
    ExternalBody,
    ThemeGroup,
    Theme,
    HandlingType,
    RejectionGround,
    Outcome,
    Channel,
)
TIMEOUT_SECONDS = 60 * 60


def stats_data_version(municipality: Municipality) -> str:
    cases = Case.objects.filter(municipality=municipality).aggregate(
        n=Count("id"), changed=Max("updated_at")
    )
    parts = [str(cases["n"]), str(cases["changed"])]
    for model in _TAXONOMY:
        changed = model.objects.filter(municipality=municipality).aggregate(m=Max("updated_at"))
        parts.append(str(changed["m"]))
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def case_stats_cached(
    municipality: Municipality, period: Period, *, with_ids: bool = False, version: str = ""
) -> Stats:
    version = version or stats_data_version(municipality)
    key = f"stats:{municipality.pk}:{period.start}:{period.end}:{int(with_ids)}:{version}"
    stats: Stats | None = cache.get(key)
    if stats is None:
        stats = case_stats(municipality, period, with_ids=with_ids)
        cache.set(key, stats, TIMEOUT_SECONDS)
    return stats
