import copy
import datetime as dt

import pytest

from ombud.cases.exchange.exporter import export_cases
from ombud.cases.exchange.importer import import_cases
from ombud.cases.exchange.parsing import ExchangeFileError
from ombud.cases.models import (
    Case,
    CaseStatus,
    Citizen,
    HandlingType,
    ReferenceCounter,
    Theme,
)
from ombud.cases.services import reference_next
from ombud.core.models import AuditAction, AuditEvent
from tests.helpers.exchange import DANISH, GOOD_ROWS, csv_bytes, xlsx_bytes
from tests.helpers.personas import Personas


def run(personas: Personas, data: bytes, **kwargs):  # type: ignore[no-untyped-def]
    return import_cases(
        actor=personas.advisor,
        municipality=personas.ishoj,
        source=data,
        filename=kwargs.pop("filename", "cases.csv"),
        **kwargs,
    )


@pytest.mark.django_db
class TestGoodFile:
    def test_it_imports_every_row(self, personas: Personas) -> None:
        result = run(personas, csv_bytes(GOOD_ROWS))
        assert result.ok, result.problems
        assert result.summary_line() == "created 4, updated 0, unchanged 0"
        cases = {c.reference: c for c in Case.objects.filter(municipality=personas.ishoj)}
        assert set(cases) == {"2021-0001", "2021-0002", "2021-0003", "2021-0004"}
        first = cases["2021-0001"]
        assert first.status == CaseStatus.CLOSED
        assert first.closed_on == dt.date(2021, 2, 1)
        assert sorted(t.label for t in first.themes.all()) == [
            "Manglende svar",
            "Sagsbehandlingstid",
        ]
        assert first.channel is not None and first.channel.code == "phone"
        assert first.outcome is not None and first.outcome.label == "Medhold"
        follow_up = cases["2021-0002"]
        assert follow_up.main_case == cases["2021-0003"]
        assert follow_up.status == CaseStatus.OPEN
        assert follow_up.opened_on == dt.date(2021, 1, 5)
        assert follow_up.centre is not None and follow_up.centre.label == "Center for Borgerservice"
        inquiry = cases["2021-0003"]
        assert not inquiry.concerns_municipality
        assert inquiry.external_body is not None
        rejected = cases["2021-0004"]
        assert rejected.handling is not None and rejected.handling.is_rejection
        assert rejected.rejection_ground is not None

    def test_it_treats_the_same_key_as_the_same_citizen(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        citizens = Citizen.objects.filter(municipality=personas.ishoj)
        assert sorted(citizens.values_list("external_key", flat=True)) == ["B1", "B2", "B3"]
        b2 = citizens.get(external_key="B2")
        assert b2.cases.count() == 2

    def test_it_audits_every_created_case_and_citizen(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        created = AuditEvent.objects.filter(
            municipality=personas.ishoj, action=AuditAction.CREATE, object_type="case"
        )
        assert sorted(created.values_list("object_ref", flat=True)) == sorted(
            Case.objects.filter(municipality=personas.ishoj).values_list("reference", flat=True)
        )
        assert all(e.created_at is not None and e.actor_name for e in created)
        citizens = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="citizen")
        assert citizens.filter(municipality=personas.ishoj).count() == 3

    def test_it_changes_nothing_the_second_time(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        events = AuditEvent.objects.count()
        result = run(personas, csv_bytes(GOOD_ROWS))
        assert result.summary_line() == "created 0, updated 0, unchanged 4"
        assert AuditEvent.objects.count() == events + 1  # only the import event itself

    def test_it_updates_a_changed_row_and_audits_it(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        rows = copy.deepcopy(GOOD_ROWS)
        rows[0]["outcome"] = "Delvist medhold"
        rows[0]["themes"] = "Sagsbehandlingstid"
        result = run(personas, csv_bytes(rows))
        assert result.summary_line() == "created 0, updated 1, unchanged 3"
        case = Case.objects.get(municipality=personas.ishoj, reference="2021-0001")
        assert case.outcome is not None and case.outcome.label == "Delvist medhold"
        assert [t.label for t in case.themes.all()] == ["Sagsbehandlingstid"]
        event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_ref="2021-0001").get()
        assert "outcome" in event.summary and "themes" in event.summary

    def test_it_keeps_an_awaiting_status_while_the_case_is_open(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        Case.objects.filter(reference="2021-0002").update(status=CaseStatus.AWAITING_CENTRE)
        result = run(personas, csv_bytes(GOOD_ROWS))
        assert result.unchanged == 4
        assert Case.objects.get(reference="2021-0002").status == CaseStatus.AWAITING_CENTRE

    def test_it_reads_danish_headers_semicolons_and_a_bom(self, personas: Personas) -> None:
        data = csv_bytes(GOOD_ROWS, header=DANISH, delimiter=";", bom=True)
        assert run(personas, data).created == 4

    def test_it_reads_windows_1252_and_says_so(self, personas: Personas) -> None:
        data = csv_bytes(GOOD_ROWS, header=DANISH, delimiter=";", encoding="cp1252")
        result = run(personas, data)
        assert result.created == 4
        assert result.notes

    def test_it_moves_the_reference_counter_past_imported_numbers(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        assert ReferenceCounter.objects.get(municipality=personas.ishoj, year=2021).last_number == 4
        assert reference_next(municipality=personas.ishoj, year=2021) == "2021-0005"

    def test_it_points_follow_ups_at_stored_main_cases(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        row = dict(GOOD_ROWS[2], reference="2021-0010", main_case="2021-0001")
        result = run(personas, csv_bytes([row]))
        assert result.created == 1
        assert Case.objects.get(reference="2021-0010").main_case.reference == "2021-0001"

    def test_it_writes_one_import_event(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS), filename="register.csv")
        event = AuditEvent.objects.get(action=AuditAction.IMPORT)
        assert event.changes["created"] == 4
        assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="case").count() == 4

    def test_a_dry_run_stores_nothing(self, personas: Personas) -> None:
        result = run(personas, csv_bytes(GOOD_ROWS), dry_run=True)
        assert result.created == 4 and result.dry_run
        assert not Case.objects.filter(municipality=personas.ishoj).exists()
        assert not Citizen.objects.filter(municipality=personas.ishoj).exists()


@pytest.mark.django_db
class TestFaultyFile:
    def faulty_rows(self) -> list[dict[str, str]]:
        rows = copy.deepcopy(GOOD_ROWS)
        rows[0]["opened"] = "2021-13-45"  # row 2: no such date
        rows[1]["main_case"] = "2021-9999"  # row 3: unknown main case
        rows[2]["kind"] = "spørgsmål"  # row 4: unknown kind
        rows[3]["rejection_reason"] = ""  # row 5: rejection without a ground
        rows.append(dict(GOOD_ROWS[2], reference="2021-0003"))  # row 6: duplicate of row 4
        rows.append(dict(GOOD_ROWS[0], reference="2021-0007", centre="Centret der ikke findes"))
        rows.append(dict(GOOD_ROWS[0], reference="2021-0008", closed="2020-01-01"))
        rows.append(dict(GOOD_ROWS[0], reference="2021-0009", main_case="2021-0002"))
        return rows

    def test_it_refuses_the_whole_file_naming_every_bad_row(self, personas: Personas) -> None:
        result = run(personas, csv_bytes(self.faulty_rows()))
        assert not result.ok
        found = {(p.row, p.column) for p in result.problems}
        assert found >= {
            (2, "opened"),
            (3, "main_case"),
            (4, "kind"),
            (5, "rejection_reason"),
            (4, "reference"),
            (6, "reference"),
            (7, "centre"),
            (8, "closed"),
            (9, "main_case"),
        }
        assert not Case.objects.filter(municipality=personas.ishoj).exists()
        assert not Citizen.objects.filter(municipality=personas.ishoj).exists()

    def test_it_names_the_columns_as_the_file_writes_them(self, personas: Personas) -> None:
        rows = [dict(GOOD_ROWS[0], handling="Gættet behandling")]
        result = run(personas, csv_bytes(rows, header=DANISH, delimiter=";"))
        assert [(p.row, p.column, p.value) for p in result.problems] == [
            (2, "behandling", "Gættet behandling")
        ]
        assert str(result.problems[0]).startswith(
            "row 2, column behandling: value 'Gættet behandling': "
        )

    def test_it_refuses_a_handling_of_the_other_kind(self, personas: Personas) -> None:
        rows = [dict(GOOD_ROWS[0], handling="Vejledning")]
        result = run(personas, csv_bytes(rows))
        assert [(p.row, p.column) for p in result.problems] == [(2, "handling")]

    def test_it_refuses_a_complaint_without_themes(self, personas: Personas) -> None:
        result = run(personas, csv_bytes([dict(GOOD_ROWS[0], themes="")]))
        assert [(p.row, p.column) for p in result.problems] == [(2, "themes")]

    def test_it_refuses_a_centre_on_a_case_about_an_outside_body(self, personas: Personas) -> None:
        row = dict(GOOD_ROWS[2], centre="Center for Borgerservice")
        result = run(personas, csv_bytes([row]))
        assert [(p.row, p.column) for p in result.problems] == [(2, "centre")]

    def test_it_stores_nothing_from_a_faulty_file_even_after_a_good_one(
        self, personas: Personas
    ) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        rows = copy.deepcopy(GOOD_ROWS)
        rows[0]["summary"] = "Ændret"
        rows[1]["opened"] = "i går"
        result = run(personas, csv_bytes(rows))
        assert not result.ok
        assert Case.objects.get(reference="2021-0001").summary == "Venter på svar"

    @pytest.mark.parametrize(
        ("data", "words"),
        [
            (b"", "empty"),
            (b"   \n\n", "empty"),
            (b"reference,citizen,opened\n", "missing"),
            (
                b"reference,main_case,citizen,opened,kind,concerns_municipality,handling\n",
                "no rows",
            ),
            (b"PK\x03\x04garbage", "Excel"),
        ],
    )
    def test_it_refuses_an_unreadable_file(
        self, personas: Personas, data: bytes, words: str
    ) -> None:
        from django.utils import translation

        with translation.override("en"), pytest.raises(ExchangeFileError) as error:
            run(personas, data)
        assert words in str(error.value)


@pytest.mark.django_db
class TestCreateMissing:
    def test_it_adds_unknown_labels(self, personas: Personas) -> None:
        rows = [
            dict(
                GOOD_ROWS[0],
                centre="Center for Kultur",
                themes="Nye temaer > Støj; Løse ender",
                handling="Afvisning",
                rejection_reason="Ny grund",
            )
        ]
        result = run(personas, csv_bytes(rows), create_missing=True)
        assert result.ok, result.problems
        case = Case.objects.get(reference="2021-0001")
        assert case.centre is not None and case.centre.label == "Center for Kultur"
        themes = {(t.group.label, t.label) for t in Theme.objects.filter(cases=case)}
        assert themes == {("Nye temaer", "Støj"), ("Øvrige forhold", "Løse ender")}
        handling = HandlingType.objects.get(municipality=personas.ishoj, label="Afvisning")
        assert handling.is_rejection and handling.applies_to == "complaint"
        assert result.new_labels

    def test_it_refuses_unknown_labels_without_the_flag(self, personas: Personas) -> None:
        rows = [dict(GOOD_ROWS[0], centre="Center for Kultur", themes="Nye temaer > Støj")]
        result = run(personas, csv_bytes(rows))
        assert {(p.column, p.value) for p in result.problems} == {
            ("centre", "Center for Kultur"),
            ("themes", "Nye temaer > Støj"),
        }


@pytest.mark.django_db
class TestRoundTrip:
    @pytest.mark.parametrize(("fmt", "language"), [("csv", "da"), ("xlsx", "da"), ("csv", "en")])
    def test_export_then_import_changes_nothing(
        self, personas: Personas, fmt: str, language: str
    ) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        data = export_cases(personas.ishoj, fmt=fmt, language=language)  # type: ignore[arg-type]
        result = run(personas, data, filename=f"export.{fmt}")
        assert result.summary_line() == "created 0, updated 0, unchanged 4", result.problems

    def test_an_export_moves_a_register_to_another_municipality(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        data = export_cases(personas.ishoj, fmt="xlsx")
        result = import_cases(
            actor=None, municipality=personas.hvidovre, source=data, filename="x.xlsx"
        )
        assert result.created == 4
        assert Case.objects.filter(municipality=personas.hvidovre).count() == 4

    def test_it_reads_real_excel_dates_and_numbers(self, personas: Personas) -> None:
        row: list[object] = [
            2021,
            None,
            4711,
            dt.datetime(2021, 3, 4),
            dt.date(2021, 3, 5),
            "klage",
            "Telefon",
            True,
            "Center for Borgerservice",
            None,
            "Betjening",
            "Styrket dialog",
            None,
            None,
            None,
        ]
        result = run(personas, xlsx_bytes([row]), filename="cases.xlsx")
        assert result.ok, result.problems
        case = Case.objects.get(reference="2021")
        assert case.opened_on == dt.date(2021, 3, 4) and case.citizen.external_key == "4711"

    def test_an_export_can_cover_one_year(self, personas: Personas) -> None:
        run(personas, csv_bytes(GOOD_ROWS))
        text = export_cases(personas.ishoj, year=2020, language="en").decode()
        assert text.strip().splitlines() == [text.strip().splitlines()[0]]
