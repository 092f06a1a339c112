"""A small register for the statistics tests, built through the real services."""

import datetime as dt
from dataclasses import dataclass, field

from ombud.accounts.models import Municipality
from ombud.cases.models import (
    Case,
    CaseKind,
    Centre,
    Channel,
    Citizen,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    Theme,
)
from ombud.cases.services import CaseInput, case_create, citizen_create, citizen_merge
from tests.helpers.personas import Personas


@dataclass
class Register:
    cases: list[Case] = field(default_factory=list)


def _tax(municipality: Municipality) -> dict[str, object]:
    def centre(label: str) -> Centre:
        return Centre.objects.get(municipality=municipality, label=label)

    def theme(label: str) -> Theme:
        return Theme.objects.get(municipality=municipality, label=label)

    def handling(label: str, kind: str) -> HandlingType:
        return HandlingType.objects.get(municipality=municipality, label=label, applies_to=kind)

    return {
        "voksne": centre("Center for Voksne og Velfærd"),
        "born": centre("Center for Børn og Forebyggelse"),
        "borgerservice": centre("Center for Borgerservice"),
        "jobcenter": ExternalBody.objects.get(
            municipality=municipality, label="Jobcenter Vallensbæk"
        ),
        "udk": ExternalBody.objects.get(municipality=municipality, label="Udbetaling Danmark"),
        "sagsbehandlingstid": theme("Sagsbehandlingstid"),
        "manglende_svar": theme("Manglende svar"),
        "partshoring": theme("Partshøring"),
        "hjemmel": theme("Hjemmel til afgørelsen"),
        "dialog": handling("Styrket dialog", CaseKind.COMPLAINT),
        "hjaelp": handling("Hjælp til klageprocessen", CaseKind.COMPLAINT),
        "afvist": handling("Afvist", CaseKind.COMPLAINT),
        "vejledning": handling("Vejledning", CaseKind.INQUIRY),
        "vejvisning": handling("Vejvisning", CaseKind.INQUIRY),
        "tilsyn": RejectionGround.objects.get(
            municipality=municipality, label="Indbragt for det kommunale tilsyn"
        ),
        "medhold": Outcome.objects.get(municipality=municipality, label="Medhold"),
        "ikke_medhold": Outcome.objects.get(municipality=municipality, label="Ikke medhold"),
        "telefon": Channel.objects.get(municipality=municipality, code="phone"),
        "mail": Channel.objects.get(municipality=municipality, code="email"),
    }


def build_register(p: Personas, year: int = 2021) -> Register:
    """Cases in `year` in Ishøj, some just outside it, some in the year before, one in Hvidovre."""
    m = p.ishoj
    t = _tax(m)
    actor = p.advisor
    anna = citizen_create(actor=actor, municipality=m, name="Anna", external_key="A1")
    bent = citizen_create(actor=actor, municipality=m, name="Bent", external_key="B2")
    carl = citizen_create(actor=actor, municipality=m, name="Carl", external_key="C3")
    dora = citizen_create(actor=actor, municipality=m, name="Dora", external_key="D4")
    dora_again = citizen_create(actor=actor, municipality=m, name="Dora D.", external_key="D5")
    reg = Register()

    def add(day: dt.date, citizen: Citizen, main: Case | None = None, **kw: object) -> Case:
        kind = str(kw.pop("kind", CaseKind.COMPLAINT))
        data = CaseInput(kind=kind, citizen=citizen, opened_on=day, **kw)  # type: ignore[arg-type]
        case = case_create(actor=actor, municipality=m, data=data, main_case=main)
        reg.cases.append(case)
        return case

    jan = dt.date(year, 1, 1)
    # A complaint with three themes in two groups, and its follow-up.
    c1 = add(
        jan,
        anna,
        centre=t["voksne"],
        channel=t["telefon"],
        themes=[t["sagsbehandlingstid"], t["manglende_svar"], t["partshoring"]],
        handling=t["dialog"],
        outcome=t["medhold"],
    )
    add(
        dt.date(year, 2, 3),
        anna,
        main=c1,
        centre=t["voksne"],
        channel=t["telefon"],
        themes=[t["hjemmel"]],
        handling=t["hjaelp"],
        outcome=t["ikke_medhold"],
    )
    # A rejected complaint with a ground.
    add(
        dt.date(year, 3, 4),
        bent,
        centre=t["born"],
        channel=t["mail"],
        themes=[t["sagsbehandlingstid"]],
        handling=t["afvist"],
        rejection_ground=t["tilsyn"],
    )
    # A complaint about an outside body, no channel, no handling yet.
    add(
        dt.date(year, 6, 30),
        carl,
        concerns_municipality=False,
        external_body=t["jobcenter"],
        themes=[t["manglende_svar"]],
    )
    # Inquiries: one about a centre, two about outside bodies (one a follow-up).
    i1 = add(
        dt.date(year, 7, 1),
        dora,
        kind=CaseKind.INQUIRY,
        centre=t["borgerservice"],
        channel=t["telefon"],
        handling=t["vejledning"],
    )
    add(
        dt.date(year, 8, 1),
        dora,
        main=i1,
        kind=CaseKind.INQUIRY,
        concerns_municipality=False,
        external_body=t["jobcenter"],
        handling=t["vejvisning"],
    )
    add(
        dt.date(year, 12, 31),
        dora_again,
        kind=CaseKind.INQUIRY,
        concerns_municipality=False,
        external_body=t["udk"],
        channel=t["mail"],
        handling=t["vejledning"],
    )
    # Two cases of the same citizen under two records, merged afterwards: one citizen.
    citizen_merge(actor=actor, keep=dora, merge=dora_again)
    # Just outside the year, one day on each side.
    add(dt.date(year - 1, 12, 31), carl, centre=t["voksne"], themes=[t["hjemmel"]])
    add(
        dt.date(year + 1, 1, 1),
        carl,
        kind=CaseKind.INQUIRY,
        centre=t["voksne"],
        handling=t["vejledning"],
    )
    # The year before: a complaint about Borgerservice.
    add(
        dt.date(year - 1, 5, 5),
        bent,
        centre=t["borgerservice"],
        channel=t["telefon"],
        themes=[t["partshoring"]],
        handling=t["dialog"],
    )
    # Another municipality's case on a day inside the year must not count.
    h = p.hvidovre
    other = citizen_create(actor=actor, municipality=h, name="Eva", external_key="E1")
    case_create(
        actor=actor,
        municipality=h,
        data=CaseInput(
            kind=CaseKind.COMPLAINT,
            citizen=other,
            opened_on=dt.date(year, 5, 5),
            centre=Centre.objects.filter(municipality=h).first(),
            themes=[Theme.objects.filter(municipality=h).first()],  # type: ignore[list-item]
        ),
    )
    return reg
