"""Figures for the annual report's whistleblower section.

Live reports and the anonymous rows left by deleted reports are counted together. Counts of
1 to SMALL_NUMBER - 1 are suppressed (shown as "<5") so that no cell can point to a person; a
zero is shown as zero. Deadlines need calendar-month arithmetic, so the on-time checks run in
Python over a year's rows (tens, not thousands).

A deadline that has passed with nothing sent counts as missed (as of the day the figures are
made), so an ignored report does not make the scheme look better than one answered late.

Deadlines are counted only for reports the Act's deadlines apply to (coverage.py, with the
scheme's "apply the Act's deadlines to all reports" setting as it is when the figures are made);
`with_deadlines` and `without_deadlines` say how many that was.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from ombud.accounts.models import Municipality
from ombud.whistleblower import deadlines
from ombud.whistleblower.coverage import (
    COVERAGE_FOR_SCOPE,
    Coverage,
    deadlines_apply,
    report_coverage,
)
from ombud.whistleblower.models import Report, ReportStatistic, Scope
from ombud.whistleblower.selectors import (
    category_labels,
    department_labels,
    scheme_deadlines_for_all,
)

SMALL_NUMBER = 5


@dataclass(frozen=True)
class Row:
    received: dt.date
    channel: str
    category: str
    department: str
    is_anonymous: bool
    scope: str
    forwarded: bool
    outcome: str
    acknowledged: dt.date | None
    feedback: dt.date | None
    coverage: Coverage


@dataclass
class WhistleblowerFigures:
    received: int = 0
    by_channel: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_department: Counter[str] = field(default_factory=Counter)
    anonymous: int = 0
    confidential: int = 0
    by_scope: Counter[str] = field(default_factory=Counter)
    forwarded: int = 0
    by_outcome: Counter[str] = field(default_factory=Counter)
    with_deadlines: int = 0
    without_deadlines: int = 0
    acknowledged_on_time: int = 0
    acknowledged_late: int = 0
    feedback_on_time: int = 0
    feedback_late: int = 0
    acknowledgement_missed: int = 0
    feedback_missed: int = 0
    # Labels as they read when the figures were made (a published report freezes them).
    category_labels: dict[str, str] = field(default_factory=dict)
    department_labels: dict[str, str] = field(default_factory=dict)

    def as_published(self) -> dict[str, object]:
        """The figures with small numbers suppressed, ready for the annual report."""
        s = suppress
        return {
            "received": s(self.received),
            "by_channel": {k: s(v) for k, v in sorted(self.by_channel.items())},
            "by_category": {k: s(v) for k, v in sorted(self.by_category.items())},
            # "" = no department stated.
            "by_department": {k: s(v) for k, v in sorted(self.by_department.items())},
            "anonymous": s(self.anonymous),
            "confidential": s(self.confidential),
            "by_scope": {k: s(v) for k, v in sorted(self.by_scope.items())},
            "forwarded": s(self.forwarded),
            "by_outcome": {k: s(v) for k, v in sorted(self.by_outcome.items())},
            "with_deadlines": s(self.with_deadlines),
            "without_deadlines": s(self.without_deadlines),
            "acknowledged_on_time": s(self.acknowledged_on_time),
            "acknowledged_late": s(self.acknowledged_late),
            "feedback_on_time": s(self.feedback_on_time),
            "feedback_late": s(self.feedback_late),
            "acknowledgement_missed": s(self.acknowledgement_missed),
            "feedback_missed": s(self.feedback_missed),
            "category_labels": dict(self.category_labels),
            "department_labels": dict(self.department_labels),
        }


def suppress(value: int) -> int | str:
    return f"<{SMALL_NUMBER}" if 0 < value < SMALL_NUMBER else value


def _local(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value is not None else None


def _rows(municipality: Municipality, start: dt.date, end: dt.date) -> list[Row]:
    live = Report.objects.filter(
        municipality=municipality,
        received_at__date__gte=start,
        received_at__date__lte=end,
    ).values_list(
        "received_at",
        "channel",
        "category",
        "department",
        "is_anonymous",
        "scope",
        "forwarded_at",
        "outcome",
        "acknowledged_at",
        "feedback_at",
        "reporter_category",
    )
    rows = [
        Row(
            _local(r[0]) or start,
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6] is not None,
            r[7],
            _local(r[8]),
            _local(r[9]),
            report_coverage(r[10], r[5]),
        )
        for r in live
    ]
    deleted = ReportStatistic.objects.filter(
        municipality=municipality, received_on__gte=start, received_on__lte=end
    )
    for d in deleted:
        ack = (
            d.received_on + dt.timedelta(days=d.acknowledgement_days)
            if d.acknowledgement_days is not None
            else None
        )
        fb = (
            d.received_on + dt.timedelta(days=d.feedback_days)
            if d.feedback_days is not None
            else None
        )
        rows.append(
            Row(
                d.received_on,
                d.channel,
                d.category,
                d.department,
                d.is_anonymous,
                d.scope,
                d.was_forwarded,
                d.outcome,
                ack,
                fb,
                _deleted_coverage(d),
            )
        )
    return rows


def _deleted_coverage(stat: ReportStatistic) -> Coverage:
    """Rows deleted before coverage was recorded had the deadlines, unless screened otherwise."""
    if stat.coverage:
        return Coverage(stat.coverage)
    if stat.scope:
        return COVERAGE_FOR_SCOPE[Scope(stat.scope)]
    return Coverage.STATUTORY


def whistleblower_figures(
    municipality: Municipality, start: dt.date, end: dt.date, *, today: dt.date | None = None
) -> WhistleblowerFigures:
    figures = WhistleblowerFigures(
        category_labels=category_labels(municipality),
        department_labels=department_labels(municipality),
    )
    today = today or timezone.localdate()
    for_all = scheme_deadlines_for_all(municipality)
    for row in _rows(municipality, start, end):
        _count(figures, row)
        if deadlines_apply(row.coverage, deadlines_for_all=for_all):
            figures.with_deadlines += 1
            _count_deadlines(figures, row, today)
        else:
            figures.without_deadlines += 1
    return figures


def _count(f: WhistleblowerFigures, row: Row) -> None:
    f.received += 1
    f.by_channel[row.channel] += 1
    f.by_category[row.category] += 1
    f.by_department[row.department] += 1
    f.anonymous += row.is_anonymous
    f.confidential += not row.is_anonymous
    f.by_scope[row.scope or "unscreened"] += 1
    f.forwarded += row.forwarded
    if row.outcome:
        f.by_outcome[row.outcome] += 1


def _count_deadlines(f: WhistleblowerFigures, row: Row, today: dt.date) -> None:
    acknowledgement_due = deadlines.acknowledgement_due(row.received)
    if row.acknowledged is not None:
        on_time = row.acknowledged <= acknowledgement_due
        f.acknowledged_on_time += on_time
        f.acknowledged_late += not on_time
    elif acknowledgement_due < today:
        f.acknowledgement_missed += 1
    feedback_due = deadlines.feedback_due(row.received, row.acknowledged)
    if row.feedback is not None:
        on_time = row.feedback <= feedback_due
        f.feedback_on_time += on_time
        f.feedback_late += not on_time
    elif feedback_due < today:
        f.feedback_missed += 1
