"""Reads of the person register. Every read is scoped to one municipality."""

import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Replace
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


@dataclass(frozen=True)
class CitizenMatch:
    """A current record that may be the same person, and why: "email", "phone" and/or "name"."""

    citizen: Citizen
    reasons: tuple[str, ...]

    @property
    def is_strong(self) -> bool:
        return "email" in self.reasons or "phone" in self.reasons


def phone_key(raw: str) -> str:
    """The last 8 digits of a Danish number (without +45/0045 and spacing), or "" if shorter."""
    digits = re.sub(r"\D", "", raw)
    return digits[-8:] if len(digits) >= 8 else ""


def name_key(raw: str) -> str:
    """Spacing collapsed. Only names of two words or more are matched: a first name alone would
    offer half the register."""
    name = " ".join(raw.split())
    return name if " " in name else ""


def _phone_digits() -> Combinable:
    expression: Combinable = F("phone")
    for char in (" ", "-", "+", "(", ")", "."):
        expression = Replace(expression, Value(char), Value(""))
    return expression


def citizen_matches(
    municipality: Municipality, *, email: str = "", phone: str = "", name: str = "", limit: int = 10
) -> list[CitizenMatch]:
    """Current records in this municipality (never another) with the same e-mail address (any
    case), the same phone number (last 8 digits) or the same full name (spacing and case
    ignored). Strong matches (e-mail, phone) first. Shows no CPR beyond the stored mask."""
    email, phone, name = email.strip(), phone_key(phone), name_key(name)
    query = Q(email__iexact=email) if email else Q()
    if phone:
        query |= Q(phone_digits__endswith=phone)
    if name:
        # iexact folds Ø/ø on SQLite too (ombud/core/sqlite_unicode.py).
        query |= Q(name__iexact=name)
    if not query:
        return []
    rows = (
        Citizen.objects.filter(municipality=municipality)
        .current()
        .annotate(phone_digits=_phone_digits(), case_count=Count("cases"))
        .filter(query)
        .order_by("name", "pk")[: limit * 2]
    )
    matches = [m for m in (_match(c, email, phone, name) for c in rows) if m.reasons]
    matches.sort(key=lambda m: not m.is_strong)
    return matches[:limit]


def _match(citizen: Citizen, email: str, phone: str, name: str) -> CitizenMatch:
    reasons = []
    if email and citizen.email.casefold() == email.casefold():
        reasons.append("email")
    if phone and phone_key(citizen.phone) == phone:
        reasons.append("phone")
    if name and " ".join(citizen.name.split()).casefold() == name.casefold():
        reasons.append("name")
    return CitizenMatch(citizen=citizen, reasons=tuple(reasons))


def citizen_search(municipality: Municipality, q: str, limit: int = 10) -> list[Citizen]:
    """Current (not merged) citizens whose name, phone, e-mail or key contains `q`."""
    text = q.strip()
    if not text:
        return []
    digits = text.replace(" ", "")
    citizens = (
        Citizen.objects.current()
        .filter(municipality=municipality)
        .annotate(phone_digits=Replace(F("phone"), Value(" "), Value("")))
        .filter(
            Q(name__icontains=text)
            | Q(email__icontains=text)
            | Q(external_key__icontains=text)
            | Q(phone_digits__icontains=digits)
        )
        .order_by("name", "pk")
    )
    return list(citizens[:limit])


def citizen_find_current(municipality: Municipality, public_id: Any) -> Citizen | None:
    """The municipality's unmerged record with `public_id`, or None (a form's chosen citizen;
    `citizen_get` is the page's lookup, merged or not, with a 404)."""
    return Citizen.objects.current().filter(municipality=municipality, public_id=public_id).first()
