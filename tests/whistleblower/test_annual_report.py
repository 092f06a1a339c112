"""End to end: reports submitted and handled through the whistleblower services appear with the
right (suppressed) figures in section 1.2 of the annual report, in HTML and DOCX.

The expected figures are counted here from the scenario itself, not with the statistics code.
"""

import datetime as dt
import html
import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from docx import Document
from docx.table import Table

from ombud.reports.output import draft_document, published_document, render_report
from ombud.reports.rendering.docx import render_docx
from ombud.reports.rendering.html import render_html
from ombud.reports.services import report_publish
from ombud.whistleblower import services
from ombud.whistleblower.models import (
    Channel,
    HandlerRole,
    Outcome,
    Report,
    ReportCategory,
    Scope,
)
from tests.helpers.personas import Personas
from tests.helpers.reports import filled_draft, squash
from tests.helpers.whistleblower import WbSetup, approve_with_recovery, handler_user, make_setup

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
YEAR = 2025


@dataclass(frozen=True)
class Spec:
    """One report of the scenario and what happens to it."""

    received: dt.datetime
    channel: str = Channel.WEB
    anonymous: bool = True
    category: str = ReportCategory.CRIME
    ack_after: dt.timedelta | None = None
    scope: str = ""
    forward: bool = False
    feedback_after_ack: dt.timedelta | None = None
    outcome: str = ""
    delete: bool = False


def _local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CPH)  # type: ignore[misc]


DAY = dt.timedelta(days=1)
SCENARIO = [
    # Six anonymous web reports about crime, acknowledged within two days.
    *[Spec(_local(YEAR, month, 3, 10), ack_after=2 * DAY) for month in range(2, 8)],
    # Confidential, acknowledged late (day 10), within the Act, forwarded, feedback in time.
    Spec(
        _local(YEAR, 3, 3, 9),
        anonymous=False,
        category=ReportCategory.LAW,
        ack_after=10 * DAY,
        scope=Scope.ACT,
        forward=True,
        feedback_after_ack=60 * DAY,
        outcome=Outcome.SUBSTANTIATED,
    ),
    # Oral reports recorded by the handler.
    Spec(
        _local(YEAR, 4, 7, 13),
        channel=Channel.PHONE,
        anonymous=False,
        category=ReportCategory.HARASSMENT,
        ack_after=DAY,
        scope=Scope.EXTENDED,
    ),
    Spec(
        _local(YEAR, 5, 12, 11),
        channel=Channel.MEETING,
        anonymous=False,
        category=ReportCategory.HARASSMENT,
        ack_after=3 * DAY,
    ),
    # Out of scope: screened outside, closed with guidance, then deleted by retention.
    Spec(
        _local(YEAR, 6, 2, 15),
        anonymous=False,
        category=ReportCategory.OTHER,
        ack_after=DAY,
        scope=Scope.OUTSIDE,
        delete=True,
    ),
    # Late on New Year's Eve (still this year in Copenhagen, though next to midnight UTC).
    Spec(_local(YEAR, 12, 31, 23, 30), category=ReportCategory.EU_LAW),
]
# Not in the year: a minute before it starts and half an hour after it ends (Copenhagen time).
OUTSIDE_THE_YEAR = [
    Spec(_local(YEAR - 1, 12, 31, 23, 59)),
    Spec(_local(YEAR + 1, 1, 1, 0, 30), anonymous=False),
]


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def set(self, when: dt.datetime) -> None:
        self.monkeypatch.setattr(timezone, "now", lambda: when)


def _input(spec: Spec) -> services.ReportInput:
    return services.ReportInput(
        category=spec.category,
        reporter_category="employee",
        what="Beskrivelse af forholdet",
        is_anonymous=spec.anonymous,
        name="" if spec.anonymous else "Navn Navnesen",
        contact="" if spec.anonymous else "navn@example.org",
    )


def _play(spec: Spec, wb: WbSetup, investigator: Any, clock: Clock, muni: Any) -> None:
    clock.set(spec.received)
    if spec.channel == Channel.WEB:
        sub = services.report_submit(municipality=muni, data=_input(spec))
    else:
        sub = services.report_record_oral(actor=wb.handler, data=_input(spec), channel=spec.channel)
    report, key = Report.objects.get(pk=sub.report.pk), sub.report_key
    if spec.ack_after is None:
        return
    acked = spec.received + spec.ack_after
    clock.set(acked)
    services.report_acknowledge(actor=wb.handler, report=report, report_key=key, message="Tak.")
    if spec.scope:
        services.report_screen(
            actor=wb.handler,
            report=report,
            report_key=key,
            scope=spec.scope,
            reason="Vurdering",
            guidance="Kontakt Datatilsynet.",
        )
    if spec.forward:
        services.report_forward(
            actor=wb.handler, report=report, report_key=key, investigator=investigator
        )
    if spec.feedback_after_ack is not None:
        clock.set(acked + spec.feedback_after_ack)
        services.report_message_send(
            actor=wb.handler, report=report, report_key=key, body="Status", is_feedback=True
        )
    if spec.outcome:
        services.report_close(
            actor=wb.handler, report=report, report_key=key, outcome=spec.outcome, message=""
        )
    if spec.delete:
        services.report_delete(actor=None, report=Report.objects.get(pk=report.pk))


def _shown(n: int) -> str:
    """How the report must show a count: 1-4 suppressed (statistics.SMALL_NUMBER is 5)."""
    return "<5" if 0 < n < 5 else str(n)


def _has_deadlines(spec: Spec) -> bool:
    """Every reporter of the scenario is an employee; the scheme keeps the default (the Act's
    deadlines only for reports under the Act), so screening as extended or outside ends them."""
    return spec.scope not in (Scope.EXTENDED, Scope.OUTSIDE)


def _expected_rows(specs: list[Spec]) -> dict[str, str]:
    """The section's summary table, counted straight from the scenario."""
    clocked = [s for s in specs if _has_deadlines(s)]
    acked = [s for s in clocked if s.ack_after is not None]
    on_time = [s for s in acked if s.ack_after is not None and s.ack_after <= 7 * DAY]
    feedback = [s for s in clocked if s.feedback_after_ack is not None]
    return {
        "Modtagne indberetninger": _shown(len(specs)),
        "Heraf anonyme": _shown(sum(s.anonymous for s in specs)),
        "Heraf fortrolige (med identitet)": _shown(sum(not s.anonymous for s in specs)),
        "Oversendt til videre undersøgelse": _shown(sum(s.forward for s in specs)),
        "Uden lovbestemte frister (uden for whistleblowerloven)": _shown(len(specs) - len(clocked)),
        "Med lovbestemte frister for kvittering og tilbagemelding": _shown(len(clocked)),
        "Heraf kvitteret rettidigt (7 dage)": _shown(len(on_time)),
        "Heraf kvitteret for sent": _shown(len(acked) - len(on_time)),
        # Within 3 months of the acknowledgement (all feedback in the scenario is at 60 days).
        "Heraf tilbagemelding rettidigt (3 måneder)": _shown(len(feedback)),
        "Heraf tilbagemelding for sent": _shown(0),
        # The figures are made today, long after every deadline of the scenario's year: what was
        # never sent counts as missed.
        "Heraf ikke kvitteret, fristen er overskredet": _shown(len(clocked) - len(acked)),
        "Heraf ingen tilbagemelding, fristen er overskredet": _shown(len(clocked) - len(feedback)),
    }


def _expected_groups(specs: list[Spec]) -> dict[str, dict[str, str]]:
    """The breakdown tables, counted straight from the scenario, with the Danish labels."""
    with translation.override("da"):
        labels: dict[str, str] = {
            **{k: str(v) for k, v in Channel.choices},
            **{k: str(v) for k, v in ReportCategory.choices},
            **{k: str(v) for k, v in Scope.choices},
            **{k: str(v) for k, v in Outcome.choices},
            "": "Endnu ikke screenet",
        }
    outcomes = [
        s.outcome or (Outcome.OUT_OF_SCOPE if s.scope == Scope.OUTSIDE else "") for s in specs
    ]
    groups = {
        "Indberetninger efter kanal": Counter(s.channel for s in specs),
        "Indberetninger efter kategori": Counter(s.category for s in specs),
        "Screening: inden for eller uden for ordningen": Counter(s.scope for s in specs),
        "Afsluttede indberetninger efter udfald": Counter(o for o in outcomes if o),
    }
    return {
        title: {labels[k]: _shown(n) for k, n in counts.items()} for title, counts in groups.items()
    }


def _html_tables(section: str) -> dict[str, dict[str, str]]:
    """Each table of the section by its caption (without the period)."""
    tables = {}
    for body in re.findall(r"<table.*?</table>", section, re.S):
        caption = re.search(r"<caption>(.*?)</caption>", body, re.S)
        assert caption is not None
        title = re.sub(rf",? {YEAR}$", "", html.unescape(caption.group(1)).strip())
        tables[title] = _html_rows(body)
    return tables


def _html_section(document_html: str) -> str:
    match = re.search(r'<section[^>]*id="sec-whistleblower".*?</section>', document_html, re.S)
    assert match is not None
    return match.group(0)


def _html_rows(section: str) -> dict[str, str]:
    pairs = re.findall(r'<th scope="row">(.*?)</th><td class="num">(.*?)</td>', section, re.S)
    return {html.unescape(k).strip(): html.unescape(v).strip() for k, v in pairs}


def _docx_section_tables(data: bytes) -> list[Table]:
    """The tables between the heading of section 1.2 and the next heading."""
    doc = Document(io.BytesIO(data))
    tables: list[Table] = []
    inside = False
    for block in doc.iter_inner_content():
        if not isinstance(block, Table):
            if block.style is not None and block.style.name.startswith("Heading"):
                inside = block.text.startswith("1.2.")
            continue
        if inside:
            tables.append(block)
    return tables


def _docx_rows(data: bytes) -> dict[str, str]:
    rows: dict[str, str] = {}
    for table in _docx_section_tables(data):
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            rows[cells[0]] = cells[-1]
    return rows


def _docx_section_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    lines, inside = [], False
    for p in doc.paragraphs:
        if p.style is not None and p.style.name.startswith("Heading"):
            inside = p.text.startswith("1.2.")
        elif inside:
            lines.append(p.text)
    return "\n".join(lines)


@pytest.fixture
def scenario(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> Personas:
    clock = Clock(monkeypatch)
    clock.set(_local(YEAR, 1, 2, 8))
    wb = make_setup(personas)
    investigator = services.handler_designate(
        actor=None,
        municipality=personas.ishoj,
        user=handler_user("direktor", personas),
        role=HandlerRole.INVESTIGATOR,
    )
    approve_with_recovery(investigator, wb.recovery_private_key)
    for spec in [*SCENARIO, *OUTSIDE_THE_YEAR]:
        _play(spec, wb, investigator, clock, personas.ishoj)
    clock.set(_local(YEAR, 8, 1, 12))
    # Another municipality's report in the same year must not count.
    services.report_submit(municipality=personas.brondby, data=_input(Spec(_local(YEAR, 8, 1))))
    monkeypatch.undo()
    return personas


def test_the_scenario_is_what_the_test_thinks_it_is(scenario: Personas) -> None:
    """Guards the independent counts: the hand-made expectations below rest on these."""
    rows = _expected_rows(SCENARIO)
    assert rows["Modtagne indberetninger"] == "11"
    assert rows["Heraf anonyme"] == "7" and rows["Heraf fortrolige (med identitet)"] == "<5"
    # The report screened as extended and the one screened outside have no deadlines.
    assert rows["Med lovbestemte frister for kvittering og tilbagemelding"] == "9"
    assert rows["Uden lovbestemte frister (uden for whistleblowerloven)"] == "<5"
    assert rows["Heraf kvitteret for sent"] == "<5"
    assert rows["Heraf kvitteret rettidigt (7 dage)"] == "7"
    assert rows["Heraf ikke kvitteret, fristen er overskredet"] == "<5"
    assert rows["Heraf ingen tilbagemelding, fristen er overskredet"] == "8"
    assert Report.objects.filter(municipality=scenario.ishoj).count() == 12  # one deleted


def test_section_1_2_of_the_annual_report_shows_the_figures_in_html_and_docx(
    scenario: Personas,
) -> None:
    document = draft_document(filled_draft(scenario, year=YEAR))
    expected = _expected_rows(SCENARIO)

    section = _html_section(render_html(document))
    html_rows = _html_rows(section)
    assert all(html_rows[k] == v for k, v in expected.items()), html_rows
    text = squash(html.unescape(re.sub(r"<[^>]+>", " ", section)))
    assert f"Der er i {YEAR} modtaget 11 indberetninger via whistleblowerordningen" in text
    assert "Heraf er <5 oversendt til videre undersøgelse" in text

    groups = _expected_groups(SCENARIO)
    tables = _html_tables(section)
    assert tables.pop("Whistleblowerordningen") == expected
    assert tables == groups

    docx = render_docx(document, charts=False)
    docx_rows = _docx_rows(docx)
    assert all(docx_rows[k] == v for k, v in expected.items()), docx_rows
    for rows in groups.values():
        assert all(docx_rows[k] == v for k, v in rows.items()), docx_rows
    docx_text = _docx_section_text(docx)
    assert f"Der er i {YEAR} modtaget 11 indberetninger" in docx_text
    assert "Heraf er <5 oversendt" in docx_text
    assert all(f"{title}, {YEAR}" in docx_text for title in groups)


def test_the_scenario_breakdowns(scenario: Personas) -> None:
    """The hand-checked values behind `_expected_groups`."""
    groups = _expected_groups(SCENARIO)
    assert list(groups["Indberetninger efter kanal"].values()) == ["9", "<5", "<5"]
    assert groups["Screening: inden for eller uden for ordningen"]["Endnu ikke screenet"] == "8"
    assert len(groups["Afsluttede indberetninger efter udfald"]) == 2


def test_the_published_version_keeps_the_figures(scenario: Personas) -> None:
    draft = filled_draft(scenario, year=YEAR)
    published = report_publish(actor=scenario.advisor, draft=draft)
    body = render_report(published_document(published), "html", "x").body.decode()
    rows = _html_rows(_html_section(body))
    assert all(rows[k] == v for k, v in _expected_rows(SCENARIO).items())


def test_a_version_published_before_the_deadline_rows_keeps_its_old_labels(
    scenario: Personas,
) -> None:
    """Snapshots from before reports outside the Act were told apart counted every report for
    the deadlines; they must render as they did, not under the new "Heraf …" labels."""
    published = report_publish(actor=scenario.advisor, draft=filled_draft(scenario, year=YEAR))
    figures = published.snapshot["whistleblower"]
    del figures["with_deadlines"], figures["without_deadlines"]
    figures["acknowledged_on_time"] = 9
    body = render_report(published_document(published), "html", "x").body.decode()
    rows = _html_rows(_html_section(body))
    assert rows["Kvitteret rettidigt (7 dage)"] == "9"
    assert "Ikke kvitteret, fristen er overskredet" in rows
    assert not any(label.startswith(("Heraf kvitteret", "Med lovbestemte")) for label in rows)
