from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ombud.accounts.services import municipality_create


class Command(BaseCommand):
    help = (
        "Create a municipality (tenant) with the Danish default taxonomy. Idempotent: an existing "
        "slug is left as it is."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("slug", help="short name used in URLs and commands, e.g. ishoj")
        parser.add_argument("name", help='the display name, e.g. "Ishøj Kommune"')

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("da"):
            slug, name = options["slug"], options["name"].strip()
            if slugify(slug) != slug:
                raise CommandError(
                    _(
                        "The short name may only contain lower-case letters a-z, digits and "
                        "hyphens, e.g. 'ishoj'."
                    )
                )
            if not name:
                raise CommandError(_("Give the municipality a name."))
            municipality, created = municipality_create(slug=slug, name=name)
            if created:
                self.stdout.write(
                    _("Created municipality %(name)s (%(slug)s).")
                    % {"name": municipality.name, "slug": slug}
                )
            else:
                self.stdout.write(
                    _("Municipality %(slug)s already exists; nothing changed.") % {"slug": slug}
                )
