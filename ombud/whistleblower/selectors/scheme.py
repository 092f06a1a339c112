"""Reads of the scheme: the open scheme, handlers, the questionnaire, categories and departments."""

from django.db.models import QuerySet
from django.http import Http404

from ombud.accounts.models import Municipality, User
from ombud.whistleblower.models import (
    Category,
    Department,
    Handler,
    HandlerRole,
    Question,
    Scheme,
)


def scheme_get_open(slug: str) -> Scheme:
    scheme = (
        Scheme.objects.select_related("municipality")
        .filter(municipality__slug=slug, is_open=True)
        .first()
    )
    if scheme is None:
        raise Http404
    return scheme


def handler_get_for_user(user: User, municipality: Municipality) -> Handler | None:
    return (
        Handler.objects.select_related("user", "municipality")
        .filter(user=user, municipality=municipality, is_active=True)
        .first()
    )


def handler_pending_list(municipality: Municipality) -> QuerySet[Handler]:
    """Designations waiting for four-eyes approval (services/custody.py)."""
    return Handler.objects.filter(
        municipality=municipality, is_active=True, approved_at__isnull=True
    ).select_related("user", "designated_by")


def investigator_list(municipality: Municipality) -> QuerySet[Handler]:
    return Handler.objects.filter(
        municipality=municipality,
        role=HandlerRole.INVESTIGATOR,
        is_active=True,
        public_key__isnull=False,
        approved_at__isnull=False,
    ).select_related("user")


def question_list(municipality: Municipality, *, active_only: bool = True) -> list[Question]:
    questions = Question.objects.filter(municipality=municipality)
    return list(questions.filter(is_active=True) if active_only else questions)


def category_list(municipality: Municipality, *, active_only: bool = True) -> list[Category]:
    rows = Category.objects.filter(municipality=municipality)
    return list(rows.filter(is_active=True) if active_only else rows)


def department_list(municipality: Municipality, *, active_only: bool = True) -> list[Department]:
    rows = Department.objects.filter(municipality=municipality)
    return list(rows.filter(is_active=True) if active_only else rows)


def category_labels(municipality: Municipality) -> dict[str, str]:
    """Every category's label by key, retired ones included (old reports still use them)."""
    return {c.key: c.display_label for c in category_list(municipality, active_only=False)}


def department_labels(municipality: Municipality) -> dict[str, str]:
    return {d.key: d.display_label for d in department_list(municipality, active_only=False)}
