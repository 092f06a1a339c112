"""The demo's public page: open counselling on Wednesdays and some processing deadlines."""

import datetime as dt

from django.db import transaction

from ombud.accounts.models import Municipality, User
from ombud.cases.models import Centre
from ombud.cooperation.models import CounsellingSchedule, Weekday
from ombud.cooperation.services import schedule_create
from ombud.portal.models import ProcessingDeadline
from ombud.portal.services import deadline_save

# (title, area, centre label, deadline, legal basis, keywords)
DEADLINES = [
    (
        "Ansøgning om handicapbil",
        "Hjælpemidler",
        "Center for Voksne og Velfærd",
        "6 måneder",
        "Serviceloven § 114, retssikkerhedsloven § 3, stk. 2",
        "bil, handicap, støtte til køb af bil",
    ),
    (
        "Ansøgning om hjælpemidler",
        "Hjælpemidler",
        "Center for Voksne og Velfærd",
        "8 uger",
        "Serviceloven § 112, retssikkerhedsloven § 3, stk. 2",
        "kørestol, rollator, hjælpemiddel",
    ),
    (
        "Boligstøtte",
        "Ydelser",
        "Center for Borgerservice",
        "Udbetaling Danmark: 6 uger",
        "Lov om individuel boligstøtte",
        "boligstøtte, husleje, boligydelse",
    ),
    (
        "Merudgifter til børn med handicap",
        "Børn og familie",
        "Center for Børn og Forebyggelse",
        "3 måneder",
        "Serviceloven § 41",
        "merudgifter, handicap, barn",
    ),
    (
        "Aktindsigt",
        "Hele kommunen",
        None,
        "7 arbejdsdage",
        "Offentlighedsloven § 36, forvaltningsloven § 16",
        "aktindsigt, dokumenter, sagsbehandlingstid",
    ),
    (
        "Byggetilladelse til enfamiliehus",
        "Byggeri",
        "Center for Byudvikling",
        "40 dage",
        "Bygningsreglementet, servicemål aftalt med KL",
        "byggetilladelse, byggesag, carport",
    ),
]


@transaction.atomic
def demo_portal_load(*, municipality: Municipality, actor: User) -> None:
    if not CounsellingSchedule.objects.filter(municipality=municipality).exists():
        schedule_create(
            actor=actor,
            municipality=municipality,
            schedule=CounsellingSchedule(
                weekday=Weekday.WEDNESDAY,
                starts_at=dt.time(14),
                ends_at=dt.time(17),
                place="Demo Bibliotek, mødelokale 2, Torvet 1",
            ),
        )
    if ProcessingDeadline.objects.filter(municipality=municipality).exists():
        return
    centres = {c.label: c for c in Centre.objects.filter(municipality=municipality)}
    for title, area, centre, deadline, basis, keywords in DEADLINES:
        deadline_save(
            actor=actor,
            municipality=municipality,
            deadline=ProcessingDeadline(
                title=title,
                area=area,
                centre=centres.get(centre) if centre else None,
                deadline=deadline,
                legal_basis=basis,
                source="Demo Kommunes sagsbehandlingsfrister (byrådets beslutning, demodata)",
                valid_from=dt.date(2025, 1, 1),
                keywords=keywords,
            ),
        )
