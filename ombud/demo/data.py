"""Word lists and weights for the demo municipality.

Everything here is invented. The shape (which centres, themes and handlings are most common)
follows the seed annual report; the numbers do not copy it. Labels must match the default
taxonomy in `ombud.cases.defaults`, because the demo uses the defaults.
"""

from dataclasses import dataclass

# --- People --------------------------------------------------------------------------------

FEMALE_NAMES = [
    "Anne", "Mette", "Kirsten", "Hanne", "Susanne", "Lene", "Maria", "Marianne", "Camilla",
    "Louise", "Charlotte", "Pia", "Tina", "Gitte", "Helle", "Bente", "Birgit", "Julie", "Sara",
    "Emma", "Ida", "Sofie", "Fatma", "Aisha", "Amina", "Zeynep", "Nadia", "Rikke", "Dorthe",
    "Jytte", "Karen", "Lone", "Malene", "Signe", "Trine", "Vibeke", "Yasmin", "Stine",
]  # fmt: skip
MALE_NAMES = [
    "Peter", "Jens", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Niels", "Jan", "Morten",
    "Jesper", "Martin", "Anders", "Rasmus", "Mads", "Kim", "Bo", "Ole", "Torben", "Brian",
    "Kenneth", "Allan", "Mohammed", "Ali", "Ahmed", "Hassan", "Emre", "Omar", "Jonas", "Frederik",
    "Mikkel", "Kasper", "Steen", "Flemming", "Poul", "Preben", "Erik", "Karsten",
]  # fmt: skip
LAST_NAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen",
    "Mikkelsen", "Olesen", "Frederiksen", "Laursen", "Henriksen", "Lund", "Holm", "Schmidt",
    "Eriksen", "Kristiansen", "Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen",
    "Østergaard", "Jeppesen", "Vestergaard", "Yilmaz", "Hussain", "Ali", "Khan", "Demir",
    "Nguyen", "Kowalski", "Bach", "Dahl", "Friis",
]  # fmt: skip
STREETS = [
    "Skolevej", "Kirkevej", "Møllevej", "Stationsvej", "Engvej", "Vestergade", "Østergade",
    "Søndergade", "Nørregade", "Parkvej", "Strandvej", "Bakkevej", "Birkevej", "Egevej",
    "Lærkevej", "Vibevej", "Rosenvænget", "Solvænget", "Humlevej", "Toftevej", "Gl. Landevej",
    "Byvej", "Kærvej", "Mosevej", "Tranevej", "Ahornvej", "Valmuevej", "Pilevang", "Kastanjealle",
    "Højvangen",
]  # fmt: skip
EMAIL_DOMAINS = ["example.com", "example.net", "example.org"]
RELATIONS = ["datter", "søn", "ægtefælle", "bisidder", "værge"]


@dataclass(frozen=True)
class Place:
    slug: str
    name: str
    town: str
    postcode: str
    email_domain: str


DEMO = Place("demo", "Demo Kommune", "Demoby", "2699", "demo.dk")
NABO = Place("nabo", "Nabo Kommune", "Naboby", "2698", "nabo.dk")

# (centre label in the default taxonomy, chief's name)
CENTRE_CHIEFS = {
    "Center for Voksne og Velfærd": "Karina Holm Bech",
    "Center for Børn og Forebyggelse": "Jakob Lindberg",
    "Center for Borgerservice": "Susanne Krogh",
    "Center for Byudvikling": "Henrik Vinther",
    "Center for Beskæftigelse": "Dorthe Aagaard",
    "Center for Dagtilbud og Skole": "Mikael Brandt",
    "Center for Sundhed og Omsorg": "Lise Gram",
    "Center for Økonomi og Personale": "Claus Riis",
}

# --- Weights (label: weight) ----------------------------------------------------------------

CENTRE_WEIGHTS = {
    "Center for Voksne og Velfærd": 30,
    "Center for Børn og Forebyggelse": 22,
    "Center for Borgerservice": 16,
    "Center for Beskæftigelse": 10,
    "Center for Byudvikling": 7,
    "Center for Dagtilbud og Skole": 7,
    "Center for Sundhed og Omsorg": 6,
    "Center for Økonomi og Personale": 2,
}
EXTERNAL_WEIGHTS = {
    "Jobcenter Vallensbæk": 34,
    "Udbetaling Danmark": 20,
    "Sundhedsvæsenet": 15,
    "Familieretshuset": 12,
    "Boligselskab": 11,
    "Privatretligt forhold": 8,
}
THEME_WEIGHTS = {
    "Sagsbehandlingstid": 16,
    "Manglende svar": 10,
    "Manglende orientering": 7,
    "Manglende kvittering": 3,
    "Inddragelse": 6,
    "Koordineret indsats": 6,
    "Betjening": 7,
    "Skift af sagsbehandler": 3,
    "Sprog og kommunikation": 3,
    "Notatpligt": 4,
    "Vejledning": 8,
    "Partshøring": 5,
    "Begrundelse": 5,
    "Klagevejledning": 4,
    "Aktindsigt": 3,
    "Journalisering": 1,
    "Inhabilitet": 1,
    "Tavshedspligt": 1,
    "Hjemmel til afgørelsen": 4,
    "Korrekt regelgrundlag": 5,
    "Afgørelsens indhold": 3,
    "Databeskyttelse": 2,
    "Praktisk opgaveløsning": 2,
    "Diskrimination": 1,
}
COMPLAINT_HANDLING_WEIGHTS = {
    "Styrket dialog": 58,
    "Hjælp til klageprocessen": 30,
    "Konfliktløsning/mediering": 12,
}
REJECTION_WEIGHTS = {
    "Behandlet af stående udvalg, økonomiudvalget eller byrådet": 3,
    "Indbragt for det kommunale tilsyn": 2,
    "Indbragt for domstolene": 2,
    "Hører under anden klageinstans": 3,
    "Personale- og ansættelsesforhold": 1,
    "Forholdet er mere end et år gammelt": 2,
}
INQUIRY_HANDLING_WEIGHTS = {
    "Vejledning": 50,
    "Videreformidling": 22,
    "Vejvisning": 18,
    "Orientering": 10,
}
OUTCOME_WEIGHTS = {"Medhold": 28, "Delvist medhold": 32, "Ikke medhold": 40}
CHANNEL_WEIGHTS = {
    "Telefon": 46,
    "Mail": 34,
    "Åben rådgivning": 11,
    "Webformular": 5,
    "Brev": 2,
    "Personligt møde": 2,
}
# How many follow-up cases a complaint's main case gets (0, 1, 2, 3).
FOLLOW_UP_WEIGHTS = [22, 38, 27, 13]

# --- Texts ---------------------------------------------------------------------------------

# What a case at each centre is typically about.
CENTRE_TOPICS = {
    "Center for Voksne og Velfærd": [
        "merudgifter efter servicelovens § 100",
        "bostøtte efter servicelovens § 85",
        "ansøgning om handicapbil",
        "ledsageordning",
        "botilbud til sin voksne søn",
        "BPA-ordning",
    ],
    "Center for Børn og Forebyggelse": [
        "en børnefaglig undersøgelse",
        "tabt arbejdsfortjeneste efter § 42",
        "aflastning til sit barn",
        "samvær med sit anbragte barn",
        "merudgifter til et barn med handicap",
        "en underretning",
    ],
    "Center for Borgerservice": [
        "enkeltydelse til tandbehandling",
        "personligt tillæg",
        "hjælp til flytning",
        "sygesikringsbevis og lægevalg",
        "kontanthjælp",
        "tilbagebetaling af ydelse",
    ],
    "Center for Beskæftigelse": [
        "sygedagpenge",
        "jobafklaringsforløb",
        "ressourceforløb",
        "revalidering",
        "et fleksjob",
    ],
    "Center for Byudvikling": [
        "en byggetilladelse",
        "affaldsafhentning",
        "vintervedligeholdelse af en privat fællesvej",
        "støj fra en byggeplads",
        "parkeringsforhold",
    ],
    "Center for Dagtilbud og Skole": [
        "skolekørsel",
        "et specialskoletilbud",
        "pladsanvisning i dagtilbud",
        "skoleskift",
        "fritagelse for undervisning",
    ],
    "Center for Sundhed og Omsorg": [
        "hjemmehjælp",
        "genoptræning",
        "hjælpemidler",
        "visitation til plejebolig",
        "madservice",
    ],
    "Center for Økonomi og Personale": [
        "en opkrævning",
        "restance og modregning",
        "rykkergebyrer",
    ],
}
EXTERNAL_TOPICS = {
    "Jobcenter Vallensbæk": [
        "sit forløb i jobcentret",
        "en samtale i jobcentret",
        "sin plan for jobafklaring",
        "aktivering",
    ],
    "Udbetaling Danmark": ["boligstøtte", "folkepension", "barselsdagpenge", "børneydelse"],
    "Sundhedsvæsenet": ["ventetid på en operation", "en udskrivning fra hospitalet"],
    "Familieretshuset": ["samvær med sine børn", "børnebidrag"],
    "Boligselskab": ["en opsigelse af sin lejlighed", "skimmelsvamp i sin lejlighed"],
    "Privatretligt forhold": ["en tvist med en håndværker", "et lån til et familiemedlem"],
}
# A sentence per complaint theme; {topic} is filled in from the centre's topics.
THEME_SENTENCES = {
    "Sagsbehandlingstid": "har ventet {months} måneder på en afgørelse om {topic}",
    "Manglende svar": "har ikke fået svar på flere henvendelser om {topic}",
    "Manglende orientering": "er ikke blevet orienteret om, hvor sagen om {topic} står",
    "Manglende kvittering": "har ikke fået kvittering for sin ansøgning om {topic}",
    "Inddragelse": "oplever ikke at være blevet inddraget i sagen om {topic}",
    "Koordineret indsats": "oplever, at to centre ikke koordinerer indsatsen om {topic}",
    "Betjening": "oplevede en afvisende tone i telefonen i sagen om {topic}",
    "Skift af sagsbehandler": "har haft fire sagsbehandlere på sagen om {topic} på et år",
    "Sprog og kommunikation": "har ikke kunnet forstå brevet om {topic}",
    "Notatpligt": "kan ikke se sine oplysninger om {topic} noteret i sagen",
    "Vejledning": "er ikke blevet vejledt om mulighederne vedrørende {topic}",
    "Partshøring": "er ikke blevet partshørt før afgørelsen om {topic}",
    "Begrundelse": "forstår ikke begrundelsen for afgørelsen om {topic}",
    "Klagevejledning": "har fået en afgørelse om {topic} uden klagevejledning",
    "Aktindsigt": "har ikke fået svar på sin anmodning om aktindsigt i sagen om {topic}",
    "Journalisering": "mener, at dokumenter om {topic} mangler i sagen",
    "Inhabilitet": "mener, at sagsbehandleren i sagen om {topic} er inhabil",
    "Tavshedspligt": "mener, at oplysninger om {topic} er givet videre uden samtykke",
    "Hjemmel til afgørelsen": "tvivler på hjemlen til afgørelsen om {topic}",
    "Korrekt regelgrundlag": "mener, at der er brugt forkerte regler i sagen om {topic}",
    "Afgørelsens indhold": "er uenig i afgørelsen om {topic}",
    "Databeskyttelse": "har fået et brev om {topic} sendt til en forkert adresse",
    "Praktisk opgaveløsning": "oplever, at aftalerne om {topic} ikke bliver overholdt",
    "Diskrimination": "oplever at være blevet forskelsbehandlet i sagen om {topic}",
}
COMPLAINT_ENDINGS = {
    "Styrket dialog": "Klagen er sendt til centret via styrket dialog, og centret har kontaktet "
    "borgeren.",
    "Hjælp til klageprocessen": "Borgerrådgiveren har hjulpet med at formulere klagen og følger "
    "sagen.",
    "Konfliktløsning/mediering": "Der er holdt et dialogmøde mellem borger og center med "
    "borgerrådgiveren som mægler.",
    "Afvist": "Klagen er afvist efter vedtægten, og borgeren er vejledt om den rette klagevej.",
}
INQUIRY_TEXTS = {
    "Vejledning": "Borgeren ønskede vejledning om reglerne for {topic}. Borgeren er vejledt om "
    "regler og klagemuligheder.",
    "Videreformidling": "Borgeren havde brug for hjælp vedrørende {topic}. Henvendelsen er "
    "videreformidlet til centret, som har kontaktet borgeren.",
    "Vejvisning": "Borgeren spurgte om {topic} og er vist videre til det rette sted.",
    "Orientering": "Borgeren orienterede om sin sag om {topic} og ønskede ikke yderligere hjælp.",
}

# Journal entries: (kind, direction, subject, body). {name} the citizen's first name,
# {centre} the centre or outside body, {topic} the topic.
JOURNAL_TEMPLATES = [
    (
        "phone",
        "in",
        "Telefonsamtale med borgeren",
        "{name} ringede og fortalte om sagen om {topic}. Aftalt at borgerrådgiveren kontakter "
        "{centre}.",
    ),
    (
        "email",
        "in",
        "Mail fra borgeren",
        "Kære borgerrådgiver\n\nJeg skriver, fordi jeg stadig ikke har hørt noget om {topic}. "
        "Kan du hjælpe mig?\n\nVenlig hilsen\n{name}",
    ),
    (
        "email",
        "out",
        "Forespørgsel til centret",
        "Til {centre}\n\nBorgeren har givet samtykke til, at jeg retter henvendelse om {topic}. "
        "Vil I kontakte borgeren og give mig en status inden for 10 arbejdsdage?",
    ),
    (
        "email",
        "in",
        "Svar fra centret",
        "{centre} oplyser, at sagen om {topic} er under behandling, og at borgeren er "
        "kontaktet telefonisk.",
    ),
    (
        "note",
        "internal",
        "Notat",
        "Gennemgået sagens akter om {topic}. Afventer centrets svar, før borgeren kontaktes igen.",
    ),
    (
        "phone",
        "out",
        "Opfølgning med borgeren",
        "Ringede til {name} for at følge op. Borgeren er tilfreds med, at sagen nu er i gang.",
    ),
    (
        "meeting",
        "internal",
        "Dialogmøde",
        "Dialogmøde med borgeren og {centre}. Der er aftalt en plan for den videre behandling af "
        "sagen om {topic}.",
    ),
]
