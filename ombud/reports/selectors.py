"""Reads for reports and recommendations; every read is scoped to one municipality."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from ombud.accounts.models import Municipality
from ombud.cases.models import Case, CaseKind
from ombud.reports.figures import INSERT, PLACEHOLDER, Snapshot, build_snapshot, normalise
from ombud.reports.models import (
    PublishedReport,
    Recommendation,
    RecommendationResponse,
    ReportDraft,
    ReportSection,
)
from ombud.stats.selectors import Period

PATTERN_THRESHOLD = 3
PATTERN_WINDOW_DAYS = 365


def draft_list(municipality: Municipality) -> QuerySet[ReportDraft]:
    return ReportDraft.objects.filter(municipality=municipality)


def draft_get(municipality: Municipality, public_id: Any) -> ReportDraft:
    draft = (
        ReportDraft.objects.filter(municipality=municipality, public_id=public_id)
        .prefetch_related("sections")
        .first()
    )
    if draft is None:
        raise Http404
    draft.municipality = municipality  # already loaded: saves the figures a query
    return draft


def draft_for_period(municipality: Municipality, kind: str, period: Period) -> ReportDraft | None:
    return (
        ReportDraft.objects.filter(
            municipality=municipality,
            kind=kind,
            period_start=period.start,
            period_end=period.end,
        )
        .prefetch_related("sections")
        .first()
    )


def draft_previous(municipality: Municipality, kind: str, before: dt.date) -> ReportDraft | None:
    """The latest draft of the same kind that ended before `before` (to carry texts over)."""
    return (
        ReportDraft.objects.filter(municipality=municipality, kind=kind, period_end__lt=before)
        .order_by("-period_end", "-created_at")
        .prefetch_related("sections")
        .first()
    )


def published_list(municipality: Municipality) -> QuerySet[PublishedReport]:
    return PublishedReport.objects.filter(municipality=municipality).select_related(
        "published_by", "draft"
    )


def published_get(municipality: Municipality, public_id: Any) -> PublishedReport:
    report = published_list(municipality).filter(public_id=public_id).first()
    if report is None:
        raise Http404
    return report


def recommendation_list(
    municipality: Municipality, *, status: str = "", year: int | None = None
) -> QuerySet[Recommendation]:
    qs = (
        Recommendation.objects.filter(municipality=municipality)
        .select_related("centre")
        .prefetch_related("responses")
    )
    if status:
        qs = qs.filter(status=status)
    if year is not None:
        qs = qs.filter(year_made=year)
    return qs


def recommendation_get(municipality: Municipality, public_id: Any) -> Recommendation:
    rec = (
        Recommendation.objects.filter(municipality=municipality, public_id=public_id)
        .select_related("centre")
        .prefetch_related(
            "responses",
            Prefetch("cases", queryset=Case.objects.select_related("centre").order_by("opened_on")),
        )
        .first()
    )
    if rec is None:
        raise Http404
    return rec


def _rec_dict(rec: Recommendation) -> dict[str, Any]:
    responses = list(rec.responses.all())
    return {
        "id": str(rec.public_id),
        "text": rec.text,
        "area": rec.centre.label if rec.centre else "",
        "year_made": rec.year_made,
        "addressee": rec.addressee,
        "status": rec.status,
        "status_label": str(rec.get_status_display()),
        "raised_again": list(rec.raised_again),
        "responses": [{"date": r.date.isoformat(), "text": r.text} for r in responses],
    }


def recommendations_for_report(
    municipality: Municipality, period: Period
) -> dict[str, list[dict[str, Any]]]:
    """The period's recommendations (boxes) and the earlier ones (follow-up table)."""
    years = set(range(period.start.year, period.end.year + 1))
    current, earlier = [], []
    recs = recommendation_list(municipality).filter(year_made__lte=period.end.year)
    for rec in recs.order_by("year_made", "created_at"):
        raised_now = years & set(rec.raised_again)
        if rec.year_made in years or raised_now:
            current.append(_rec_dict(rec))
        if rec.year_made < period.start.year:
            earlier.append(_rec_dict(rec))
    return {"current": current, "follow_up": earlier}


def draft_snapshot(draft: ReportDraft) -> Snapshot:
    period = draft.period
    return build_snapshot(
        draft.municipality,
        period,
        draft.compare_period,
        recommendations_for_report(draft.municipality, period),
    )


@dataclass(frozen=True)
class Problem:
    section: str
    line: int
    message: str
    text: str


def draft_problems(sections: list[ReportSection], values: dict[str, Any]) -> list[Problem]:
    """Unfilled placeholders and inserts that do not resolve, by section and line."""
    problems: list[Problem] = []
    for section in sections:
        where = str(section)
        for number, line in enumerate(section.body_markdown.splitlines(), start=1):
            for m in PLACEHOLDER.finditer(line):
                problems.append(Problem(where, number, "placeholder", m.group(0)))
            for m in INSERT.finditer(line):
                if normalise(m.group(1)) not in values:
                    problems.append(Problem(where, number, "insert", m.group(0)))
    return problems


@dataclass
class Pattern:
    """Complaints about one centre and theme that may call for a recommendation."""

    centre_id: int
    centre: str
    theme_id: int
    theme: str
    cases: list[Case] = field(default_factory=list)
    earlier: list[Recommendation] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.centre_id}-{self.theme_id}"


def patterns(municipality: Municipality, today: dt.date) -> list[Pattern]:
    """Recurring complaints in the last twelve months.

    A pattern is a (centre, theme) pair with at least PATTERN_THRESHOLD complaints opened in the
    window, or with any complaint in the window when an earlier recommendation was motivated by
    complaints about the same centre and theme.
    """
    since = today - dt.timedelta(days=PATTERN_WINDOW_DAYS)
    through = Case.themes.through.objects.filter(
        case__municipality=municipality,
        case__kind=CaseKind.COMPLAINT,
        case__centre__isnull=False,
        case__opened_on__gt=since,
        case__opened_on__lte=today,
    ).select_related("case", "case__centre", "theme")
    groups: dict[tuple[int, int], Pattern] = {}
    for row in through.order_by("case__opened_on", "case_id"):
        case, centre = row.case, row.case.centre
        if centre is None:
            continue
        key = (centre.pk, row.theme_id)
        if key not in groups:
            groups[key] = Pattern(centre.pk, centre.label, row.theme_id, row.theme.label)
        groups[key].cases.append(case)
    earlier = _recommended_pairs(municipality)
    found = []
    for key, pattern in groups.items():
        pattern.earlier = earlier.get(key, [])
        motivating = {c.pk for r in pattern.earlier for c in r.cases.all()}
        pattern.cases = [c for c in pattern.cases if c.pk not in motivating]
        if len(pattern.cases) >= PATTERN_THRESHOLD or (pattern.earlier and pattern.cases):
            found.append(pattern)
    return sorted(found, key=lambda p: (-len(p.cases), p.centre, p.theme))


def _recommended_pairs(municipality: Municipality) -> dict[tuple[int, int], list[Recommendation]]:
    recs = Recommendation.objects.filter(municipality=municipality).prefetch_related(
        Prefetch("cases", queryset=Case.objects.prefetch_related("themes"))
    )
    pairs: dict[tuple[int, int], list[Recommendation]] = defaultdict(list)
    for rec in recs:
        for case in rec.cases.all():
            if case.kind != CaseKind.COMPLAINT or case.centre_id is None:
                continue
            for theme in case.themes.all():
                if rec not in pairs[(case.centre_id, theme.pk)]:
                    pairs[(case.centre_id, theme.pk)].append(rec)
    return pairs


def responses_for(rec: Recommendation) -> list[RecommendationResponse]:
    return list(rec.responses.all())


# Drafts older than this are history: the start page leaves their placeholders alone.
DRAFT_RECENT_DAYS = 400


def drafts_with_placeholders(
    municipality: Municipality, today: dt.date
) -> list[tuple[Any, str, int]]:
    """For the start page: (public id, title, number of unfilled placeholders) of each recent
    draft that still has some, in one query over the sections that could hold one."""
    sections = ReportSection.objects.filter(
        draft__municipality=municipality,
        draft__period_end__gte=today - dt.timedelta(days=DRAFT_RECENT_DAYS),
        body_markdown__contains="[",
    ).values_list("draft__public_id", "draft__title", "body_markdown")
    found: dict[Any, list[Any]] = {}
    for public_id, title, body in sections:
        n = len(PLACEHOLDER.findall(body))
        if n:
            found.setdefault(public_id, [public_id, title, 0])[2] += n
    return [(row[0], row[1], row[2]) for row in found.values()]
