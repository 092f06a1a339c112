"""Turn each scheme's chosen list of built-in categories into `Category` rows, and give every
scheme the optional department question.

No loss: every built-in category gets a row (so old reports and statistics keep their labels);
the ones the scheme offered stay active, the others are retired (not offered in the form). Labels
stay blank, which shows the built-in (translated) text until the municipality renames them.
Reverse: the active built-in keys go back into `Scheme.categories`.
"""

from typing import Any

from django.db import migrations

# Frozen copy of ReportCategory's keys, in their order.
BUILTIN = ["eu_law", "crime", "law", "internal_rules", "harassment", "neglect", "other"]
DEPARTMENT_QUESTION = (
    "department",
    "Hvilken afdeling drejer det sig om?",
    "Valgfrit. Vælg ikke noget, hvis du er i tvivl, eller hvis svaret kan afsløre, hvem du er.",
)


def seed(apps: Any, schema_editor: Any) -> None:
    Scheme = apps.get_model("whistleblower", "Scheme")
    Category = apps.get_model("whistleblower", "Category")
    Question = apps.get_model("whistleblower", "Question")
    for scheme in Scheme.objects.all():
        muni = scheme.municipality_id
        offered = set(scheme.categories or BUILTIN)
        existing = set(Category.objects.filter(municipality_id=muni).values_list("key", flat=True))
        Category.objects.bulk_create(
            Category(municipality_id=muni, key=key, order=order, is_active=key in offered)
            for order, key in enumerate(BUILTIN)
            if key not in existing
        )
        if not Question.objects.filter(municipality_id=muni, key="department").exists():
            last = Question.objects.filter(municipality_id=muni).order_by("-order").first()
            key, label, help_text = DEPARTMENT_QUESTION
            Question.objects.create(
                municipality_id=muni,
                key=key,
                label=label,
                help_text=help_text,
                kind="department",
                required=False,
                order=(last.order + 1) if last else 0,
            )


def unseed(apps: Any, schema_editor: Any) -> None:
    Scheme = apps.get_model("whistleblower", "Scheme")
    Category = apps.get_model("whistleblower", "Category")
    Question = apps.get_model("whistleblower", "Question")
    for scheme in Scheme.objects.all():
        active = Category.objects.filter(
            municipality_id=scheme.municipality_id, is_active=True, key__in=BUILTIN
        ).values_list("key", flat=True)
        scheme.categories = [k for k in BUILTIN if k in set(active)] or BUILTIN
        scheme.save(update_fields=["categories"])
    Question.objects.filter(key="department").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("whistleblower", "0008_categories_departments_escalation"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
