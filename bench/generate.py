"""Generate a large case register quickly, for the benchmark.

Runs inside a configured Django process (the bench worker, or a test). Municipalities and their
taxonomies go through `municipality_create`; citizens, cases and case themes are bulk-inserted.
One "measured" municipality gets all its cases in one year, so the list, case and statistics
pages can be timed on a municipality-year of about `cases / municipalities` cases.
"""

import datetime as dt
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Model
from django.utils import timezone

from ombud.accounts.models import Municipality, Role, User
from ombud.accounts.services import (
    membership_grant,
    municipality_create,
    totp_device_with_secret,
    user_create,
)
from ombud.cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Centre,
    Channel,
    Citizen,
    ExternalBody,
    HandlingType,
    Outcome,
    ReferenceCounter,
    RejectionGround,
    Theme,
)
from ombud.demo import data

BATCH = 2000
BENCH_USER = "bench-advisor"
BENCH_PASSWORD = "bench-ombud-2026"  # noqa: S105 - a throw-away benchmark database
Progress = Callable[[str], None]


@dataclass(frozen=True)
class RegisterSpec:
    cases: int = 1_000_000
    municipalities: int = 100
    measured_year: int = 2025
    years: int = 10  # the other municipalities spread their cases over this many years
    seed: int = 2026


@dataclass
class RegisterResult:
    cases: int = 0
    citizens: int = 0
    theme_rows: int = 0
    seconds: float = 0.0
    measured_slug: str = ""
    measured_cases: int = 0


@dataclass
class Choices:
    """One municipality's taxonomy as (ids, cumulative weights), for fast weighted picks."""

    centres: tuple[list[int], list[int]]
    externals: tuple[list[int], list[int]]
    themes: tuple[list[int], list[int]]
    complaint_handling: tuple[list[int], list[int]]
    inquiry_handling: tuple[list[int], list[int]]
    rejected_id: int
    grounds: list[int]
    outcomes: list[int]
    channels: tuple[list[int], list[int]]


def _weighted(rows: list[tuple[int, str]], weights: dict[str, int]) -> tuple[list[int], list[int]]:
    """(ids, cumulative weights): `random.choices` is faster given cumulative weights."""
    return [pk for pk, _ in rows], list(accumulate(weights.get(label, 1) for _, label in rows))


def _choices_load(municipality: Municipality) -> Choices:
    def rows(model: type[Centre | ExternalBody | Theme | Channel]) -> list[tuple[int, str]]:
        return list(model.objects.filter(municipality=municipality).values_list("pk", "label"))

    handling = list(
        HandlingType.objects.filter(municipality=municipality).values_list(
            "pk", "label", "applies_to", "is_rejection"
        )
    )
    complaint = [
        (pk, label) for pk, label, kind, rej in handling if kind == "complaint" and not rej
    ]
    return Choices(
        centres=_weighted(rows(Centre), data.CENTRE_WEIGHTS),
        externals=_weighted(rows(ExternalBody), data.EXTERNAL_WEIGHTS),
        themes=_weighted(rows(Theme), data.THEME_WEIGHTS),
        complaint_handling=_weighted(complaint, data.COMPLAINT_HANDLING_WEIGHTS),
        inquiry_handling=_weighted(
            [(pk, label) for pk, label, kind, _r in handling if kind == "inquiry"],
            data.INQUIRY_HANDLING_WEIGHTS,
        ),
        rejected_id=next(pk for pk, _l, kind, rej in handling if kind == "complaint" and rej),
        grounds=list(
            RejectionGround.objects.filter(municipality=municipality).values_list("pk", flat=True)
        ),
        outcomes=list(
            Outcome.objects.filter(municipality=municipality).values_list("pk", flat=True)
        ),
        channels=_weighted(rows(Channel), data.CHANNEL_WEIGHTS),
    )


def _pick(rng: random.Random, options: tuple[list[int], list[int]]) -> int:
    return rng.choices(options[0], cum_weights=options[1])[0]


CITIZEN_COLUMNS = [
    "id", "created_at", "updated_at", "municipality_id", "public_id", "external_key", "name",
    "phone",
]  # fmt: skip
CASE_COLUMNS = [
    "id", "created_at", "updated_at", "municipality_id", "public_id", "reference", "main_case_id",
    "kind", "channel_id", "citizen_id", "concerns_municipality", "centre_id", "external_body_id",
    "handling_id", "rejection_ground_id", "outcome_id", "status", "opened_on", "closed_on",
    "handler_id", "summary",
]  # fmt: skip
THEME_COLUMNS = ["id", "case_id", "theme_id"]


class Ids:
    """Primary keys handed out here, so rows can point at each other before they are inserted.

    Django's bulk_create spent most of its time building SQL (about 0.4 ms a row on SQLite);
    plain `executemany` with precomputed keys is an order of magnitude faster.
    """

    def __init__(self) -> None:
        self.next = {
            "citizen": _max_pk(Citizen) + 1,
            "case": _max_pk(Case) + 1,
            "case_theme": _max_pk(Case.themes.through) + 1,
        }
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.native_uuid = connection.features.has_native_uuid_field

    def take(self, kind: str) -> int:
        pk = self.next[kind]
        self.next[kind] = pk + 1
        return pk

    def uuid(self) -> Any:
        value = uuid.uuid4()
        return value if self.native_uuid else value.hex


def _max_pk(model: type[Model]) -> int:
    return model._default_manager.aggregate(m=Max("pk"))["m"] or 0


def table_insert(model: type[Model], columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """INSERT rows with `executemany`; columns left out get their field's default."""
    if not rows:
        return
    rest = [f for f in model._meta.concrete_fields if f.column not in columns and not f.primary_key]
    extra = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
    all_columns = [*columns, *(f.column for f in rest)]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in all_columns)
    full_rows = [row + extra for row in rows] if extra else rows
    if connection.vendor == "postgresql":
        _copy(f"COPY {table} ({names}) FROM STDIN", full_rows)
        return
    marks = ", ".join(["%s"] * len(all_columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - names from the model
    with connection.cursor() as cursor:
        cursor.executemany(sql, full_rows)


def _copy(statement: str, rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL's COPY: executemany there costs a parse and plan per row."""
    connection.ensure_connection()
    raw = connection.connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def sequences_reset() -> None:
    """PostgreSQL sequences do not move past explicitly inserted keys; SQLite's do."""
    models_ = [Citizen, Case, Case.themes.through]
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def database_settle() -> None:
    """After the bulk load, bring PostgreSQL to the steady state autovacuum would reach, so the
    timed requests do not race a background ANALYZE of a million fresh rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")


@dataclass
class Contact:
    opened_on: dt.date
    kind: str
    citizen_index: int
    concerns: bool
    target_id: int
    channel_id: int
    handling_id: int
    rejection_id: int | None
    theme_ids: list[int] = field(default_factory=list)


class MunicipalityGenerator:
    def __init__(
        self, *, municipality: Municipality, rng: random.Random, years: list[int], handler: User
    ) -> None:
        self.municipality, self.rng, self.years, self.handler = municipality, rng, years, handler
        self.choices = _choices_load(municipality)
        self.citizen_pks: list[int] = []
        self.counters: dict[int, int] = {}
        self.today = dt.date(max(years) + 1, 11, 27)

    def plan(self, target: int) -> list[Contact]:
        contacts: list[Contact] = []
        count, citizens = 0, 0
        while count < target:
            reuse = citizens and self.rng.random() < 0.15
            index = self.rng.randrange(citizens) if reuse else citizens
            citizens += 0 if reuse else 1
            contact = self._contact(index)
            contacts.append(contact)
            count += max(1, len(contact.theme_ids))
        contacts.sort(key=lambda c: c.opened_on)
        return contacts

    def _contact(self, citizen_index: int) -> Contact:
        rng, ch = self.rng, self.choices
        year = rng.choice(self.years)
        opened = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        kind = CaseKind.COMPLAINT if rng.random() < 0.64 else CaseKind.INQUIRY
        concerns = rng.random() >= (0.09 if kind == CaseKind.COMPLAINT else 0.38)
        contact = Contact(
            opened_on=opened,
            kind=kind,
            citizen_index=citizen_index,
            concerns=concerns,
            target_id=_pick(rng, ch.centres if concerns else ch.externals),
            channel_id=_pick(rng, ch.channels),
            handling_id=0,
            rejection_id=None,
        )
        if kind == CaseKind.INQUIRY:
            contact.handling_id = _pick(rng, ch.inquiry_handling)
        elif concerns and rng.random() < 0.075:
            contact.handling_id, contact.rejection_id = ch.rejected_id, rng.choice(ch.grounds)
            contact.theme_ids = [_pick(rng, ch.themes)]
        else:
            contact.handling_id = _pick(rng, ch.complaint_handling)
            wanted = 1 + rng.choices(range(4), weights=data.FOLLOW_UP_WEIGHTS)[0]
            contact.theme_ids = list(dict.fromkeys(_pick(rng, ch.themes) for _ in range(wanted)))
        return contact

    def write(self, contacts: list[Contact], ids: "Ids") -> tuple[int, int]:
        """Insert citizens, cases and theme rows in batches. Returns (cases, theme rows)."""
        cases = themes = 0
        for start in range(0, len(contacts), BATCH):
            chunk = contacts[start : start + BATCH]
            with transaction.atomic():
                self._citizens_ensure(chunk, ids)
                written, theme_rows = self._cases_write(chunk, ids)
            cases, themes = cases + written, themes + theme_rows
        self._counters_write()
        return cases, themes

    def _citizens_ensure(self, chunk: list[Contact], ids: "Ids") -> None:
        needed = max(c.citizen_index for c in chunk) + 1
        rows = []
        rng, muni, now = self.rng, self.municipality.pk, ids.now
        for index in range(len(self.citizen_pks), needed):
            pk = ids.take("citizen")
            first = rng.choice(data.FEMALE_NAMES if index % 2 else data.MALE_NAMES)
            name = f"{first} {rng.choice(data.LAST_NAMES)}"
            phone = str(rng.randrange(20_000_000, 99_999_999))
            rows.append((pk, now, now, muni, ids.uuid(), f"K{index:07d}", name, phone))
            self.citizen_pks.append(pk)
        table_insert(Citizen, CITIZEN_COLUMNS, rows)

    def _cases_write(self, chunk: list[Contact], ids: "Ids") -> tuple[int, int]:
        cases: list[tuple[Any, ...]] = []
        themes: list[tuple[int, int, int]] = []
        for contact in chunk:
            main_pk: int | None = None
            for index, theme_id in enumerate(contact.theme_ids or [0]):
                pk = ids.take("case")
                cases.append(self._case_row(pk, contact, main_pk, ids))
                if theme_id:
                    themes.append((ids.take("case_theme"), pk, theme_id))
                if index == 0:
                    main_pk = pk
        # Main cases come first in each contact, so a follow-up's main case is already inserted.
        table_insert(Case, CASE_COLUMNS, cases)
        table_insert(Case.themes.through, THEME_COLUMNS, themes)
        return len(cases), len(themes)

    def _case_row(
        self, pk: int, contact: Contact, main_pk: int | None, ids: "Ids"
    ) -> tuple[Any, ...]:
        rng = self.rng
        opened = contact.opened_on + dt.timedelta(days=rng.randrange(3) if main_pk else 0)
        span = rng.randrange(0, 12) if contact.kind == CaseKind.INQUIRY else rng.randrange(4, 90)
        closed: dt.date | None = opened + dt.timedelta(days=span)
        still_open = (closed and closed > self.today) or rng.random() < 0.02
        closed = None if still_open else closed
        complaint_done = contact.kind == CaseKind.COMPLAINT and closed and not contact.rejection_id
        return (
            pk,
            ids.now,
            ids.now,
            self.municipality.pk,
            ids.uuid(),
            self._reference(opened.year),
            main_pk,
            str(contact.kind),
            contact.channel_id,
            self.citizen_pks[contact.citizen_index],
            contact.concerns,
            contact.target_id if contact.concerns else None,
            None if contact.concerns else contact.target_id,
            contact.handling_id,
            contact.rejection_id,
            rng.choice(self.choices.outcomes) if complaint_done else None,
            str(CaseStatus.OPEN if still_open else CaseStatus.CLOSED),
            connection.ops.adapt_datefield_value(opened),
            connection.ops.adapt_datefield_value(closed),
            self.handler.pk,
            rng.choice(_SUMMARIES),
        )

    def _reference(self, year: int) -> str:
        self.counters[year] = self.counters.get(year, 0) + 1
        return f"{year}-{self.counters[year]:04d}"

    def _counters_write(self) -> None:
        ReferenceCounter.objects.bulk_create(
            ReferenceCounter(municipality=self.municipality, year=year, last_number=number)
            for year, number in self.counters.items()
        )


_SUMMARIES: list[str] = [
    f"Borgeren {sentence.format(topic=topic, months=4)}."
    for sentence in list(data.THEME_SENTENCES.values())[:8]
    for topic in data.CENTRE_TOPICS["Center for Voksne og Velfærd"]
]


def bench_user_ensure(municipality: Municipality) -> User:
    """The advisor the timed requests log in as, with a confirmed TOTP device."""
    user = User.objects.filter(username=BENCH_USER).first()
    if user is None:
        user = user_create(username=BENCH_USER, password=BENCH_PASSWORD, full_name="Bench Advisor")
        totp_device_with_secret(user=user)
    membership_grant(actor=None, user=user, municipality=municipality, role=Role.ADVISOR)
    return user


def _spread(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def register_generate(spec: RegisterSpec, progress: Progress = print) -> RegisterResult:
    """Create `spec.municipalities` municipalities holding about `spec.cases` cases in all."""
    started = time.perf_counter()
    rng = random.Random(spec.seed)  # a fixed seed: the same register every time
    result = RegisterResult()
    width = len(str(spec.municipalities - 1))
    other_years = list(range(spec.measured_year - spec.years + 1, spec.measured_year + 1))
    handler: User | None = None
    ids = Ids()
    for index, target in enumerate(_spread(spec.cases, spec.municipalities)):
        slug = f"bench-{index:0{width}d}"
        municipality, _created = municipality_create(slug=slug, name=f"Benchmark Kommune {index}")
        handler = handler or bench_user_ensure(municipality)
        years = [spec.measured_year] if index == 0 else other_years
        generator = MunicipalityGenerator(
            municipality=municipality, rng=rng, years=years, handler=handler
        )
        written, theme_rows = generator.write(generator.plan(target), ids)
        result.cases += written
        result.citizens += len(generator.citizen_pks)
        result.theme_rows += theme_rows
        if index == 0:
            result.measured_slug, result.measured_cases = slug, written
        elapsed = time.perf_counter() - started
        progress(
            f"  {slug}: {written:,} cases; {result.cases:,} in all, "
            f"{result.cases / max(elapsed, 1e-9):,.0f} cases/s"
        )
    sequences_reset()
    result.seconds = time.perf_counter() - started
    return result
