from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError

from ombud.accounts.commands import MunicipalityCommand
from ombud.whistleblower import services


class Command(MunicipalityCommand):
    help = (
        "Open the whistleblower scheme for a municipality and create its recovery key pair. "
        "The recovery private key is printed once: print it on paper and give it to a second "
        "person for safekeeping (see docs/whistleblower.md). Running again changes nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        try:
            _scheme, recovery_key = services.scheme_setup(actor=None, municipality=municipality)
        except ValidationError:
            self.stdout.write(f"{municipality.slug}: the scheme already exists; nothing changed.")
            return
        self.stdout.write("RECOVERY PRIVATE KEY (shown once, store offline with a second person):")
        self.stdout.write(recovery_key)
        self.stdout.write(f"{municipality.slug}: whistleblower scheme set up.")
