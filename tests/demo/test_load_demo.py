"""The demo loader (`ombud load_demo`) and the benchmark's register generator."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from ombud.accounts.models import Membership, Municipality, Role, User
from ombud.cases.models import Case, CaseKind, Citizen, JournalEntry
from ombud.cases.rules import CaseFacts, case_rule_errors
from ombud.core.models import AuditEvent
from ombud.demo.cases import DemoBuilder
from ombud.demo.data import DEMO
from ombud.demo.services import DEMO_PASSWORD, demo_load
from tests.helpers.personas import Personas

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)


def test_it_gives_the_demo_municipality_a_logo_once() -> None:
    demo_load(today=TODAY)
    demo = Municipality.objects.get(slug="demo")
    assert demo.logo_content_type == "image/png"
    with demo.logo.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "PNG" and image.size == (240, 240)
    name = demo.logo.name
    demo_load(today=TODAY)
    demo.refresh_from_db()
    assert demo.logo.name == name
    assert not Municipality.objects.get(slug="nabo").logo


def _rule_errors(case: Case) -> dict[str, list[str]]:
    facts = CaseFacts(
        kind=case.kind,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        status=case.status,
        concerns_municipality=case.concerns_municipality,
        centre=case.centre,
        external_body=case.external_body,
        handling=case.handling,
        rejection_ground=case.rejection_ground,
        themes=list(case.themes.all()),
    )
    return case_rule_errors(facts, require_complete=True)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def test_it_loads_a_demo_with_the_intended_shape_and_is_idempotent() -> None:
    summary = demo_load(today=TODAY)
    assert set(summary.cases) == {"demo", "nabo"}
    demo = Municipality.objects.get(slug="demo")
    assert demo.name == "Demo Kommune"
    assert Municipality.objects.filter(slug="nabo").exists()

    cases = Case.objects.filter(municipality=demo)
    assert 420 <= cases.count() <= 500
    assert 140 <= Case.objects.filter(municipality__slug="nabo").count() <= 190
    for year in (2024, 2025, 2026):
        year_cases = cases.filter(opened_on__year=year)
        total = year_cases.count()
        assert 0.72 <= _share(year_cases.complaints().count(), total) <= 0.88
        assert 0.35 <= _share(year_cases.follow_ups().count(), total) <= 0.55
        unique = year_cases.values("citizen").distinct().count()
        assert 0.40 <= _share(unique, total) <= 0.62
    outside = cases.filter(concerns_municipality=False).count()
    assert 0.08 <= _share(outside, cases.count()) <= 0.22
    rejected = cases.filter(handling__is_rejection=True)
    assert rejected.exists()
    assert not rejected.filter(rejection_ground__isnull=True).exists()
    assert 0.01 <= _share(rejected.count(), cases.complaints().count()) <= 0.07

    # Old years are closed; this year has open cases in more than one status.
    assert not cases.active().filter(opened_on__year__lt=2026).exists()
    assert cases.active().values("status").distinct().count() >= 2
    assert cases.filter(opened_on__gt=TODAY).count() == 0
    closed = cases.closed().select_related(
        "centre", "external_body", "handling", "rejection_ground"
    )
    for case in closed.prefetch_related("themes"):
        assert _rule_errors(case) == {}, case.reference
    assert not cases.filter(kind=CaseKind.INQUIRY, outcome__isnull=False).exists()
    assert cases.complaints().closed().filter(outcome__isnull=False).exists()
    assert set(cases.values_list("handler__username", flat=True)) == {"demo"}

    citizens = Citizen.objects.filter(municipality=demo)
    assert citizens.exclude(cpr_masked="").exists()
    assert citizens.filter(consent_to_contact=True).exists()
    assert citizens.exclude(representative_name="").count() == 1
    assert JournalEntry.objects.filter(case__municipality=demo).count() > 200
    assert AuditEvent.objects.filter(municipality=demo, object_type="case").count() == (
        cases.count()
    )

    counts = (Case.objects.count(), Citizen.objects.count(), JournalEntry.objects.count())
    again = demo_load(today=TODAY)
    assert again.cases == {}
    assert sorted(again.skipped) == ["demo", "nabo"]
    assert (Case.objects.count(), Citizen.objects.count(), JournalEntry.objects.count()) == counts
    assert User.objects.filter(username__startswith="demo").count() == 4

    # The whistleblower scheme: two encrypted reports the designated demo advisor can open.
    from ombud.whistleblower.models import Handler, Report

    assert summary.whistleblower_reports == 2
    assert again.whistleblower_reports == 0
    assert Report.objects.filter(municipality__slug="demo").count() == 2
    handler = Handler.objects.get(user__username="demo", municipality__slug="demo")
    assert handler.has_keys

    # The public page: Wednesday open counselling and searchable processing deadlines.
    from ombud.portal.selectors import deadline_search

    demo = Municipality.objects.get(slug="demo")
    assert [d.title for d in deadline_search(demo, "handicapbil")] == ["Ansøgning om handicapbil"]


@time_machine.travel(dt.datetime(2026, 11, 27, 10, tzinfo=dt.UTC), tick=True)
def test_it_creates_the_demo_logins_with_their_roles() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    advisor = User.objects.get(username="demo")
    assert advisor.check_password(DEMO_PASSWORD)
    roles = dict(Membership.objects.filter(user=advisor).values_list("municipality__slug", "role"))
    assert roles == {"demo": Role.ADVISOR, "nabo": Role.ADVISOR}
    assert TOTPDevice.objects.filter(user=advisor, confirmed=True).count() == 1
    assert TOTPDevice.objects.filter(user__username="demo-admin", confirmed=True).exists()
    assert not TOTPDevice.objects.filter(user__username="demo-assistent").exists()
    expected = {
        "demo-assistent": Role.ASSISTANT,
        "demo-revisor": Role.READ_ONLY,
        "demo-admin": Role.ADMIN,
    }
    for username, role in expected.items():
        membership = Membership.objects.get(user__username=username)
        assert (membership.municipality.slug, membership.role) == ("demo", role)
    assert "demo-ombud-2026" in out.getvalue()
    assert "demo-assistent" in out.getvalue()


def test_it_does_nothing_with_if_empty_on_a_database_with_a_municipality(
    personas: Personas,
) -> None:
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert not Municipality.objects.filter(slug__in=["demo", "nabo"]).exists()
    assert not User.objects.filter(username="demo").exists()
    assert len(out.getvalue().strip().splitlines()) == 1


def test_it_generates_a_small_bench_register() -> None:
    from bench.generate import RegisterSpec, register_generate

    spec = RegisterSpec(cases=2000, municipalities=2, measured_year=2025)
    result = register_generate(spec, progress=lambda _line: None)
    assert result.cases == Case.objects.count()
    assert 1990 <= result.cases <= 2010
    measured = Municipality.objects.get(slug=result.measured_slug)
    measured_cases = Case.objects.filter(municipality=measured)
    assert measured_cases.filter(opened_on__year=2025).count() == measured_cases.count()
    assert Case.objects.follow_ups().exists()
    assert Case.objects.complaints().filter(themes__isnull=True).count() == 0
    sample = measured_cases.closed().select_related(
        "centre", "external_body", "handling", "rejection_ground"
    )
    for case in sample.prefetch_related("themes")[:200]:
        assert _rule_errors(case) == {}, case.reference


def test_it_plans_this_years_cases_on_new_years_day(personas: Personas) -> None:
    """`make run` on 1 January: this year is a day old, so its cases open on that day."""
    builder = DemoBuilder(
        municipality=personas.ishoj, place=DEMO, handler=personas.advisor, today=dt.date(2027, 1, 1)
    )
    contacts = builder.plan_year(2027, 20)
    assert contacts and {c.opened_on for c in contacts} == {dt.date(2027, 1, 1)}
    assert {c.opened_on.year for c in builder.plan_year(2026, 20)} == {2026}
