# Step 1 of 3 (Django's pattern for a unique field on existing rows): add the column without
# UNIQUE. Existing rows all receive the same default here; step 2 gives each its own.

import uuid

from django.db import migrations, models

TAXONOMY_MODELS = (
    "centre",
    "externalbody",
    "themegroup",
    "theme",
    "handlingtype",
    "rejectionground",
    "outcome",
    "channel",
)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_import_job"),
    ]

    operations = [
        migrations.AddField(
            model_name=name,
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, null=True),
        )
        for name in TAXONOMY_MODELS
    ]
