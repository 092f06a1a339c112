import getpass
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from ombud.accounts.commands import MunicipalityCommand
from ombud.accounts.models import Role, User
from ombud.accounts.services import membership_grant, user_create


class Command(MunicipalityCommand):
    help = (
        "Create a staff user (or reuse an existing one) and give them a role in a municipality. "
        "The password is asked for, or read from the OMBUD_NEW_PASSWORD environment variable."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--name", default="", help="full name")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        user = User.objects.filter(username=options["username"]).first()
        with transaction.atomic():
            if user is None:
                password = self._password()
                user = user_create(
                    username=options["username"],
                    password=password,
                    full_name=options["name"],
                    email=options["email"],
                )
            membership_grant(actor=None, user=user, municipality=municipality, role=options["role"])
        self.stdout.write(
            _(
                "%(user)s is now %(role)s in %(municipality)s. Two-factor login is set up at the "
                "first login where the role requires it."
            )
            % {
                "user": user.username,
                "role": Role(options["role"]).label,
                "municipality": municipality.name,
            }
        )

    def _password(self) -> str:
        import os

        password = os.environ.get("OMBUD_NEW_PASSWORD") or getpass.getpass(_("Password: "))
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
