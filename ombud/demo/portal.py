"""The demo's public page: a logo, open counselling on Wednesdays and processing deadlines."""

import datetime as dt
import io

from django.db import transaction
from PIL import Image, ImageDraw

from ombud.accounts.logo import RASTER_TYPES, CheckedLogo
from ombud.accounts.models import Municipality, User
from ombud.accounts.services import municipality_logo_set
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


def demo_logo_png() -> bytes:
    """A neutral made-up emblem (a town hall in a blue disc), not any real coat of arms. PNG,
    so it shows in every program that opens the demo's DOCX report."""
    size = 240
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=(0, 75, 135, 255))
    white = (255, 255, 255, 255)
    draw.polygon([(60, 105), (120, 55), (180, 105)], fill=white)  # roof
    draw.rectangle((72, 112, 168, 172), fill=white)  # building
    for x in (86, 112, 138):  # columns' gaps
        draw.rectangle((x, 122, x + 14, 172), fill=(0, 75, 135, 255))
    draw.rectangle((60, 176, 180, 186), fill=white)  # steps
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _logo_ensure(municipality: Municipality, actor: User) -> None:
    if municipality.logo:
        return
    content_type, suffix = RASTER_TYPES["PNG"]
    logo = CheckedLogo(demo_logo_png(), content_type, suffix)
    municipality_logo_set(actor=actor, municipality=municipality, logo=logo)


@transaction.atomic
def demo_portal_load(*, municipality: Municipality, actor: User) -> None:
    _logo_ensure(municipality, actor)
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
