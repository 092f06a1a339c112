from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_taxonomy_public_id_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="retired_with_group",
            field=models.BooleanField(default=False, verbose_name="retired with its group"),
        ),
    ]
