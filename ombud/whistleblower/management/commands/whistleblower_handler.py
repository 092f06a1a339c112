from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from ombud.accounts.commands import MunicipalityCommand
from ombud.accounts.models import User
from ombud.whistleblower import services
from ombud.whistleblower.models import Handler, HandlerRole


class Command(MunicipalityCommand):
    help = (
        "Designate a person as whistleblower handler (or investigator), revoke the designation, "
        "or reset a handler's keys after a lost password. Handlers are designated one by one and "
        "never follow from an ordinary advisor role."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--username", required=True)
        parser.add_argument("--investigator", action="store_true", help="limited view only")
        parser.add_argument("--revoke", action="store_true")
        parser.add_argument("--reset-keys", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user is called {options['username']!r}.")
        handler = Handler.objects.filter(user=user, municipality=municipality).first()
        if options["revoke"] or options["reset_keys"]:
            if handler is None:
                raise CommandError("The user is not designated in this municipality.")
            if options["revoke"]:
                services.handler_revoke(actor=None, handler=handler)
                self.stdout.write(f"{municipality.slug}: {user.username} is no longer designated.")
            else:
                services.handler_reset_keys(actor=None, handler=handler)
                self.stdout.write(f"{municipality.slug}: keys reset for {user.username}.")
            return
        role = HandlerRole.INVESTIGATOR if options["investigator"] else HandlerRole.HANDLER
        services.handler_designate(actor=None, municipality=municipality, user=user, role=role)
        self.stdout.write(f"{municipality.slug}: {user.username} designated as {role}.")
