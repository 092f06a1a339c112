import sys
from typing import Any

from django.core.management.base import CommandError

from ombud.accounts.commands import MunicipalityCommand
from ombud.whistleblower import services


class Command(MunicipalityCommand):
    help = (
        "Use the escrowed recovery private key to give every active handler access to every "
        "report they lack (after a lost password and a key reset). The key is read from standard "
        "input, never from the command line, so it stays out of shell history."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        raw = sys.stdin.readline().strip()
        try:
            key = bytes.fromhex(raw)
        except ValueError:
            raise CommandError("The recovery key must be 64 hexadecimal characters.") from None
        if len(key) != 32:
            raise CommandError("The recovery key must be 64 hexadecimal characters.")
        try:
            count = services.grants_recover(
                actor=None, municipality=municipality, recovery_private_key=key
            )
        except Exception as error:  # nacl.exceptions.CryptoError on a wrong key
            raise CommandError("The recovery key does not fit this municipality.") from error
        self.stdout.write(f"{municipality.slug}: {count} report keys granted.")
