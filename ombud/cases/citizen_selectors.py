"""Reads of the person register. Every read is scoped to one municipality."""

import uuid

from django.db.models import Count, QuerySet
from django.http import Http404

from ombud.accounts.models import Municipality
from ombud.cases.models import Case, Citizen


def citizen_list(municipality: Municipality, *, query: str = "") -> QuerySet[Citizen]:
    """Current (not merged) records, with `case_count`, optionally filtered by name or key."""
    citizens = Citizen.objects.filter(municipality=municipality).current()
    query = query.strip()
    if query:
        citizens = citizens.filter(name__icontains=query) | citizens.filter(
            external_key__iexact=query
        )
    return citizens.annotate(case_count=Count("cases")).order_by("name", "external_key", "pk")


def citizen_get(municipality: Municipality, public_id: uuid.UUID) -> Citizen:
    """The record, merged or not; another municipality's record is a 404."""
    citizen = (
        Citizen.objects.filter(municipality=municipality, public_id=public_id)
        .select_related("municipality")
        .first()
    )
    if citizen is None:
        raise Http404
    return citizen


def citizen_current(citizen: Citizen) -> Citizen:
    """Follow merges to the record that now holds the person's cases."""
    seen = {citizen.pk}
    while citizen.merged_into_id is not None:
        citizen = Citizen.objects.get(pk=citizen.merged_into_id)
        if citizen.pk in seen:  # a cycle cannot be created by citizen_merge; be safe anyway
            break
        seen.add(citizen.pk)
    return citizen


def citizen_cases(citizen: Citizen) -> QuerySet[Case]:
    return (
        Case.objects.filter(citizen=citizen)
        .select_related("centre", "external_body", "handler", "main_case")
        .order_by("-opened_on", "-reference")
    )


def citizen_merge_candidates(citizen: Citizen, *, query: str) -> QuerySet[Citizen]:
    """Other current records in the same municipality that could be the same person."""
    if not query.strip():
        return Citizen.objects.none()
    return citizen_list(citizen.municipality, query=query).exclude(pk=citizen.pk)[:20]


def citizen_count_unique(cases: QuerySet[Case]) -> int:
    """'Unique citizens' counts persons, not cases. After a merge, the cases share one record."""
    return cases.order_by().values("citizen_id").distinct().count()
