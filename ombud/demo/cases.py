"""The demo's case register: three years of cases, citizens and journal entries.

Cases and citizens go through the real services so rules are checked, audit rows exist and every
case is announced like any other; journal entries are bulk-inserted (with bulk audit rows) to keep
the load well under 30 seconds. A fixed random seed per municipality makes the demo the same every
time for the same `today`.
"""

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar, cast
from zoneinfo import ZoneInfo

from ombud.accounts.models import Municipality, User
from ombud.cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Centre,
    Channel,
    Citizen,
    ExternalBody,
    HandlingType,
    JournalEntry,
    Outcome,
    RejectionGround,
    TaxonomyEntry,
    Theme,
)
from ombud.cases.services import CaseInput, case_create, citizen_create
from ombud.core.audit import audit_record_many
from ombud.core.models import AuditAction
from ombud.demo import data
from ombud.demo.data import Place

LOCAL_TZ = ZoneInfo("Europe/Copenhagen")

T = TypeVar("T")

E = TypeVar("E", bound=TaxonomyEntry)

# Cases per year, oldest first: two full years and the current year to date.
VOLUMES = {"demo": (170, 150, 140), "nabo": (60, 55, 45)}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _choice(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


@dataclass
class Taxonomy:
    centres: dict[str, Centre]
    externals: dict[str, ExternalBody]
    themes: dict[str, Theme]
    complaint_handling: dict[str, HandlingType]
    inquiry_handling: dict[str, HandlingType]
    grounds: dict[str, RejectionGround]
    outcomes: dict[str, Outcome]
    channels: dict[str, Channel]

    @classmethod
    def load(cls, municipality: Municipality) -> "Taxonomy":
        handling = _by_label(HandlingType, municipality)
        return cls(
            centres=_by_label(Centre, municipality),
            externals=_by_label(ExternalBody, municipality),
            themes=_by_label(Theme, municipality),
            complaint_handling={
                k: h for k, h in handling.items() if h.applies_to == CaseKind.COMPLAINT
            },
            inquiry_handling={
                k: h for k, h in handling.items() if h.applies_to == CaseKind.INQUIRY
            },
            grounds=_by_label(RejectionGround, municipality),
            outcomes=_by_label(Outcome, municipality),
            channels=_by_label(Channel, municipality),
        )


def _by_label(model: type[E], municipality: Municipality) -> dict[str, E]:
    rows = model._default_manager.filter(municipality=municipality)
    # The taxonomy QuerySet is typed for the abstract base; the rows are `model`s.
    return {row.label: cast(E, row) for row in rows}


@dataclass
class Contact:
    """One citizen's contact: a main case and, for complaints, follow-ups on other themes."""

    opened_on: dt.date
    kind: str
    concerns: bool
    target: str  # centre or outside body label
    topic: str
    channel: str
    themes: list[str]  # the main case's theme first, then one per follow-up
    handling: str
    rejection: str = ""


class DemoBuilder:
    def __init__(self, *, municipality: Municipality, place: Place, handler: User, today: dt.date):
        self.municipality = municipality
        self.place = place
        self.handler = handler
        self.today = today
        # A fixed seed per municipality: the same demo every time.
        self.rng = random.Random(f"ombud-demo-{place.slug}")
        self.tax = Taxonomy.load(municipality)
        self.citizens: list[Citizen] = []
        self.journal: list[JournalEntry] = []
        self.represented = False
        self._female = False  # the gender of the citizen being made, for the CPR serial

    # -- planning ----------------------------------------------------------------------------

    def plan_year(self, year: int, target: int) -> list[Contact]:
        end = min(dt.date(year, 12, 31), self.today)
        # From 2 January (1 January is a holiday), unless this year is only a day old.
        start = min(dt.date(year, 1, 2), end)
        contacts: list[Contact] = []
        count = 0
        while count < target:
            contact = self._plan_contact(self._weekday(start, end))
            contacts.append(contact)
            count += len(contact.themes) if contact.kind == CaseKind.COMPLAINT else 1
        return sorted(contacts, key=lambda c: c.opened_on)

    def _weekday(self, start: dt.date, end: dt.date) -> dt.date:
        day = start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))
        while day.weekday() >= 5 and day < end:
            day += dt.timedelta(days=1)
        return day

    def _plan_contact(self, opened_on: dt.date) -> Contact:
        rng = self.rng
        kind = CaseKind.COMPLAINT if rng.random() < 0.64 else CaseKind.INQUIRY
        concerns = rng.random() >= (0.09 if kind == CaseKind.COMPLAINT else 0.38)
        target = _pick(rng, data.CENTRE_WEIGHTS if concerns else data.EXTERNAL_WEIGHTS)
        topics = data.CENTRE_TOPICS[target] if concerns else data.EXTERNAL_TOPICS[target]
        contact = Contact(
            opened_on=opened_on,
            kind=kind,
            concerns=concerns,
            target=target,
            topic=_choice(rng, topics),
            channel=_pick(rng, data.CHANNEL_WEIGHTS),
            themes=[],
            handling="",
        )
        if kind == CaseKind.INQUIRY:
            contact.handling = _pick(rng, data.INQUIRY_HANDLING_WEIGHTS)
        elif concerns and rng.random() < 0.075:
            contact.handling = "Afvist"
            contact.rejection = _pick(rng, data.REJECTION_WEIGHTS)
            contact.themes = [_pick(rng, data.THEME_WEIGHTS)]
        else:
            contact.handling = _pick(rng, data.COMPLAINT_HANDLING_WEIGHTS)
            follow_ups = rng.choices(range(4), weights=data.FOLLOW_UP_WEIGHTS)[0]
            contact.themes = self._distinct_themes(1 + follow_ups)
        return contact

    def _distinct_themes(self, count: int) -> list[str]:
        themes: list[str] = []
        while len(themes) < count:
            theme = _pick(self.rng, data.THEME_WEIGHTS)
            if theme not in themes:
                themes.append(theme)
        return themes

    # -- citizens ----------------------------------------------------------------------------

    def citizen_for(self, contact: Contact) -> Citizen:
        if self.citizens and self.rng.random() < 0.15:
            return _choice(self.rng, self.citizens)  # a returning citizen
        fields = self._citizen_fields(contact)
        cpr = self._cpr() if self.rng.random() < 0.12 else None
        citizen = citizen_create(
            actor=self.handler, municipality=self.municipality, cpr=cpr, **fields
        )
        self.citizens.append(citizen)
        return citizen

    def _citizen_fields(self, contact: Contact) -> dict[str, object]:
        rng, place = self.rng, self.place
        self._female = rng.random() < 0.55
        first = _choice(rng, data.FEMALE_NAMES if self._female else data.MALE_NAMES)
        last = _choice(rng, data.LAST_NAMES)
        fields: dict[str, object] = {
            "name": f"{first} {last}",
            "phone": f"{_choice(rng, '2345')}{rng.randrange(10)} "
            + " ".join(f"{rng.randrange(100):02d}" for _ in range(3)),
        }
        if rng.random() < 0.8:
            fields["address"] = (
                f"{_choice(rng, data.STREETS)} {rng.randrange(1, 120)}, {place.postcode} "
                f"{place.town}"
            )
        if rng.random() < 0.45:
            domain = _choice(rng, data.EMAIL_DOMAINS)
            fields["email"] = _ascii(f"{first}.{last}{rng.randrange(10, 99)}@{domain}".lower())
        if contact.kind == CaseKind.COMPLAINT and contact.concerns and rng.random() < 0.4:
            fields["consent_to_contact"] = True
            fields["consent_date"] = contact.opened_on
            fields["consent_scope"] = f"{contact.target}: kontakt og indsigt i sagens akter"
        if not self.represented and contact.kind == CaseKind.COMPLAINT and contact.concerns:
            self.represented = True
            fields["representative_name"] = f"{_choice(rng, data.FEMALE_NAMES)} {last}"
            fields["representative_relation"] = "datter"
            fields["power_of_attorney_date"] = contact.opened_on
            fields["notes"] = "Datteren har fuldmagt og er kontaktperson i sagen."
        return fields

    def _cpr(self) -> str:
        """A made-up CPR number in the valid format: born 1950-1999, serial matching gender."""
        born = dt.date(1950, 1, 1) + dt.timedelta(days=self.rng.randrange(365 * 50))
        serial = self.rng.randrange(0, 4000)  # first digit 0-3: born in the 1900s
        serial = serial - serial % 2 + (0 if self._female else 1)
        return f"{born:%d%m%y}-{serial:04d}"

    # -- cases -------------------------------------------------------------------------------

    def create_contact(self, contact: Contact) -> list[Case]:
        citizen = self.citizen_for(contact)
        main = case_create(
            actor=self.handler,
            municipality=self.municipality,
            data=self._case_input(contact, citizen, 0, contact.opened_on),
        )
        cases = [main]
        for index in range(1, len(contact.themes)):
            opened = min(contact.opened_on + dt.timedelta(days=self.rng.randrange(4)), self.today)
            data_ = self._case_input(contact, citizen, index, opened)
            data_.summary = f"Følgesag til {main.reference}. {data_.summary}"
            cases.append(
                case_create(
                    actor=self.handler, municipality=self.municipality, data=data_, main_case=main
                )
            )
        for case in cases:
            self._plan_journal(case, contact, citizen)
        return cases

    def _case_input(
        self, contact: Contact, citizen: Citizen, index: int, opened: dt.date
    ) -> CaseInput:
        tax = self.tax
        is_complaint = contact.kind == CaseKind.COMPLAINT
        handling_label = contact.handling
        if is_complaint and index and contact.handling != "Afvist" and self.rng.random() < 0.2:
            handling_label = _pick(self.rng, data.COMPLAINT_HANDLING_WEIGHTS)
        handlings = tax.complaint_handling if is_complaint else tax.inquiry_handling
        data_ = CaseInput(
            kind=contact.kind,
            citizen=citizen,
            opened_on=opened,
            concerns_municipality=contact.concerns,
            centre=tax.centres[contact.target] if contact.concerns else None,
            external_body=None if contact.concerns else tax.externals[contact.target],
            channel=tax.channels[contact.channel],
            themes=[tax.themes[contact.themes[index]]] if is_complaint else [],
            handling=handlings[handling_label],
            rejection_ground=tax.grounds[contact.rejection] if contact.rejection else None,
            handler=self.handler,
            summary=self._summary(contact, index, handling_label),
        )
        self._set_status(data_, contact)
        return data_

    def _set_status(self, data_: CaseInput, contact: Contact) -> None:
        rng = self.rng
        days = rng.randrange(0, 12) if contact.kind == CaseKind.INQUIRY else rng.randrange(4, 80)
        closed = data_.opened_on + dt.timedelta(days=days)
        # Some of this year's cases are still waiting, whatever their age.
        stuck = data_.opened_on.year == self.today.year and rng.random() < 0.12
        if closed <= self.today and not stuck:
            data_.status, data_.closed_on = CaseStatus.CLOSED, closed
            if contact.kind == CaseKind.COMPLAINT and not contact.rejection and rng.random() < 0.85:
                data_.outcome = self.tax.outcomes[_pick(rng, data.OUTCOME_WEIGHTS)]
            return
        data_.status = _pick(
            rng,
            {CaseStatus.OPEN: 5, CaseStatus.AWAITING_CENTRE: 3, CaseStatus.AWAITING_CITIZEN: 2},
        )
        if rng.random() < 0.35:
            data_.handling = None  # not yet decided how to handle it
        if data_.handling is None or not data_.handling.is_rejection:
            data_.rejection_ground = None

    def _summary(self, contact: Contact, index: int, handling: str) -> str:
        if contact.kind == CaseKind.INQUIRY:
            return data.INQUIRY_TEXTS[handling].format(topic=contact.topic)
        sentence = data.THEME_SENTENCES[contact.themes[index]].format(
            topic=contact.topic, months=self.rng.randrange(3, 12)
        )
        return f"Borgeren {sentence}. {data.COMPLAINT_ENDINGS[handling]}"

    # -- journal -----------------------------------------------------------------------------

    def _plan_journal(self, case: Case, contact: Contact, citizen: Citizen) -> None:
        if self.rng.random() > (0.75 if case.main_case_id is None else 0.3):
            return
        last = case.closed_on or self.today
        first_name = citizen.name.split()[0] if citizen.name else "Borgeren"
        templates = self.rng.sample(data.JOURNAL_TEMPLATES, self.rng.randrange(1, 5))
        for kind, direction, subject, body in templates:
            span = max((last - case.opened_on).days, 0)
            day = case.opened_on + dt.timedelta(days=self.rng.randrange(span + 1))
            moment = dt.datetime.combine(
                day, dt.time(self.rng.randrange(8, 16), self.rng.randrange(60)), LOCAL_TZ
            )
            text = body.format(name=first_name, centre=contact.target, topic=contact.topic)
            self.journal.append(
                JournalEntry(
                    case=case,
                    kind=kind,
                    direction=direction,
                    occurred_at=moment,
                    subject=subject,
                    body=text,
                    author=self.handler,
                )
            )

    def journal_flush(self) -> int:
        entries = JournalEntry.objects.bulk_create(self.journal, batch_size=500)
        audit_record_many(
            actor=self.handler,
            municipality=self.municipality,
            action=AuditAction.CREATE,
            objects=entries,
            summary="Journal entry added (demo data)",
        )
        self.journal = []
        return len(entries)


def _ascii(text: str) -> str:
    for danish, plain in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ü", "u")):
        text = text.replace(danish, plain)
    return text


def demo_cases_create(
    *, municipality: Municipality, place: Place, handler: User, today: dt.date
) -> int:
    """Two full years before `today`'s year and this year to date. Returns the case count."""
    builder = DemoBuilder(municipality=municipality, place=place, handler=handler, today=today)
    created = 0
    for offset, target in zip((2, 1, 0), VOLUMES[place.slug], strict=True):
        for contact in builder.plan_year(today.year - offset, target):
            created += len(builder.create_contact(contact))
    builder.journal_flush()
    return created
