"""Writes for report drafts, publishing and the recommendations register (with audit rows)."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ombud.accounts.models import Municipality, User
from ombud.cases.models import Case, Centre
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.reports.figures import insert_values, resolve
from ombud.reports.models import (
    PublishedReport,
    Recommendation,
    RecommendationResponse,
    RecommendationStatus,
    ReportDraft,
    ReportKind,
    ReportSection,
)
from ombud.reports.selectors import Problem, draft_previous, draft_problems, draft_snapshot
from ombud.reports.starter import TEMPLATES
from ombud.stats.selectors import Period


class PublishBlockedError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) block publishing")
        self.problems = problems


def default_title(kind: str, municipality: Municipality, period: Period) -> str:
    from ombud.reports.figures import period_words

    words = period_words(period.as_dict())
    if kind == ReportKind.MIDWAY:
        return f"Administrativ midtvejsstatus {words} \N{EN DASH} {municipality.name}"
    return f"Borgerrådgiverens årsberetning {words} \N{EN DASH} {municipality.name}"


@transaction.atomic
def draft_create(
    *,
    actor: User | None,
    municipality: Municipality,
    kind: str,
    period: Period,
    compare: Period | None = None,
    title: str = "",
) -> ReportDraft:
    """A new draft with the template's sections, carrying over the last draft's texts."""
    draft = ReportDraft(
        municipality=municipality,
        kind=kind,
        title=title or default_title(kind, municipality, period),
        period_start=period.start,
        period_end=period.end,
        compare_start=compare.start if compare else None,
        compare_end=compare.end if compare else None,
    )
    draft.full_clean()
    draft.save()
    previous = draft_previous(municipality, kind, period.start)
    carried = {s.key: s.body_markdown for s in previous.sections.all()} if previous else {}
    ReportSection.objects.bulk_create(
        ReportSection(
            draft=draft,
            key=t.key,
            number=t.number,
            heading=t.heading.replace("{kommune}", municipality.name),
            level=t.level,
            body_markdown=carried.get(t.key, t.body),
            order=i,
        )
        for i, t in enumerate(TEMPLATES[kind])
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=draft,
        summary=f"report draft {draft.title}" + (" (texts carried over)" if previous else ""),
    )
    return draft


@transaction.atomic
def section_update(
    *, actor: User | None, draft: ReportDraft, key: str, body: str, heading: str | None = None
) -> ReportSection:
    section = ReportSection.objects.select_for_update().get(draft=draft, key=key)
    changed = section.body_markdown != body or (heading is not None and heading != section.heading)
    if not changed:
        return section
    section.body_markdown = body
    if heading is not None:
        section.heading = heading
    section.full_clean()
    section.save()
    ReportDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now())
    audit_record(
        actor=actor,
        municipality=draft.municipality,
        action=AuditAction.UPDATE,
        obj=draft,
        summary=f"report section {key}",
    )
    return section


def resolved_sections(
    sections: Sequence[ReportSection], values: dict[str, Any]
) -> list[dict[str, Any]]:
    return [
        {
            "key": s.key,
            "number": s.number,
            "heading": s.heading,
            "level": s.level,
            "body": resolve(s.body_markdown, values)[0],
        }
        for s in sections
    ]


@transaction.atomic
def report_publish(*, actor: User, draft: ReportDraft) -> PublishedReport:
    """Freeze the draft: resolved texts plus a snapshot of every figure, never changed again."""
    sections = list(draft.sections.all())
    snapshot = draft_snapshot(draft)
    values = insert_values(snapshot)
    problems = draft_problems(sections, values)
    if problems:
        raise PublishBlockedError(problems)
    last = PublishedReport.objects.filter(draft=draft).aggregate(v=Max("version"))["v"] or 0
    report = PublishedReport(
        municipality=draft.municipality,
        draft=draft,
        kind=draft.kind,
        title=draft.title,
        version=last + 1,
        sections=resolved_sections(sections, values),
        snapshot=snapshot,
        published_by=actor,
        published_at=timezone.now(),
    )
    report.full_clean()
    report.save()
    audit_record(
        actor=actor,
        municipality=draft.municipality,
        action=AuditAction.CREATE,
        obj=report,
        summary=f"published {draft.title} version {report.version}",
    )
    return report


@transaction.atomic
def recommendation_create(
    *,
    actor: User | None,
    municipality: Municipality,
    text: str,
    year_made: int,
    centre: Centre | None = None,
    addressee: str = "",
    status: str = RecommendationStatus.PROPOSED,
    cases: Sequence[Case] = (),
    pattern: str = "",
) -> Recommendation:
    if centre is not None and centre.municipality_id != municipality.pk:
        raise ValueError("The centre belongs to another municipality.")
    if any(c.municipality_id != municipality.pk for c in cases):
        raise ValueError("A case belongs to another municipality.")
    rec = Recommendation(
        municipality=municipality,
        text=text,
        year_made=year_made,
        centre=centre,
        addressee=addressee,
        status=status,
        pattern=pattern,
    )
    rec.full_clean()
    rec.save()
    rec.cases.set(cases)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=rec,
        summary=f"recommendation {year_made}",
    )
    return rec


_EDITABLE = ("text", "centre", "year_made", "addressee", "status")


@transaction.atomic
def recommendation_update(
    *, actor: User | None, recommendation: Recommendation, **changes: Any
) -> Recommendation:
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise TypeError(f"Cannot change {sorted(unknown)}")
    before = {k: str(getattr(recommendation, k)) for k in changes}
    for key, value in changes.items():
        setattr(recommendation, key, value)
    recommendation.full_clean()
    recommendation.save()
    after = {k: str(getattr(recommendation, k)) for k in changes}
    audit_record(
        actor=actor,
        municipality=recommendation.municipality,
        action=AuditAction.UPDATE,
        obj=recommendation,
        summary="recommendation changed",
        changes={k: [before[k], after[k]] for k in changes if before[k] != after[k]},
    )
    return recommendation


@transaction.atomic
def recommendation_respond(
    *, actor: User | None, recommendation: Recommendation, date: dt.date, text: str
) -> RecommendationResponse:
    response = RecommendationResponse(
        recommendation=recommendation, date=date, text=text, created_by=actor
    )
    response.full_clean()
    response.save()
    audit_record(
        actor=actor,
        municipality=recommendation.municipality,
        action=AuditAction.UPDATE,
        obj=recommendation,
        summary=f"administration's response of {date.isoformat()} recorded",
    )
    return response


@transaction.atomic
def recommendation_raise_again(
    *, actor: User | None, recommendation: Recommendation, year: int
) -> Recommendation:
    if year <= recommendation.year_made:
        raise ValueError("A recommendation is raised again in a later year.")
    if year not in recommendation.raised_again:
        recommendation.raised_again = sorted([*recommendation.raised_again, year])
        recommendation.save(update_fields=["raised_again", "updated_at"])
        audit_record(
            actor=actor,
            municipality=recommendation.municipality,
            action=AuditAction.UPDATE,
            obj=recommendation,
            summary=f"recommendation raised again in {year}",
        )
    return recommendation
