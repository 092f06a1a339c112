"""The Danish default taxonomy a new municipality starts with.

Drawn from the seed annual report and the legal brief (§ 3.6). Every municipality can add, rename
and retire entries afterwards; these are only a starting point. Labels are Danish because they are
data shown to Danish users and written in the exchange format, not interface strings.
"""

CENTRES: list[tuple[str, str]] = [
    ("Center for Voksne og Velfærd", ""),
    ("Center for Børn og Forebyggelse", ""),
    ("Center for Borgerservice", ""),
    ("Center for Byudvikling", ""),
    ("Center for Beskæftigelse", ""),
    ("Center for Dagtilbud og Skole", ""),
    ("Center for Sundhed og Omsorg", ""),
    ("Center for Økonomi og Personale", ""),
]

EXTERNAL_BODIES: list[str] = [
    "Jobcenter Vallensbæk",
    "Udbetaling Danmark",
    "Familieretshuset",
    "Sundhedsvæsenet",
    "Boligselskab",
    "Privatretligt forhold",
    "Skattestyrelsen",
    "Ankestyrelsen",
]

THEMES: dict[str, list[str]] = {
    "God forvaltningsskik": [
        "Sagsbehandlingstid",
        "Manglende svar",
        "Manglende orientering",
        "Manglende kvittering",
        "Inddragelse",
        "Koordineret indsats",
        "Betjening",
        "Skift af sagsbehandler",
        "Sprog og kommunikation",
    ],
    "Forvaltningsloven og offentlighedsloven": [
        "Notatpligt",
        "Vejledning",
        "Partshøring",
        "Begrundelse",
        "Klagevejledning",
        "Aktindsigt",
        "Journalisering",
        "Inhabilitet",
        "Tavshedspligt",
    ],
    "Hjemmelsforhold": [
        "Hjemmel til afgørelsen",
        "Korrekt regelgrundlag",
        "Afgørelsens indhold",
    ],
    "Øvrige forhold": [
        "Databeskyttelse",
        "Praktisk opgaveløsning",
        "Diskrimination",
    ],
}

COMPLAINT_HANDLING: list[tuple[str, bool]] = [
    ("Styrket dialog", False),
    ("Hjælp til klageprocessen", False),
    ("Konfliktløsning/mediering", False),
    ("Afvist", True),
]

INQUIRY_HANDLING: list[str] = ["Vejledning", "Videreformidling", "Vejvisning", "Orientering"]

REJECTION_GROUNDS: list[str] = [
    "Behandlet af stående udvalg, økonomiudvalget eller byrådet",
    "Indbragt for det kommunale tilsyn",
    "Indbragt for Folketingets Ombudsmand",
    "Indbragt for domstolene",
    "Afgørelsens faglige indhold",
    "Hører under anden klageinstans",
    "Politisk beslutning eller serviceniveau",
    "Personale- og ansættelsesforhold",
    "Forholdet er mere end et år gammelt",
    "Dialogen med centret er ikke udtømt",
    "Uden for borgerrådgiverens kompetence",
]

OUTCOMES: list[str] = ["Medhold", "Delvist medhold", "Ikke medhold"]

# (Danish label, stable code from the exchange format)
CHANNELS: list[tuple[str, str]] = [
    ("Telefon", "phone"),
    ("Mail", "email"),
    ("Åben rådgivning", "open_counselling"),
    ("Webformular", "web"),
    ("Brev", "letter"),
    ("Personligt møde", "meeting"),
]
