"""Give every existing scheme the questions its form had until now (frozen copy of the defaults).

Existing reports keep their old payload ({"what": …, "when": …}); the selectors read both shapes.
"""

from typing import Any

from django.db import migrations

QUESTIONS = [
    (
        "what",
        "Hvad er der sket?",
        "Beskriv forholdet så præcist, du kan. Skriv ikke dit eget navn.",
        "long",
        True,
    ),
    ("when", "Hvornår skete det?", "Datoer eller perioder, og om det stadig foregår.", "long", False),
    ("who", "Hvem er involveret?", "Navne, stillingsbetegnelser eller afdelinger.", "long", False),
    ("how_known", "Hvordan kender du til forholdet?", "", "long", False),
    ("evidence", "Er der beviser eller vidner?", "", "long", False),
]


def seed(apps: Any, schema_editor: Any) -> None:
    Scheme = apps.get_model("whistleblower", "Scheme")
    Question = apps.get_model("whistleblower", "Question")
    rows = []
    for scheme in Scheme.objects.all():
        if Question.objects.filter(municipality_id=scheme.municipality_id).exists():
            continue
        for order, (key, label, help_text, kind, required) in enumerate(QUESTIONS):
            rows.append(
                Question(
                    municipality_id=scheme.municipality_id,
                    key=key,
                    label=label,
                    help_text=help_text,
                    kind=kind,
                    required=required,
                    order=order,
                )
            )
    Question.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("whistleblower", "0005_questionnaire_and_meeting_proposals"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
