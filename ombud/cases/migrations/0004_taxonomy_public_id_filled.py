# Step 2 of 3: a random public id for every existing taxonomy entry.

import uuid

from django.db import migrations

TAXONOMY_MODELS = (
    "Centre",
    "ExternalBody",
    "ThemeGroup",
    "Theme",
    "HandlingType",
    "RejectionGround",
    "Outcome",
    "Channel",
)


def fill_public_ids(apps, schema_editor):
    for name in TAXONOMY_MODELS:
        model = apps.get_model("cases", name)
        rows = list(model.objects.only("pk"))
        for row in rows:
            row.public_id = uuid.uuid4()
        model.objects.bulk_update(rows, ["public_id"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_taxonomy_public_id_added"),
    ]

    operations = [
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop, elidable=True),
    ]
