"""The configurable questionnaire: defaults, editing, the form built from it, stored labels."""

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ombud.core.models import AuditEvent
from ombud.whistleblower import crypto, selectors, services
from ombud.whistleblower.models import Question, QuestionKind, Report
from tests.helpers.personas import Personas, verified_client
from tests.helpers.whistleblower import (
    SECRET_TEXT,
    WbSetup,
    all_rows_bytes,
    sample_input,
    unlocked_handler_client,
)

pytestmark = pytest.mark.django_db


def _management(rows: list[dict[str, Any]], initial: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(initial),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"form-{i}-{name}"] = value
    return data


def _current_rows(municipality: Any) -> list[dict[str, Any]]:
    rows = []
    for q in Question.objects.filter(municipality=municipality):
        row: dict[str, Any] = {
            "id": str(q.pk),
            "label": q.label,
            "help_text": q.help_text,
            "kind": q.kind,
            "options": q.options,
            "order": str(q.order),
        }
        if q.required:
            row["required"] = "on"
        if q.is_active:
            row["is_active"] = "on"
        rows.append(row)
    return rows


def test_it_seeds_the_classic_questions_in_danish(wb: WbSetup, personas: Personas) -> None:
    questions = list(Question.objects.filter(municipality=personas.ishoj))
    keys = ["what", "when", "who", "how_known", "evidence", "department"]
    assert [q.key for q in questions] == keys
    assert questions[0].label == "Hvad er der sket?" and questions[0].required
    assert services.questions_install_defaults(municipality=personas.ishoj) == 0


def test_it_builds_the_form_from_the_questions_and_stores_labels_with_answers(
    wb: WbSetup, personas: Personas
) -> None:
    when = Question.objects.get(municipality=personas.ishoj, key="when")
    services.questions_update(
        actor=wb.handler_user,
        municipality=personas.ishoj,
        changes=[(when, services.QuestionValues(label="Hvornår?", order=1, is_active=False))],
        new=[
            services.QuestionValues(label="Afdeling", kind=QuestionKind.SHORT, required=True),
            services.QuestionValues(label="Første gang", kind=QuestionKind.DATE),
            services.QuestionValues(
                label="Er det stadig i gang?", kind=QuestionKind.CHOICE, options="Ja\nNej"
            ),
        ],
    )
    new = {q.label: q.key for q in Question.objects.filter(key__startswith="q_")}
    url = reverse("whistleblower:report", args=["ishoj"])
    page = Client().get(url).content.decode()
    assert 'name="when"' not in page  # hidden
    assert f'name="{new["Afdeling"]}"' in page
    assert f'aria-describedby="id_{new["Første gang"]}_helptext"' in page  # the date's format
    data = {
        "reporter_category": "employee",
        "category": "crime",
        "what": SECRET_TEXT,
        new["Afdeling"]: "Vejcentret",
        new["Første gang"]: "31-03-2026",
        new["Er det stadig i gang?"]: "Ja",
        "is_anonymous": "1",
    }
    missing = Client().post(url, {**data, new["Afdeling"]: ""})
    assert missing.status_code == 200 and not Report.objects.exists()
    assert Client().post(url, data).status_code == 302
    # A later edit of the label does not change what the handler sees for this report.
    Question.objects.filter(key=new["Afdeling"]).update(label="Forvaltning")
    report = Report.objects.get()
    opened = selectors.report_read(handler=wb.handler, private_key=wb.private_key, report=report)
    answers = {a.label: a.value for a in opened.answers}
    assert answers["Afdeling"] == "Vejcentret"
    assert answers["Første gang"] == "31-03-2026"
    assert answers["Er det stadig i gang?"] == "Ja"
    assert "Hvornår?" not in answers and "Forvaltning" not in answers
    page = unlocked_handler_client(wb).get(
        reverse("whistleblower:detail", args=["ishoj", report.public_id])
    )
    assert "Afdeling" in page.content.decode() and "Forvaltning" not in page.content.decode()
    raw = all_rows_bytes()
    assert b"Vejcentret" not in raw and SECRET_TEXT.encode() not in raw


def test_it_still_reads_reports_stored_before_the_questionnaire(
    wb: WbSetup, personas: Personas
) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    report = submission.report
    legacy = json.dumps({"what": "Gammel tekst", "when": "I fjor"}, ensure_ascii=False)
    report.content_box = crypto.encrypt_text(submission.report_key, legacy)
    report.save()
    opened = selectors.report_read(handler=wb.handler, private_key=wb.private_key, report=report)
    assert opened.content == {"what": "Gammel tekst", "when": "I fjor"}
    assert str(opened.answers[0].label) in ("What happened?", "Hvad er der sket?")


def test_it_labels_classic_fields_with_the_municipalitys_questions(
    wb: WbSetup, personas: Personas
) -> None:
    Question.objects.filter(municipality=personas.ishoj, key="who").update(label="Hvem?")
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    opened = selectors.report_read_for_reporter(submission.report, submission.report_key)
    assert ("Hvem?", "Kassereren") in [(a.label, a.value) for a in opened.answers]


def test_it_always_keeps_the_description_question(wb: WbSetup, personas: Personas) -> None:
    what = Question.objects.get(municipality=personas.ishoj, key="what")
    values = services.QuestionValues(label="Beskriv", kind=QuestionKind.DATE, is_active=False)
    services.questions_update(
        actor=wb.handler_user, municipality=personas.ishoj, changes=[(what, values)]
    )
    what.refresh_from_db()
    assert (what.label, what.kind, what.required, what.is_active) == (
        "Beskriv",
        QuestionKind.LONG,
        True,
        True,
    )
    with pytest.raises(ValidationError):
        services.questions_update(
            actor=wb.handler_user,
            municipality=personas.ishoj,
            changes=[],
            new=[services.QuestionValues(label="Valg", kind=QuestionKind.CHOICE)],
        )
    assert AuditEvent.objects.filter(object_ref="whistleblower-questions").count() == 1


def test_it_lets_handlers_and_administrators_edit_the_questions(
    wb: WbSetup, personas: Personas
) -> None:
    handler_url = reverse("whistleblower:questions", args=["ishoj"])
    admin_url = reverse("whistleblower:admin_questions", args=["ishoj"])
    client = unlocked_handler_client(wb)
    assert client.get(handler_url).status_code == 200
    rows = _current_rows(personas.ishoj)
    rows[1]["label"] = "Hvornår og hvor længe?"
    rows.append({"label": "Hvilken afdeling?", "kind": "short", "order": "", "is_active": "on"})
    response = client.post(handler_url, _management(rows, initial=6))
    assert response.status_code == 302
    assert Question.objects.filter(label="Hvornår og hvor længe?").exists()
    assert Question.objects.filter(label="Hvilken afdeling?", order=6).exists()
    admin = verified_client(personas.admin)
    assert admin.get(admin_url).status_code == 200
    rows = _current_rows(personas.ishoj)
    rows[0]["label"] = "Hvad vil du indberette?"
    del rows[0]["is_active"]  # disabled for the description: ignored
    assert admin.post(admin_url, _management(rows, initial=7)).status_code == 302
    what = Question.objects.get(municipality=personas.ishoj, key="what")
    assert what.label == "Hvad vil du indberette?" and what.is_active
    assert verified_client(personas.advisor).get(admin_url).status_code == 403
    assert verified_client(personas.advisor).get(handler_url).status_code == 403
    assert verified_client(personas.outsider).get(admin_url).status_code == 404
    assert verified_client(personas.outsider).get(handler_url).status_code == 404
