"""Danish default texts for the public pages, used when a municipality leaves a text blank.

Written as English msgids (translated in locale/da/parts/whistleblower.po) so the pages follow
the user's language like the rest of Ombud.
"""

from django.utils.translation import gettext_lazy as _

EXTERNAL_CHANNEL = {
    "name": "Den Nationale Whistleblowerordning (Datatilsynet)",
    "web": "https://whistleblower.dk",
    "address": "Carl Jacobsens Vej 35, 2500 Valby",
    "phone": "33 19 32 02",
    "email": "wb@datatilsynet.dk",
}

INTRO = _(
    "The whistleblower scheme lets you report serious matters in the municipality safely, "
    "anonymously if you wish. Reports are received and handled by a small group of designated, "
    "impartial case handlers who are bound by a special duty of confidentiality."
)
SCOPE = _(
    "You can report breaches of EU law within the areas covered by the Whistleblower Directive "
    "(for example public procurement, environmental protection, food safety and data protection) "
    "and other serious breaches of the law or other serious matters, such as fraud, misuse of "
    "funds, bribery, breach of confidentiality, gross or repeated breaches of administrative law, "
    "serious harassment, sexual harassment and neglect of care. Disagreements about pay, "
    "cooperation difficulties and minor misconduct are normally outside the scheme."
)
HANDLING = _(
    "You receive an acknowledgement within 7 days and feedback on what has been done no later "
    "than 3 months after the acknowledgement. Everything you write and upload is encrypted; only "
    "the designated handlers can read it. We store no IP address or other data about your device. "
    "Your identity, and that of the persons you mention, is kept confidential and is passed on "
    "only with your consent or where the law requires it, and you are told beforehand. You are "
    "protected against retaliation when you report in good faith."
)
INTERNAL = _(
    "We encourage you to report here if the matter can be dealt with effectively inside the "
    "municipality and you see no risk of retaliation. You can always report externally instead, "
    "to the National Whistleblower Scheme at the Danish Data Protection Agency, or where relevant "
    "to the institutions and bodies of the EU."
)
PRIVACY = _(
    "The municipality is data controller for the personal data in reports. We process them to "
    "receive, investigate and follow up on reports under the Whistleblower Act, on the legal "
    "basis of the General Data Protection Regulation art. 6(1)(c) and (e), art. 9(2)(g) and art. "
    "10 with section 8 of the Danish Data Protection Act. Reports are deleted when they are no "
    "longer needed, normally shortly after the case is closed. You have the right of access, "
    "rectification and erasure, and may complain to the Danish Data Protection Agency."
)
OTHER_WAYS = _(
    "If you cannot or would rather not use the web form, you can report orally: ask the "
    "municipality's switchboard for the whistleblower scheme's handler, who will call you back "
    'or meet you, or send your report by post marked "Whistleblower scheme — confidential". '
    "The handler writes down what you say and lets you check and approve it."
)

# The questions a new scheme's form starts with: (key, label, help text, kind, required).
# Data, not interface strings: Danish, like the case register's default taxonomy, because the
# municipality edits them and they are stored with each answer. Keys are the form's field names.
QUESTIONS: list[tuple[str, str, str, str, bool]] = [
    (
        "what",
        "Hvad er der sket?",
        "Beskriv forholdet så præcist, du kan. Skriv ikke dit eget navn.",
        "long",
        True,
    ),
    (
        "when",
        "Hvornår skete det?",
        "Datoer eller perioder, og om det stadig foregår.",
        "long",
        False,
    ),
    ("who", "Hvem er involveret?", "Navne, stillingsbetegnelser eller afdelinger.", "long", False),
    ("how_known", "Hvordan kender du til forholdet?", "", "long", False),
    ("evidence", "Er der beviser eller vidner?", "", "long", False),
    (
        "department",
        "Hvilken afdeling drejer det sig om?",
        "Valgfrit. Vælg ikke noget, hvis du er i tvivl, eller hvis svaret kan afsløre, hvem du er.",
        "department",
        False,
    ),
]
