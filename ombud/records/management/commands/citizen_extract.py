import uuid
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ombud.accounts.commands import MunicipalityCommand
from ombud.cases.models import Citizen
from ombud.records.services import citizen_extract_write


class Command(MunicipalityCommand):
    help = (
        "Write a citizen's access extract (GDPR art. 15) as a ZIP with extract.pdf, data.json and "
        'the original files. The citizen\'s id is the one shown on their page ("Id i Ombud"). '
        "Making it is recorded in the audit log."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--citizen", required=True, metavar="ID", help="the citizen's id")
        parser.add_argument("--output", required=True, metavar="FILE.zip", help="the ZIP to write")

    def _citizen(self, municipality: Any, raw: str) -> Citizen:
        try:
            public_id = uuid.UUID(raw.strip())
        except ValueError:
            raise CommandError(
                _("'%(id)s' is not a citizen id. Copy the id from the citizen's page.")
                % {"id": raw}
            ) from None
        citizen = Citizen.objects.filter(municipality=municipality, public_id=public_id).first()
        if citizen is None:
            raise CommandError(
                _("No citizen in %(municipality)s has the id %(id)s.")
                % {"municipality": municipality.name, "id": public_id}
            )
        return citizen

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        citizen = self._citizen(municipality, options["citizen"])
        output = Path(options["output"])
        if output.suffix.lower() != ".zip":
            raise CommandError(_("The output file must end in .zip."))
        try:
            with output.open("wb") as handle:
                missing = citizen_extract_write(actor=None, citizen=citizen, output=handle)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": output, "error": error.strerror or error}
            ) from None
        for name in missing:
            self.stderr.write(
                _("Could not read %(file)s; it is not in the extract.") % {"file": name}
            )
        self.stdout.write(_("Wrote %(file)s.") % {"file": output})
