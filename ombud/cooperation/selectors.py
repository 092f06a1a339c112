"""Reads for the cooperation app: request statistics, workload, open-counselling figures."""

import datetime as dt
import math
import statistics
import uuid
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ombud.accounts.models import Membership, Municipality, User
from ombud.cases.models import Case, CaseStatus
from ombud.cooperation.models import (
    CentreRequest,
    CentreTask,
    CooperationSettings,
    CounsellingClosure,
    CounsellingSchedule,
    CounsellingSession,
    IntakePause,
    Meeting,
    RequestQuerySet,
    WalkIn,
    WalkInStatus,
)


def intake_pause_current(
    municipality: Municipality, day: dt.date | None = None
) -> IntakePause | None:
    day = day or timezone.localdate()
    return (
        IntakePause.objects.filter(
            municipality=municipality, ended_at__isnull=True, starts_on__lte=day, reopens_on__gt=day
        )
        .order_by("-reopens_on")
        .first()
    )


def intake_pauses(municipality: Municipality) -> QuerySet[IntakePause]:
    return IntakePause.objects.filter(municipality=municipality)


def request_list(municipality: Municipality) -> RequestQuerySet:
    rows = CentreRequest.objects.filter(municipality=municipality)
    return rows.select_related("case", "centre", "external_body")


def request_get(municipality: Municipality, public_id: uuid.UUID) -> CentreRequest:
    return request_list(municipality).filter(public_id=public_id).get()


def requests_for_case(case: Case) -> QuerySet[CentreRequest]:
    return CentreRequest.objects.filter(case=case).select_related("centre", "external_body")


def tasks_open(municipality: Municipality) -> QuerySet[CentreTask]:
    return CentreTask.objects.filter(
        municipality=municipality, done_at__isnull=True
    ).select_related("centre", "case")


def meeting_list(municipality: Municipality, year: int | None = None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(municipality=municipality).select_related("centre")
    return meetings.filter(held_on__year=year) if year else meetings


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (share 0-1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass
class RecipientStats:
    label: str
    kind: str  # "centre" or "external"
    sent: int = 0
    answered: int = 0
    within_deadline: int = 0
    unanswered: int = 0
    overdue: int = 0
    insufficient: int = 0
    reply_days: list[float] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.reply_days) if self.reply_days else None

    @property
    def p90_days(self) -> float | None:
        return percentile(self.reply_days, 0.9)

    @property
    def within_share(self) -> float | None:
        return self.within_deadline / self.answered if self.answered else None


def request_stats(
    municipality: Municipality, start: dt.date | None = None, end: dt.date | None = None
) -> list[RecipientStats]:
    """Per centre and outside body: sent, reply times, share in time, unanswered, insufficient.

    Percentiles are computed in Python: neither SQLite nor Django's ORM has a portable one."""
    rows = CentreRequest.objects.filter(municipality=municipality)
    if start:
        rows = rows.filter(sent_at__date__gte=start)
    if end:
        rows = rows.filter(sent_at__date__lte=end)
    today = timezone.localdate()
    result: dict[tuple[str, int], RecipientStats] = {}
    for r in rows.select_related("centre", "external_body").order_by("sent_at"):
        key = ("centre", r.centre_id) if r.centre_id else ("external", r.external_body_id or 0)
        stats = result.setdefault(key, RecipientStats(label=r.recipient_label, kind=key[0]))
        stats.sent += 1
        if r.replied_at is None:
            stats.unanswered += 1
            stats.overdue += int(today > r.deadline)
            continue
        stats.answered += 1
        stats.reply_days.append(round((r.replied_at - r.sent_at).total_seconds() / 86400, 1))
        stats.within_deadline += int(timezone.localdate(r.replied_at) <= r.deadline)
        stats.insufficient += int(r.insufficient)
    return sorted(result.values(), key=lambda s: (s.kind, s.label.lower()))


# Workload


@dataclass
class Workload:
    active: int
    threshold: int
    per_handler: list[tuple[str, int]]
    weeks: list[tuple[dt.date, int, int]]  # (week start, active at week end, new that week)
    long_open: list[Case]
    combined: list[tuple[str, int, int]]  # (municipality, my active cases, all active)

    @property
    def over_threshold(self) -> bool:
        return self.active > self.threshold


def _weeks(
    municipality: Municipality, today: dt.date, count: int
) -> list[tuple[dt.date, int, int]]:
    monday = today - dt.timedelta(days=today.weekday())
    starts = [monday - dt.timedelta(weeks=i) for i in range(count - 1, -1, -1)]
    aggregates = {}
    for i, start in enumerate(starts):
        end = start + dt.timedelta(days=6)
        aggregates[f"a{i}"] = Count(
            "pk", filter=Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        )
        aggregates[f"n{i}"] = Count("pk", filter=Q(opened_on__gte=start, opened_on__lte=end))
    totals = Case.objects.filter(municipality=municipality).aggregate(**aggregates)
    return [(s, totals[f"a{i}"], totals[f"n{i}"]) for i, s in enumerate(starts)]


def workload(
    municipality: Municipality,
    user: User,
    *,
    threshold: int,
    long_open_days: int,
    weeks: int = 12,
    today: dt.date | None = None,
) -> Workload:
    today = today or timezone.localdate()
    active = Case.objects.filter(municipality=municipality).active()
    per_handler = [
        (row["handler__full_name"] or row["handler__username"] or "—", row["n"])
        for row in active.values("handler__full_name", "handler__username")
        .annotate(n=Count("pk"))
        .order_by("-n")
    ]
    long_open = list(
        active.filter(opened_on__lt=today - dt.timedelta(days=long_open_days))
        .select_related("handler")
        .order_by("opened_on")[:100]
    )
    return Workload(
        active=active.count(),
        threshold=threshold,
        per_handler=per_handler,
        weeks=_weeks(municipality, today, weeks),
        long_open=long_open,
        combined=combined_load(user),
    )


def combined_load(user: User) -> list[tuple[str, int, int]]:
    """For an advisor in several municipalities: their active cases and all active, in each."""
    municipality_ids = Membership.objects.filter(user=user, is_active=True).values(
        "municipality_id"
    )
    rows = (
        Case.objects.filter(municipality_id__in=municipality_ids)
        .exclude(status=CaseStatus.CLOSED)
        .values("municipality__name")
        .annotate(mine=Count("pk", filter=Q(handler=user)), total=Count("pk"))
        .order_by("municipality__name")
    )
    return [(r["municipality__name"], r["mine"], r["total"]) for r in rows]


# Open counselling


def schedules_active(municipality: Municipality) -> QuerySet[CounsellingSchedule]:
    return CounsellingSchedule.objects.filter(municipality=municipality, is_active=True)


def closures_upcoming(
    municipality: Municipality, today: dt.date | None = None
) -> QuerySet[CounsellingClosure]:
    today = today or timezone.localdate()
    return CounsellingClosure.objects.filter(municipality=municipality, ends_on__gte=today)


def session_list(municipality: Municipality) -> QuerySet[CounsellingSession]:
    return CounsellingSession.objects.filter(municipality=municipality).annotate(
        arrived=Count("walk_ins"),
        seen=Count("walk_ins", filter=Q(walk_ins__status=WalkInStatus.SEEN)),
        cases=Count("walk_ins", filter=Q(walk_ins__status=WalkInStatus.CASE)),
        booked=Count("walk_ins", filter=Q(walk_ins__status=WalkInStatus.BOOKED)),
        waiting=Count("walk_ins", filter=Q(walk_ins__status=WalkInStatus.WAITING)),
    )


def session_get(municipality: Municipality, public_id: uuid.UUID) -> CounsellingSession:
    return CounsellingSession.objects.get(municipality=municipality, public_id=public_id)


def walk_in_get(municipality: Municipality, public_id: uuid.UUID) -> WalkIn:
    return WalkIn.objects.select_related("session", "session__municipality").get(
        session__municipality=municipality, public_id=public_id
    )


def session_period_stats(
    municipality: Municipality, start: dt.date, end: dt.date
) -> dict[str, int]:
    return WalkIn.objects.filter(
        session__municipality=municipality,
        session__held_on__gte=start,
        session__held_on__lte=end,
    ).aggregate(
        arrived=Count("pk"),
        seen=Count("pk", filter=Q(status=WalkInStatus.SEEN)),
        cases=Count("pk", filter=Q(status=WalkInStatus.CASE)),
        booked=Count("pk", filter=Q(status=WalkInStatus.BOOKED)),
        sessions=Count("session", distinct=True),
    )


# The start page (today.py)


@dataclass(frozen=True)
class RequestsToday:
    due_soon: int
    overdue: int
    answered_since: int


def requests_today(
    municipality: Municipality, today: dt.date, soon_until: dt.date, since: dt.datetime
) -> RequestsToday:
    """Unanswered requests due from today to `soon_until`, those past their deadline, and the
    replies that came after `since` — in one query."""
    counts = CentreRequest.objects.filter(municipality=municipality).aggregate(
        soon=Count("pk", filter=Q(replied_at__isnull=True, deadline__range=(today, soon_until))),
        late=Count("pk", filter=Q(replied_at__isnull=True, deadline__lt=today)),
        answered=Count("pk", filter=Q(replied_at__gt=since)),
    )
    return RequestsToday(counts["soon"], counts["late"], counts["answered"])


LONG_OPEN_DEFAULT = int(CooperationSettings._meta.get_field("long_open_days").default)


def long_open_days_for(municipality: Municipality) -> int:
    """The municipality's "open too long" threshold, without creating its settings row."""
    days = (
        CooperationSettings.objects.filter(municipality=municipality)
        .values_list("long_open_days", flat=True)
        .first()
    )
    return days if days is not None else LONG_OPEN_DEFAULT


def long_open_count(municipality: Municipality, today: dt.date, days: int) -> int:
    active = Case.objects.filter(municipality=municipality).active()
    return active.filter(opened_on__lt=today - dt.timedelta(days=days)).count()


def counselling_today(
    municipality: Municipality, today: dt.date
) -> CounsellingSession | CounsellingSchedule | None:
    """Today's open session (with `waiting`), or else today's scheduled time not yet started."""
    session = session_list(municipality).filter(held_on=today, closed_at__isnull=True).first()
    if session is not None:
        return session
    closures = CounsellingClosure.objects.filter(municipality=municipality)
    if closures.filter(starts_on__lte=today, ends_on__gte=today).exists():
        return None
    return (
        schedules_active(municipality).filter(weekday=today.weekday()).order_by("starts_at").first()
    )
