import sys
from argparse import ArgumentParser
from typing import Any

import nacl.exceptions
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from ombud.accounts.commands import MunicipalityCommand
from ombud.accounts.models import User
from ombud.whistleblower import services
from ombud.whistleblower.models import Handler, HandlerRole


class Command(MunicipalityCommand):
    help = (
        "Designate a person as whistleblower handler (or investigator), revoke the designation, "
        "or reset a handler's keys after a lost password. Handlers are designated one by one and "
        "never follow from an ordinary advisor role. A designation waits for approval by another "
        "handler in Ombud; with --approve-with-recovery-key the recovery key holder approves it "
        "instead (the first handler of a new scheme): the key is read from standard input and "
        "--code is the code the designated person sees after unlocking."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--username", required=True)
        parser.add_argument("--investigator", action="store_true", help="limited view only")
        parser.add_argument("--revoke", action="store_true")
        parser.add_argument("--reset-keys", action="store_true")
        parser.add_argument("--approve-with-recovery-key", action="store_true")
        parser.add_argument("--code", default="", help="the designated person's approval code")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user is called {options['username']!r}.")
        handler = Handler.objects.filter(user=user, municipality=municipality).first()
        if options["revoke"] or options["reset_keys"] or options["approve_with_recovery_key"]:
            if handler is None or not handler.is_active:
                raise CommandError("The user is not designated in this municipality.")
            if options["approve_with_recovery_key"]:
                self._approve(handler, options["code"])
            elif options["revoke"]:
                services.handler_revoke(actor=None, handler=handler)
                self.stdout.write(f"{municipality.slug}: {user.username} is no longer designated.")
            else:
                services.handler_reset_keys(actor=None, handler=handler)
                self.stdout.write(f"{municipality.slug}: keys reset for {user.username}.")
            return
        role = HandlerRole.INVESTIGATOR if options["investigator"] else HandlerRole.HANDLER
        services.handler_designate(actor=None, municipality=municipality, user=user, role=role)
        self.stdout.write(
            f"{municipality.slug}: {user.username} designated as {role}, pending approval."
        )

    def _approve(self, handler: Handler, code: str) -> None:
        if not code:
            raise CommandError("Give --code: the code the designated person sees.")
        try:
            key = bytes.fromhex(sys.stdin.readline().strip())
        except ValueError:
            raise CommandError("The recovery key must be 64 hexadecimal characters.") from None
        try:
            count = services.handler_approve_with_recovery(
                designee=handler, code=code, recovery_private_key=key
            )
        except nacl.exceptions.CryptoError:
            raise CommandError("The recovery key does not fit this municipality.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{handler.municipality.slug}: {handler.user.username} approved; "
            f"{count} report keys granted."
        )
