from typing import Any

from ombud.core.commands import MunicipalityCommand
from ombud.whistleblower import services


class Command(MunicipalityCommand):
    help = (
        "E-mail the designated handlers the references of open reports whose acknowledgement "
        "(7 days) or feedback (3 months) deadline is about to run out or has been missed. No "
        "content is sent. Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        warnings, overdue = services.clocks_notify(municipality=municipality)
        self.stdout.write(f"{municipality.slug}: {warnings} about to run out, {overdue} overdue.")
