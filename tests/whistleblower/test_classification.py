"""The scheme's own categories and departments: editing, the form, the handler's correction,
the list filters and the statistics."""

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ombud.cases.models import Centre
from ombud.core.models import AuditEvent
from ombud.whistleblower import crypto, services
from ombud.whistleblower.models import (
    Category,
    Department,
    EventKind,
    Question,
    Report,
    ReportEvent,
)
from ombud.whistleblower.statistics import whistleblower_figures
from tests.helpers.personas import Personas, verified_client
from tests.helpers.whistleblower import SECRET_TEXT, WbSetup, sample_input, unlocked_handler_client

pytestmark = pytest.mark.django_db


def _departments(personas: Personas, *labels: str) -> list[Department]:
    services.departments_update(
        actor=personas.admin,
        municipality=personas.ishoj,
        changes=[],
        new=[services.ListValues(label=label) for label in labels],
    )
    return list(Department.objects.filter(municipality=personas.ishoj))


def _form(**extra: Any) -> dict[str, Any]:
    data = {
        "reporter_category": "employee",
        "category": "crime",
        "what": SECRET_TEXT,
        "is_anonymous": "1",
    }
    data.update(extra)
    return data


def test_a_new_scheme_starts_with_the_built_in_categories(wb: WbSetup, personas) -> None:
    keys = list(Category.objects.filter(municipality=personas.ishoj).values_list("key", flat=True))
    assert keys == ["eu_law", "crime", "law", "internal_rules", "harassment", "neglect", "other"]
    assert services.categories_install_defaults(municipality=personas.ishoj) == 0
    page = Client().get(reverse("whistleblower:report", args=["ishoj"])).content.decode()
    assert "Chikane, herunder seksuel chikane" in page  # the built-in text, translated


@pytest.mark.clock_sensitive  # counts by the local date of a report received now
def test_it_renames_reorders_adds_and_retires_categories_keeping_history(
    wb: WbSetup, personas: Personas
) -> None:
    old = services.report_submit(
        municipality=personas.ishoj, data=sample_input()
    ).report  # category "crime"
    crime = Category.objects.get(municipality=personas.ishoj, key="crime")
    other = Category.objects.get(municipality=personas.ishoj, key="other")
    services.categories_update(
        actor=personas.admin,
        municipality=personas.ishoj,
        changes=[
            (crime, services.ListValues(label="", order=1, is_active=False)),
            (other, services.ListValues(label="Andet", order=0)),
        ],
        new=[services.ListValues(label="Arbejdsmiljø")],
    )
    page = Client().get(reverse("whistleblower:report", args=["ishoj"])).content.decode()
    assert 'value="crime"' not in page  # retired: gone from the form
    assert "Arbejdsmiljø" in page and ">Andet<" in page
    assert page.index(">Andet<") < page.index("Chikane, herunder")  # order 0 before 4
    with pytest.raises(ValidationError):
        services.report_submit(municipality=personas.ishoj, data=sample_input())
    # The old report keeps its category, on the handler's pages and in the statistics.
    client = unlocked_handler_client(wb)
    detail = client.get(reverse("whistleblower:detail", args=["ishoj", old.public_id]))
    assert "Strafbart forhold" in detail.content.decode()
    figures = whistleblower_figures(personas.ishoj, *[timezone.localdate(old.received_at)] * 2)
    assert figures.by_category == {"crime": 1}
    assert AuditEvent.objects.filter(object_ref="whistleblower-category").count() == 1


def test_at_least_one_category_stays_and_labels_are_unique(wb: WbSetup, personas) -> None:
    rows = list(Category.objects.filter(municipality=personas.ishoj))
    with pytest.raises(ValidationError):
        services.categories_update(
            actor=personas.admin,
            municipality=personas.ishoj,
            changes=[(c, services.ListValues(label="", is_active=False)) for c in rows],
        )
    with pytest.raises(ValidationError):
        services.categories_update(
            actor=personas.admin,
            municipality=personas.ishoj,
            changes=[],
            new=[services.ListValues(label="omsorgssvigt")],  # = the built-in "Omsorgssvigt"
        )
    brondby = Category.objects.filter(municipality=personas.brondby).first()
    assert brondby is not None
    with pytest.raises(ValidationError):
        services.categories_update(
            actor=personas.admin,
            municipality=personas.ishoj,
            changes=[(brondby, services.ListValues(label="Overtaget"))],
        )
    assert Category.objects.filter(municipality=personas.ishoj, is_active=True).count() == 7


def test_the_department_question_appears_only_with_departments(
    wb: WbSetup, personas: Personas
) -> None:
    url = reverse("whistleblower:report", args=["ishoj"])
    assert 'name="department"' not in Client().get(url).content.decode()
    social, roads = _departments(personas, "Socialforvaltningen", "Vej og Park")
    page = Client().get(url).content.decode()
    assert "Hvilken afdeling drejer det sig om?" in page and "Vej og Park" in page
    response = Client().post(url, _form(department=roads.key))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.department == roads.key  # in the clear, for statistics and filters
    key = crypto.unseal(wb.private_key, bytes(report.grants.get(handler=wb.handler).report_key))
    answers = json.loads(crypto.decrypt_text(key, bytes(report.content_box)))["answers"]
    assert "department" not in [a["key"] for a in answers]
    Client().post(url, _form())  # the question is optional
    assert Report.objects.filter(department="").count() == 1
    # A retired department disappears from the form and cannot be chosen.
    services.departments_update(
        actor=personas.admin,
        municipality=personas.ishoj,
        changes=[(social, services.ListValues(label=social.label, is_active=False))],
    )
    assert "Socialforvaltningen" not in Client().get(url).content.decode()
    response = Client().post(url, _form(department=social.key))
    assert response.status_code == 200 and Report.objects.count() == 2


def test_only_the_department_question_takes_departments(wb: WbSetup, personas) -> None:
    question = Question.objects.get(municipality=personas.ishoj, key="department")
    values = services.QuestionValues(label="Afdeling?", kind="short")
    services.questions_update(
        actor=personas.admin, municipality=personas.ishoj, changes=[(question, values)]
    )
    question.refresh_from_db()
    assert question.kind == "department"
    with pytest.raises(ValidationError):
        services.questions_update(
            actor=personas.admin,
            municipality=personas.ishoj,
            changes=[],
            new=[services.QuestionValues(label="Hvor?", kind="department")],
        )


def test_the_handler_sets_and_corrects_category_and_department(
    wb: WbSetup, personas: Personas
) -> None:
    (social,) = _departments(personas, "Socialforvaltningen")
    report = services.report_submit(municipality=personas.ishoj, data=sample_input()).report
    client = unlocked_handler_client(wb)
    args = ["ishoj", report.public_id]
    response = client.post(
        reverse("whistleblower:classify", args=args),
        {"classify-category": "harassment", "classify-department": social.key},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.category, report.department) == ("harassment", social.key)
    assert ReportEvent.objects.filter(report=report, kind=EventKind.CLASSIFIED).count() == 1
    audit = AuditEvent.objects.get(object_ref=report.reference, changes__has_key="department")
    assert audit.changes["category"] == ["crime", "harassment"]
    page = client.get(reverse("whistleblower:detail", args=args)).content.decode()
    assert "Socialforvaltningen" in page and "Chikane" in page
    # Another municipality's department is refused.
    brondby = Department.objects.create(municipality=personas.brondby, key="d_x", label="X")
    with pytest.raises(ValidationError):
        services.report_classify(
            actor=wb.handler, report=report, category="crime", department=brondby.key
        )
    # An ordinary advisor cannot classify (403), an outsider gets 404.
    url = reverse("whistleblower:classify", args=args)
    data = {"classify-category": "crime"}
    assert verified_client(personas.advisor).post(url, data).status_code == 403
    assert verified_client(personas.outsider).post(url, data).status_code == 404
    report.refresh_from_db()
    assert report.category == "harassment"


def test_the_list_filters_by_category_and_department(wb: WbSetup, personas) -> None:
    (social,) = _departments(personas, "Socialforvaltningen")
    data = sample_input()
    a = services.report_submit(municipality=personas.ishoj, data=data).report
    b = services.report_submit(
        municipality=personas.ishoj,
        data=services.ReportInput(**{**vars(data), "category": "neglect"}),
    ).report
    c = services.report_submit(
        municipality=personas.ishoj,
        data=services.ReportInput(**{**vars(data), "department": social.key}),
    ).report
    client = unlocked_handler_client(wb)
    url = reverse("whistleblower:handler_list", args=["ishoj"])

    def listed(**query: str) -> set[str]:
        page = client.get(url, query).content.decode()
        return {r.reference for r in (a, b, c) if f">{r.reference}<" in page}

    assert listed() == {a.reference, b.reference, c.reference}
    assert listed(category="neglect") == {b.reference}
    assert listed(department=social.key) == {c.reference}
    assert listed(category="crime", department=social.key) == {c.reference}
    assert listed(category="nonsense") == set()


@pytest.mark.clock_sensitive  # counts by the local date of a report received now
def test_statistics_count_by_department_with_small_numbers_suppressed(
    wb: WbSetup, personas: Personas
) -> None:
    social, roads = _departments(personas, "Socialforvaltningen", "Vej og Park")
    data = sample_input()
    for department, count in ((social.key, 5), (roads.key, 2), ("", 1)):
        for _ in range(count):
            services.report_submit(
                municipality=personas.ishoj,
                data=services.ReportInput(**{**vars(data), "department": department}),
            )
    report = Report.objects.filter(department=roads.key).first()
    assert report is not None
    services.report_delete(actor=None, report=report)  # counted through its statistics row
    day = timezone.localdate(report.received_at)
    published = whistleblower_figures(personas.ishoj, day, day).as_published()
    assert published["by_department"] == {"": "<5", social.key: 5, roads.key: "<5"}
    assert published["department_labels"][roads.key] == "Vej og Park"
    client = unlocked_handler_client(wb)
    page = client.get(reverse("whistleblower:statistics", args=["ishoj"])).content.decode()
    assert "Efter afdeling" in page and "Socialforvaltningen" in page and "Ikke oplyst" in page


def test_departments_can_start_from_the_case_registers_centres(
    wb: WbSetup, personas: Personas
) -> None:
    Centre.objects.create(municipality=personas.ishoj, label="Center for Test og Prøve")
    Centre.objects.create(municipality=personas.ishoj, label="Lukket center", is_active=False)
    Centre.objects.create(municipality=personas.brondby, label="Brøndby-centret")
    _departments(personas, "center for test og prøve")  # already there (case-insensitive)
    url = reverse("whistleblower:admin_departments_import", args=["ishoj"])
    assert verified_client(personas.advisor).post(url).status_code == 403
    admin = verified_client(personas.admin)
    assert admin.post(url).status_code == 302
    labels = set(
        Department.objects.filter(municipality=personas.ishoj).values_list("label", flat=True)
    )
    active_centres = set(
        Centre.objects.filter(municipality=personas.ishoj, is_active=True).values_list(
            "label", flat=True
        )
    )
    assert "Lukket center" not in labels and "Brøndby-centret" not in labels
    assert "Center for Test og Prøve" not in labels  # the existing spelling was kept
    assert labels >= active_centres - {"Center for Test og Prøve"}
    count = Department.objects.count()
    admin.post(url)
    assert Department.objects.count() == count  # idempotent


def test_the_editors_are_for_handlers_and_administrators_only(
    wb: WbSetup, personas: Personas
) -> None:
    for name in ("categories", "departments"):
        handler_url = reverse(f"whistleblower:{name}", args=["ishoj"])
        admin_url = reverse(f"whistleblower:admin_{name}", args=["ishoj"])
        assert unlocked_handler_client(wb).get(handler_url).status_code == 200
        assert verified_client(personas.admin).get(admin_url).status_code == 200
        assert verified_client(personas.advisor).get(handler_url).status_code == 403
        assert verified_client(personas.advisor).get(admin_url).status_code == 403
        assert verified_client(personas.outsider).get(handler_url).status_code == 404
        assert verified_client(personas.outsider).get(admin_url).status_code == 404


def test_the_category_editor_saves_through_the_formset(wb: WbSetup, personas) -> None:
    rows = list(Category.objects.filter(municipality=personas.ishoj))
    data: dict[str, Any] = {
        "form-TOTAL_FORMS": str(len(rows) + 1),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data[f"form-{i}-id"] = str(row.pk)
        data[f"form-{i}-label"] = "Svig og bedrageri" if row.key == "crime" else row.label
        data[f"form-{i}-order"] = str(row.order)
        if row.key != "neglect":
            data[f"form-{i}-is_active"] = "on"
    data[f"form-{len(rows)}-label"] = "Arbejdsmiljø"
    data[f"form-{len(rows)}-is_active"] = "on"
    client = unlocked_handler_client(wb)
    response = client.post(reverse("whistleblower:categories", args=["ishoj"]), data)
    assert response.status_code == 302
    crime = Category.objects.get(municipality=personas.ishoj, key="crime")
    assert crime.display_label == "Svig og bedrageri"
    assert not Category.objects.get(municipality=personas.ishoj, key="neglect").is_active
    assert Category.objects.filter(municipality=personas.ishoj, label="Arbejdsmiljø").exists()


def test_only_built_in_categories_may_go_without_a_name(wb: WbSetup, personas) -> None:
    services.categories_update(
        actor=personas.admin,
        municipality=personas.ishoj,
        changes=[],
        new=[services.ListValues(label="Arbejdsmiljø")],
    )
    own = Category.objects.get(municipality=personas.ishoj, label="Arbejdsmiljø")
    with pytest.raises(ValidationError):
        services.categories_update(
            actor=personas.admin,
            municipality=personas.ishoj,
            changes=[(own, services.ListValues(label=" "))],
        )
    (department,) = _departments(personas, "Vej og Park")
    with pytest.raises(ValidationError):
        services.departments_update(
            actor=personas.admin,
            municipality=personas.ishoj,
            changes=[(department, services.ListValues(label=""))],
        )
    crime = Category.objects.get(municipality=personas.ishoj, key="crime")
    services.categories_update(
        actor=personas.admin,
        municipality=personas.ishoj,
        changes=[(crime, services.ListValues(label="", order=3))],
    )
    assert Category.objects.get(pk=crime.pk).order == 3
