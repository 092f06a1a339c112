from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ombud.accounts.models import Municipality, Role
from ombud.sso.models import IdentityProvider
from ombud.sso.services import mapping_add, mapping_remove


class Command(BaseCommand):
    help = (
        "Map a provider's group to an Ombud role in a municipality, or --remove the mapping. "
        "Whistleblower handlers are designated in Ombud, never by a group."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("provider")
        parser.add_argument("group")
        parser.add_argument("--municipality", required=True)
        parser.add_argument("--role", choices=Role.values)
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        provider = IdentityProvider.objects.filter(slug=options["provider"]).first()
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if provider is None or municipality is None:
            raise CommandError("Unknown provider or municipality.")
        if options["remove"]:
            count = mapping_remove(
                provider=provider, group=options["group"], municipality=municipality
            )
            self.stdout.write(f"{count} mapping(s) removed.")
            return
        if not options["role"]:
            raise CommandError("--role is required (or --remove).")
        try:
            mapping = mapping_add(
                provider=provider,
                group=options["group"],
                municipality=municipality,
                role=options["role"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(str(mapping))
