"""Base class for management commands that act on one municipality."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.utils import OperationalError, ProgrammingError
from django.utils import translation
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality


class MunicipalityCommand(BaseCommand):
    """Adds `--municipality SLUG`, resolves it, and speaks the project's default language."""

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--municipality", required=True, metavar="SLUG", help="the municipality's short name"
        )

    def execute(self, *args: Any, **options: Any) -> Any:
        with translation.override(options.pop("language", None) or "da"):
            try:
                return super().execute(*args, **options)
            except (OperationalError, ProgrammingError) as error:
                # A database that is missing, unreachable or not migrated: say so in a sentence
                # rather than with a traceback. The detail helps the administrator.
                raise CommandError(
                    _(
                        "The database cannot be used (%(detail)s). Check DATABASE_URL and run "
                        "'ombud migrate'."
                    )
                    % {"detail": str(error).splitlines()[0]}
                ) from None

    def get_municipality(self, slug: str) -> Municipality:
        try:
            return Municipality.objects.get(slug=slug)
        except Municipality.DoesNotExist:
            known = ", ".join(Municipality.objects.values_list("slug", flat=True)) or "-"
            raise CommandError(
                _("No municipality is called '%(slug)s'. Known municipalities: %(known)s.")
                % {"slug": slug, "known": known}
            ) from None
