import datetime as dt

import pytest

from ombud.cases.models import CaseKind, Centre, Theme
from ombud.cases.services import CaseInput, case_create, citizen_create
from ombud.core.models import AuditEvent
from ombud.reports.figures import insert_values, resolve
from ombud.reports.models import PublishedReport, RecommendationStatus
from ombud.reports.output import published_document, render_report
from ombud.reports.selectors import draft_snapshot, patterns, recommendations_for_report
from ombud.reports.services import (
    PublishBlockedError,
    draft_create,
    recommendation_create,
    recommendation_raise_again,
    recommendation_respond,
    recommendation_update,
    report_publish,
    section_update,
)
from ombud.stats.selectors import Period
from tests.helpers.personas import Personas
from tests.helpers.reports import docx_text, filled_draft


def _add_complaint(
    p: Personas,
    day: dt.date,
    centre: str = "Center for Voksne og Velfærd",
    theme: str = "Sagsbehandlingstid",
) -> None:
    citizen = citizen_create(actor=p.advisor, municipality=p.ishoj, name="Ny borger")
    case_create(
        actor=p.advisor,
        municipality=p.ishoj,
        data=CaseInput(
            kind=CaseKind.COMPLAINT,
            citizen=citizen,
            opened_on=day,
            centre=Centre.objects.get(municipality=p.ishoj, label=centre),
            themes=[Theme.objects.get(municipality=p.ishoj, label=theme)],
        ),
    )


def test_it_starts_a_draft_with_the_seed_structure(register: Personas) -> None:
    draft = draft_create(
        actor=register.advisor, municipality=register.ishoj, kind="annual", period=Period.year(2021)
    )
    numbers = [s.number for s in draft.sections.all()]
    assert numbers[:5] == ["1.", "1.1.", "1.2.", "1.3.", "1.4."]
    assert "2.2." in numbers
    assert numbers[-8:] == [f"3.{i}." for i in range(1, 9)]
    assert "Ishøj Kommune" in draft.sections.get(key="background").heading
    assert AuditEvent.objects.filter(object_ref=str(draft.public_id), action="create").exists()


def test_it_carries_over_last_years_texts(register: Personas) -> None:
    old = draft_create(
        actor=register.advisor, municipality=register.ishoj, kind="annual", period=Period.year(2020)
    )
    section_update(actor=register.advisor, draft=old, key="cooperation", body="Sidste års tekst.")
    new = draft_create(
        actor=register.advisor, municipality=register.ishoj, kind="annual", period=Period.year(2021)
    )
    assert new.sections.get(key="cooperation").body_markdown == "Sidste års tekst."


def test_it_resolves_inserts_from_the_figures(register: Personas) -> None:
    draft = filled_draft(register)
    values = insert_values(draft_snapshot(draft))
    text, missing = resolve(
        "{{ cases.total }} / {{cases.complaints}} / {{ cases.inquiries }} / "
        '{{ centre["Center for Voksne og Velfærd"].complaints }} / {{ previous.cases.total }} / '
        '{{ cases.citizens }} / {{ centre["Center for Byudvikling"].cases }}',
        values,
    )
    assert missing == []
    assert text == "7 / 4 / 3 / 2 / 2 / 4 / 0"
    assert values["period"] == "2021"


def test_it_blocks_publishing_with_a_placeholder_and_says_where(register: Personas) -> None:
    draft = draft_create(
        actor=register.advisor, municipality=register.ishoj, kind="annual", period=Period.year(2021)
    )
    with pytest.raises(PublishBlockedError) as info:
        report_publish(actor=register.advisor, draft=draft)
    where = {(p.section, p.line, p.message) for p in info.value.problems}
    assert any("2.1." in s and line == 1 and m == "placeholder" for s, line, m in where)
    assert PublishedReport.objects.count() == 0


def test_it_blocks_publishing_an_insert_that_does_not_resolve(register: Personas) -> None:
    draft = filled_draft(register)
    section_update(
        actor=register.advisor,
        draft=draft,
        key="resources",
        body="Linje et.\n{{ cases.totl }} sager.",
    )
    with pytest.raises(PublishBlockedError) as info:
        report_publish(actor=register.advisor, draft=draft)
    [problem] = info.value.problems
    assert (problem.line, problem.message, problem.text) == (2, "insert", "{{ cases.totl }}")


def test_it_freezes_a_published_version(register: Personas) -> None:
    draft = filled_draft(register)
    report = report_publish(actor=register.advisor, draft=draft)
    before = docx_text(render_report(published_document(report), "docx", "x").body)
    assert "oprettet 7 sager" in before
    _add_complaint(register, dt.date(2021, 5, 1))
    section_update(actor=register.advisor, draft=draft, key="resources", body="Ny tekst.")
    report.refresh_from_db()
    after = docx_text(render_report(published_document(report), "docx", "x").body)
    assert after == before
    assert report.snapshot["stats"]["current"]["totals"]["cases"] == 7
    # The draft itself follows the data.
    assert insert_values(draft_snapshot(draft))["cases.total"] == 8
    with pytest.raises(PermissionError):
        report.save()
    with pytest.raises(PermissionError):
        PublishedReport.objects.filter(pk=report.pk).update(title="x")
    second = report_publish(actor=register.advisor, draft=draft)
    assert second.version == 2


def test_it_keeps_a_recommendation_alive(register: Personas) -> None:
    p = register
    rec = recommendation_create(
        actor=p.advisor,
        municipality=p.ishoj,
        year_made=2020,
        text="At sagsgange gennemgås.",
        addressee="Direktionen",
    )
    recommendation_respond(
        actor=p.advisor, recommendation=rec, date=dt.date(2021, 3, 1), text="Vi ser på det."
    )
    recommendation_update(
        actor=p.advisor, recommendation=rec, status=RecommendationStatus.IN_PROGRESS
    )
    recommendation_raise_again(actor=p.advisor, recommendation=rec, year=2021)
    with pytest.raises(ValueError):
        recommendation_raise_again(actor=p.advisor, recommendation=rec, year=2019)
    recs = recommendations_for_report(p.ishoj, Period.year(2021))
    assert [r["text"] for r in recs["current"]] == ["At sagsgange gennemgås."]
    [follow] = recs["follow_up"]
    assert follow["status"] == "in_progress"
    assert follow["responses"] == [{"date": "2021-03-01", "text": "Vi ser på det."}]
    assert AuditEvent.objects.filter(object_ref=str(rec.public_id)).count() == 4


def test_it_refuses_another_municipalitys_centre(register: Personas) -> None:
    centre = Centre.objects.filter(municipality=register.hvidovre).first()
    with pytest.raises(ValueError):
        recommendation_create(
            actor=register.advisor,
            municipality=register.ishoj,
            year_made=2021,
            text="x",
            centre=centre,
        )


def test_it_finds_recurring_complaints(register: Personas) -> None:
    p = register
    for day in (dt.date(2021, 9, 1), dt.date(2021, 10, 1)):
        _add_complaint(p, day, theme="Partshøring")
    # One complaint in the register already: Voksne + Partshøring on 1 Jan 2021.
    found = patterns(p.ishoj, dt.date(2021, 12, 1))
    pair = [(x.centre, x.theme, len(x.cases)) for x in found]
    assert ("Center for Voksne og Velfærd", "Partshøring", 3) in pair
    assert all(n >= 3 for _c, _t, n in pair)
    # After a recommendation on those cases, a new similar complaint is pointed out alone.
    target = next(x for x in found if x.theme == "Partshøring")
    recommendation_create(
        actor=p.advisor, municipality=p.ishoj, year_made=2021, text="x", cases=target.cases
    )
    _add_complaint(p, dt.date(2021, 11, 15), theme="Partshøring")
    again = [x for x in patterns(p.ishoj, dt.date(2021, 12, 1)) if x.theme == "Partshøring"]
    assert len(again) == 1 and len(again[0].cases) == 1 and again[0].earlier


def test_it_shows_each_year_of_a_two_year_report(register: Personas) -> None:
    draft = draft_create(
        actor=register.advisor,
        municipality=register.ishoj,
        kind="annual",
        period=Period(dt.date(2020, 1, 1), dt.date(2021, 12, 31)),
    )
    assert "2020 og 2021" in draft.title
    snapshot = draft_snapshot(draft)
    values = insert_values(snapshot)
    assert values["period"] == "2020 og 2021"
    assert (values["year[2020].cases.total"], values["year[2021].cases.total"]) == (2, 7)
    assert values["cases.total"] == 9
    from ombud.reports.output import draft_document

    [cases_table, _concerning] = next(
        s for s in draft_document(draft).sections if s.key == "case_count"
    ).figures
    assert [p.label for p in cases_table.periods] == ["2021", "2020"]
    assert cases_table.rows[0].values == [7, 2]


def test_it_gives_a_section_key_the_same_figures_in_every_template() -> None:
    from ombud.reports.starter import TEMPLATES

    pairs = {(s.key, s.figures) for t in TEMPLATES.values() for s in t}
    assert len(pairs) == len({key for key, _f in pairs})
