"""The standard report template: the seed report's structure with Danish starter texts.

These are document content in the municipality's language (like the taxonomy defaults), not
UI strings. `{kommune}` is replaced by the municipality's name when a draft is created; inserts
(`{{ … }}`) stay in the text and are resolved from the figures when the report is rendered.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionTemplate:
    key: str
    number: str
    heading: str
    level: int
    body: str
    # The statistics tables shown after the text (keys of ombud.stats.tables).
    figures: tuple[str, ...] = ()


SKRIV_HER = "[Skriv her]"

ANNUAL: list[SectionTemplate] = [
    SectionTemplate("part1", "1.", "Borgerrådgiverfunktionen", 1, ""),
    SectionTemplate(
        "background",
        "1.1.",
        "Baggrund og rammer for {kommune}s borgerrådgiverfunktion",
        2,
        "Borgerrådgiverfunktionen er etableret i henhold til styrelseslovens § 65 e. Det betyder, "
        "at borgerrådgiveren refererer direkte til byrådet og er uafhængig af administrationen. "
        "Borgerrådgiverens opgaver og kompetence er beskrevet i en vedtægt.\n\n"
        "Denne årsberetning omfatter perioden {{ period }}. " + SKRIV_HER,
    ),
    SectionTemplate(
        "whistleblower",
        "1.2.",
        "Borgerrådgiverens afrapportering og anbefaling i forhold til whistleblowerordningen",
        2,
        "I henhold til retningslinjerne for whistleblowerordningen omfatter årsberetningen også "
        "en afrapportering af de sager, der har været ved ordningen.\n\n"
        "Der er i {{ period }} modtaget {{ whistleblower.received }} indberetninger via "
        "whistleblowerordningen. Heraf er {{ whistleblower.forwarded }} oversendt til videre "
        'undersøgelse. Tal under 5 vises som "<5" af hensyn til fortroligheden.\n\n' + SKRIV_HER,
    ),
    SectionTemplate(
        "cooperation",
        "1.3.",
        "Samarbejde mellem borgerrådgiver og administration \N{EN DASH} "
        "fokus på anvendelse af klager "
        "til læring",
        2,
        "Jeg oplever, at centrene er lydhøre i forhold til den generelle sparring, som de "
        "konkrete sager giver anledning til. " + SKRIV_HER + "\n\n"
        "I årsberetningen omsættes erfaringerne fra de konkrete sager til specifikke anbefalinger.",
    ),
    SectionTemplate(
        "contact",
        "1.4.",
        "Borgernes henvendelsesform til borgerrådgiverfunktionen",
        2,
        "Borgerne henvender sig i vid udstrækning pr. telefon og mail. " + SKRIV_HER,
        ("channels",),
    ),
    SectionTemplate("part2", "2.", "Sammenfatning og anbefalinger", 1, ""),
    SectionTemplate(
        "resources",
        "2.1.",
        "Status og anbefaling vedrørende ressourcer i borgerrådgiverfunktionen",
        2,
        SKRIV_HER,
    ),
    SectionTemplate(
        "complaints_about",
        "2.2.",
        "Hvad klager borgerne over? \N{EN DASH} "
        "opmærksomhedspunkter og anbefalinger fra borgerrådgiveren",
        2,
        SKRIV_HER,
    ),
    SectionTemplate(
        "follow_up",
        "2.3.",
        "Opfølgning på tidligere anbefalinger",
        2,
        "Tabellen viser, hvad der er sket med borgerrådgiverens tidligere anbefalinger.",
    ),
    SectionTemplate("part3", "3.", "Statistik over henvendelser til borgerrådgiveren", 1, ""),
    SectionTemplate(
        "perspective",
        "3.1.",
        "Perspektivering af tal og iagttagelser fra borgerrådgiveren",
        2,
        "Afrapporteringer fra min side er baseret på iagttagelserne i de konkrete sager, som jeg "
        "stifter bekendtskab med i min funktion. De konkrete klagesager, som jeg involveres i, "
        "udgør kun en lille delmængde af det samlede antal klager, som modtages, behandles og "
        "besvares af kommunen.\n\n"
        "Statistikken giver mulighed for at identificere mulige tendenser eller "
        "opmærksomhedspunkter i administrationens arbejde.",
    ),
    SectionTemplate(
        "case_count",
        "3.2.",
        "Antal sager ved borgerrådgiverfunktionen",
        2,
        "I {{ period }} har jeg oprettet {{ cases.total }} sager i borgerrådgiverens "
        "statistikmodul. Sagerne er fordelt med {{ cases.complaints }} klagesager og "
        "{{ cases.inquiries }} andre henvendelser.\n\n"
        "Den samlede total indeholder både hovedsager ({{ cases.main }}) og følgesager "
        "({{ cases.follow_up }}) og vedrører ca. {{ cases.citizens }} unikke borgere.\n\n"
        "Det er ikke alle henvendelser ved borgerrådgiverfunktionen, der vedrører kommunen. "
        "{{ cases.concerning }} sager vedrører kommunen, og {{ cases.not_concerning }} sager "
        "vedrører andre instanser eller privatretlige forhold.",
        ("cases", "concerning"),
    ),
    SectionTemplate(
        "centre_cases",
        "3.3.",
        "Fordeling af sager total på centre",
        2,
        "Figuren nedenfor viser, hvordan sager ved borgerrådgiverfunktionen fordeler sig på "
        "centerområder. Figuren er en total, der indeholder både hoved- og følgesager.",
        ("centre_cases",),
    ),
    SectionTemplate(
        "centre_complaints",
        "3.4.",
        "Antal klager via borgerrådgiverfunktionen fordelt på centre",
        2,
        "Figuren nedenfor viser antal klager fordelt på centre.",
        ("centre_complaints",),
    ),
    SectionTemplate(
        "centre_inquiries",
        "3.5.",
        "Andre henvendelser fordelt på centre",
        2,
        "Figuren nedenfor viser antal andre henvendelser fordelt på centre.",
        ("centre_inquiries",),
    ),
    SectionTemplate(
        "external_bodies",
        "3.6.",
        "Henvendelser om andre myndigheder",
        2,
        "Figuren nedenfor viser sager, der vedrører andre myndigheder end kommunen.",
        ("external_bodies",),
    ),
    SectionTemplate(
        "themes",
        "3.7.",
        "Hvad handler borgernes klager om? \N{EN DASH} Klagetemaer",
        2,
        "Figuren nedenfor viser indholdet af borgernes klager. En klage kan have flere temaer.",
        ("theme_groups", "themes"),
    ),
    SectionTemplate(
        "handling",
        "3.8.",
        "Borgerrådgiverens behandling af klagesager og andre henvendelser",
        2,
        "Figuren nedenfor viser borgerrådgiverens behandling af klagesager og andre "
        "henvendelser.\n\n"
        "I henhold til vedtægten for borgerrådgiveren skal jeg afvise bestemte klager. "
        "I {{ period }} har jeg afvist {{ cases.rejected }} klager.",
        ("complaint_handling", "rejection_reasons", "inquiry_handling", "outcomes"),
    ),
]

MIDWAY: list[SectionTemplate] = [
    SectionTemplate(
        "midway_intro",
        "1.",
        "Administrativ midtvejsstatus",
        1,
        "Denne midtvejsstatus til direktionen omfatter perioden {{ period }}. " + SKRIV_HER,
    ),
    SectionTemplate(
        "midway_case_count",
        "2.",
        "Antal sager",
        1,
        "I {{ period }} har jeg oprettet {{ cases.total }} sager. Sagerne er fordelt med "
        "{{ cases.complaints }} klagesager og {{ cases.inquiries }} andre henvendelser.",
        ("cases",),
    ),
    SectionTemplate(
        "midway_centre_complaints",
        "3.",
        "Klager fordelt på centre",
        1,
        "Figuren nedenfor viser antal klager fordelt på centre.",
        ("centre_complaints", "themes"),
    ),
    SectionTemplate(
        "attention",
        "4.",
        "Opmærksomhedspunkter og anbefalinger til direktionen",
        1,
        SKRIV_HER,
    ),
    SectionTemplate(
        "follow_up",
        "5.",
        "Opfølgning på tidligere anbefalinger",
        1,
        "Tabellen viser status for borgerrådgiverens anbefalinger.",
    ),
]

TEMPLATES = {"annual": ANNUAL, "midway": MIDWAY}
FIGURES_BY_KEY = {s.key: s.figures for t in TEMPLATES.values() for s in t}

# Sections after which the report shows the period's recommendation boxes / follow-up table.
BOXES_AFTER = {"complaints_about", "attention"}
FOLLOW_UP_SECTION = "follow_up"
WHISTLEBLOWER_SECTION = "whistleblower"


def suggested_sentences(years: list[int] | None = None) -> list[str]:
    """Sentences in the seed's style, linked to the data through inserts.

    For a report of several years, one sentence per year as in the seed ("I 2020 har jeg
    oprettet 168 sager … I 2021 har jeg oprettet 151 sager …").
    """
    per_year = [
        f"I {y} har jeg oprettet {{{{ year[{y}].cases.total }}}} sager i borgerrådgiverens "
        f"statistikmodul. Sagerne er fordelt med {{{{ year[{y}].cases.complaints }}}} "
        f"klagesager og {{{{ year[{y}].cases.inquiries }}}} andre henvendelser."
        for y in years or []
    ]
    return [
        *per_year,
        "I {{ period }} har jeg oprettet {{ cases.total }} sager i borgerrådgiverens "
        "statistikmodul. Sagerne er fordelt med {{ cases.complaints }} klagesager og "
        "{{ cases.inquiries }} andre henvendelser.",
        "Den samlede total indeholder både hovedsager og følgesager og vedrører ca. "
        "{{ cases.citizens }} unikke borgere i {{ period }}.",
        "I {{ previous.period }} blev der oprettet {{ previous.cases.total }} sager, heraf "
        "{{ previous.cases.complaints }} klagesager og {{ previous.cases.inquiries }} andre "
        "henvendelser.",
        "I {{ period }} har jeg afvist {{ cases.rejected }} klager.",
    ]
