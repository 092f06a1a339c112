from argparse import ArgumentParser
from typing import Any

from django.utils import timezone

from ombud.accounts.commands import MunicipalityCommand
from ombud.whistleblower import services


class Command(MunicipalityCommand):
    help = (
        "Delete closed whistleblower reports whose retention period has run out (out-of-scope "
        "reports soon after closure, others after the municipality's review period; reports with "
        "pending proceedings are kept). Content and files are removed; an anonymous statistics "
        "row remains. Safe to run daily."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        if options["dry_run"]:
            due = services.retention_due(municipality, timezone.now())
            self.stdout.write(f"{municipality.slug}: {len(due)} reports would be deleted.")
            return
        count = services.retention_run(actor=None, municipality=municipality)
        self.stdout.write(f"{municipality.slug}: {count} reports deleted.")
