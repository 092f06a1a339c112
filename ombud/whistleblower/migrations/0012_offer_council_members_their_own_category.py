"""Council members get their own reporter category (the Act covers board members, not the
municipal council; see ombud/whistleblower/coverage.py).

"Board or council member" used to be one choice. So that nobody who could report before loses
the choice, every scheme that offered it now also offers "Member of the municipal council".
Reports already made keep `board_member`: which of the two the reporter was cannot be known, and
counting them under the Act keeps their deadlines. Reverse: the new category is removed again.
"""

from typing import Any

from django.db import migrations


def offer_council(apps: Any, schema_editor: Any) -> None:
    Scheme = apps.get_model("whistleblower", "Scheme")
    for scheme in Scheme.objects.all():
        open_to = list(scheme.open_to or [])
        if "board_member" in open_to and "council_member" not in open_to:
            open_to.insert(open_to.index("board_member") + 1, "council_member")
            scheme.open_to = open_to
            scheme.save(update_fields=["open_to"])


def withdraw_council(apps: Any, schema_editor: Any) -> None:
    Scheme = apps.get_model("whistleblower", "Scheme")
    for scheme in Scheme.objects.all():
        if "council_member" in (scheme.open_to or []):
            scheme.open_to = [c for c in scheme.open_to if c != "council_member"]
            scheme.save(update_fields=["open_to"])


class Migration(migrations.Migration):
    dependencies = [
        ("whistleblower", "0011_statutory_deadline_setting_and_coverage"),
    ]

    operations = [migrations.RunPython(offer_council, withdraw_council)]
