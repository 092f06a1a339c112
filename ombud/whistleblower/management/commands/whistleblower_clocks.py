from typing import Any

from ombud.accounts.commands import MunicipalityCommand
from ombud.whistleblower import services


class Command(MunicipalityCommand):
    help = (
        "E-mail the designated handlers the references of open reports whose acknowledgement "
        "(7 days) or feedback (3 months) deadline is about to run out or has been missed. No "
        "content is sent. Also escalates every newly missed deadline, once per report and "
        "deadline, to the scheme's escalation recipients (the worker does this too). Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        warnings, overdue = services.clocks_notify(municipality=municipality)
        escalated = services.escalations_run(municipality=municipality)
        self.stdout.write(
            f"{municipality.slug}: {warnings} about to run out, {overdue} overdue, "
            f"{escalated} newly escalated."
        )
