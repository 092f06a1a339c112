"""The configurable questionnaire: default questions for a new scheme, and edits to them."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.whistleblower import defaults
from ombud.whistleblower.models import (
    CORE_QUESTION,
    DEPARTMENT_QUESTION,
    Question,
    QuestionKind,
)


def questions_install_defaults(*, municipality: Municipality) -> int:
    """Give the municipality the default questions it lacks (by key). Idempotent."""
    existing = set(Question.objects.filter(municipality=municipality).values_list("key", flat=True))
    rows = [
        Question(
            municipality=municipality,
            key=key,
            label=label,
            help_text=help_text,
            kind=kind,
            required=required,
            order=order,
        )
        for order, (key, label, help_text, kind, required) in enumerate(defaults.QUESTIONS)
        if key not in existing
    ]
    Question.objects.bulk_create(rows)
    return len(rows)


@dataclass(frozen=True)
class QuestionValues:
    label: str
    help_text: str = ""
    kind: str = QuestionKind.LONG
    options: str = ""
    required: bool = False
    order: int = 0
    is_active: bool = True


def _apply(question: Question, values: QuestionValues) -> None:
    for name, value in vars(values).items():
        setattr(question, name, value)
    if question.key == CORE_QUESTION:
        # The description (or an oral report's minutes) is always asked for.
        question.kind, question.required, question.is_active = QuestionKind.LONG, True, True
    if question.key == DEPARTMENT_QUESTION:
        # Answered from the scheme's departments; its options are not typed in here.
        question.kind = QuestionKind.DEPARTMENT
    elif question.kind == QuestionKind.DEPARTMENT:
        raise ValidationError({"kind": _("Only the department question takes departments.")})
    if question.kind == QuestionKind.CHOICE and not question.option_list:
        raise ValidationError({"options": _("A choice needs at least one option.")})
    question.full_clean()


@transaction.atomic
def questions_update(
    *,
    actor: User,
    municipality: Municipality,
    changes: list[tuple[Question, QuestionValues]],
    new: list[QuestionValues] | None = None,
) -> list[Question]:
    """Save edits to existing questions and add new ones; one audit row for the lot.

    Answers already given keep the label they were given under (it is stored with them).
    """
    saved: list[Question] = []
    for question, values in changes:
        if question.municipality_id != municipality.pk:
            raise ValidationError(_("Unknown question."))
        _apply(question, values)
        question.save()
        saved.append(question)
    last = Question.objects.filter(municipality=municipality).aggregate(m=Max("order"))["m"]
    for values in new or []:
        question = Question(municipality=municipality, key=f"q_{secrets.token_hex(4)}")
        _apply(question, values)
        if not values.order:
            last = (last or 0) + 1
            question.order = last
        question.save()
        saved.append(question)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        object_type="whistleblower",
        object_ref="whistleblower-questions",
        summary="Whistleblower questionnaire changed",
        changes={"questions": sorted(q.key for q in saved)},
    )
    return saved
