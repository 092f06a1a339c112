# Step 3 of 3: every row has its own public id; make it required and unique.

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
        ("cases", "0004_taxonomy_public_id_filled"),
    ]

    operations = [
        migrations.AlterField(
            model_name=name,
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        )
        for name in TAXONOMY_MODELS
    ]
