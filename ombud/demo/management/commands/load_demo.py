from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality
from ombud.demo.services import DEMO_PASSWORD, DemoUser, demo_load


class Command(BaseCommand):
    help = (
        "Load the demo municipalities (Demo Kommune and Nabo Kommune) with users, citizens and "
        "three years of cases. Idempotent: a municipality that already has cases is left alone. "
        "With --if-empty nothing happens when any municipality exists."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing if the database already holds a municipality",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("da"):
            if options["if_empty"] and Municipality.objects.exists():
                self.stdout.write(_("The database already has data; the demo was not loaded."))
                return
            summary = demo_load()
            for slug, count in summary.cases.items():
                self.stdout.write(
                    _("Created %(count)d demo cases in %(slug)s.") % {"count": count, "slug": slug}
                )
            for slug in summary.skipped:
                self.stdout.write(_("%(slug)s already has cases; left as it is.") % {"slug": slug})
            if summary.whistleblower_reports:
                self.stdout.write(
                    _(
                        "Whistleblower scheme opened in Demo Kommune with %(n)d reports; the demo "
                        "advisor is designated handler."
                    )
                    % {"n": summary.whistleblower_reports}
                )
            self._print_logins(summary.users)

    def _print_logins(self, users: list[DemoUser]) -> None:
        self.stdout.write("")
        self.stdout.write(_("Demo logins (password: %(password)s):") % {"password": DEMO_PASSWORD})
        for spec in users:
            roles = ", ".join(
                _("%(role)s in %(municipality)s") % {"role": role.label, "municipality": slug}
                for slug, role in spec.roles.items()
            )
            second = _("two-factor code shown on the login page") if spec.totp else ""
            line = f"  {spec.username:<16} {roles}"
            self.stdout.write(f"{line}  ({second})" if second else line)
