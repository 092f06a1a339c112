"""The annual report's figures, for any periods, counted in one pass.

`case_stats` returns exactly the shape of the public statistics contract
(docs: shared spec "case-exchange" § 3). `case_stats_many` counts several periods (the page's
period and the one compared with) in the same few queries (`CASE_STATS_QUERIES`, see
`counting`), whatever the size of the register and however many periods. Labels are the
taxonomy entries' current labels.

With `with_ids=True` each list entry also carries the taxonomy entry's primary key (`id`, and
`group_id` for themes) so the page can link to the cases behind a figure; the contract's JSON
never shows them.
"""

from django.db.models import Max, Min

from ombud.accounts.models import Municipality
from ombud.cases.models import Case
from ombud.stats.selectors.counting import (
    QUERIES,
    Labels,
    Stats,
    Tally,
    periods_overlap,
    tallies,
    unique_citizens,
    without_ids,
)
from ombud.stats.selectors.periods import Period

# Fixed: every call of `case_stats` or `case_stats_many` (periods that do not overlap) runs
# exactly this many queries (pinned by the tests).
CASE_STATS_QUERIES = QUERIES


def case_stats_many(
    municipality: Municipality, periods: list[Period], *, with_ids: bool = False
) -> list[Stats]:
    """The figures of each period, counted together (see the module's docstring).

    Periods that overlap (a custom comparison inside the period itself) are counted one by
    one, since a case then belongs to more than one of them.
    """
    if len(periods) > 1 and periods_overlap(periods):
        return [case_stats_many(municipality, [p], with_ids=with_ids)[0] for p in periods]
    ids = [municipality.pk]
    counted = tallies(ids, periods)
    citizens = unique_citizens(ids, periods)
    empty = Tally(Labels())
    result = []
    for i, period in enumerate(periods):
        tally = counted.get((municipality.pk, i), empty)
        stats = tally.stats(municipality.slug, period, citizens.get((municipality.pk, i), 0))
        result.append(stats if with_ids else without_ids(stats))
    return result


def case_stats(municipality: Municipality, period: Period, *, with_ids: bool = False) -> Stats:
    """Every figure of the annual report's statistics section for one period.

    Entries whose channel, handling, outcome and so on is not set are left out of the lists
    (the totals still count them). Only labels with a count above zero appear.
    """
    return case_stats_many(municipality, [period], with_ids=with_ids)[0]


def case_stats_compare(
    municipality: Municipality, current: Period, previous: Period, *, with_ids: bool = False
) -> dict[str, Stats]:
    current_stats, previous_stats = case_stats_many(
        municipality, [current, previous], with_ids=with_ids
    )
    return {"current": current_stats, "previous": previous_stats}


def case_years_many(municipality_ids: list[int]) -> list[int]:
    """`case_years` for several municipalities together (one query)."""
    span = Case.objects.filter(municipality_id__in=municipality_ids).aggregate(
        first=Min("opened_on"), last=Max("opened_on")
    )
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def case_years(municipality: Municipality) -> list[int]:
    """The years from the first case to the last, newest first (for a year picker).

    Min/max walk the (municipality, opened_on) index; `dates()` would truncate every row's date
    in Python on SQLite, which costs over 100 ms for a large register.
    """
    span = Case.objects.filter(municipality=municipality).aggregate(
        first=Min("opened_on"), last=Max("opened_on")
    )
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))
