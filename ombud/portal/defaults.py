"""Danish default texts for the public pages (used when a municipality has not written its own).

They follow the statute: Retssikkerhedslovens § 65 e and the municipality's rules of procedure
(vedtægt) for the citizens' advisor."""

ABOUT = (
    "Borgerrådgiveren er kommunens uafhængige rådgiver for borgerne. Du kan henvende dig, hvis du "
    "er utilfreds med kommunens behandling af din sag, eller hvis du har brug for hjælp til at "
    "finde rundt i kommunen. Borgerrådgiveren hører direkte under kommunalbestyrelsen og er ikke "
    "en del af forvaltningen. Det er gratis at bruge borgerrådgiveren, og borgerrådgiveren har "
    "tavshedspligt."
)

CAN_HELP = (
    "Vejlede dig om, hvor og hvordan du kan klage over en afgørelse.\n"
    "Behandle klager over kommunens sagsbehandling og over personalets adfærd og optræden.\n"
    "Formidle kontakt mellem dig og kommunen og bidrage til dialog, så misforståelser kan ryddes "
    "af vejen.\n"
    "Hjælpe dig med at forstå en afgørelse eller et brev fra kommunen."
)

CANNOT_HELP = (
    "Ændre en afgørelse eller træffe afgørelser i stedet for kommunen.\n"
    "Behandle klager over afgørelsers indhold, når der er en anden klagemulighed, for eksempel "
    "Ankestyrelsen.\n"
    "Behandle sager, der er afgjort af domstolene, eller som Folketingets Ombudsmand behandler.\n"
    "Behandle klager over kommunalbestyrelsens politiske beslutninger.\n"
    "Behandle personalesager eller klager fra kommunens ansatte som ansatte."
)

CONTACT = (
    "Du kan kontakte borgerrådgiveren ved at udfylde kontaktformularen nedenfor, ringe, skrive "
    "en mail eller komme til åben rådgivning uden tidsbestilling. Skriv ikke dit CPR-nummer eller "
    "følsomme oplysninger i en almindelig mail — brug formularen eller Digital Post."
)

ACCESSIBILITY = (
    "Kommunen ønsker, at alle kan bruge borgerrådgiverens sider. Siderne er lavet efter "
    "webtilgængelighedsloven og WCAG 2.1 niveau AA: de kan bruges med tastatur alene, med "
    "skærmlæser og på en lille skærm, og de virker uden JavaScript. Oplever du problemer, så "
    "skriv til borgerrådgiveren. Du kan også klage til Digitaliseringsstyrelsen, som fører "
    "tilsyn med tilgængelighed."
)
