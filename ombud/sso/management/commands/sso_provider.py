import os
from argparse import ArgumentParser, BooleanOptionalAction
from pathlib import Path
from typing import Any

import requests
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ombud.accounts.models import Municipality
from ombud.sso.models import Protocol
from ombud.sso.oidc import oidc_discover
from ombud.sso.services import provider_save

SECRET_ENV = "OMBUD_SSO_CLIENT_SECRET"  # noqa: S105 (a variable name, not a secret)


class Command(BaseCommand):
    help = (
        "Add or change an identity provider for single sign-on (docs/deployment.md). The OIDC "
        f"client secret is read from the {SECRET_ENV} environment variable (or its _FILE)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--protocol", choices=Protocol.values, default=Protocol.OIDC)
        parser.add_argument("--name", help="shown on the login button")
        parser.add_argument(
            "--municipality", help="only for this municipality (default: the installation)"
        )
        parser.add_argument("--discover", metavar="ISSUER", help="read the OIDC endpoints")
        parser.add_argument("--client-id")
        parser.add_argument("--scopes")
        parser.add_argument("--groups-claim")
        parser.add_argument("--mfa-values", help="space-separated amr/acr values meaning MFA")
        parser.add_argument("--create-users", action=BooleanOptionalAction)
        parser.add_argument("--link-by-email", action=BooleanOptionalAction)
        parser.add_argument("--active", action=BooleanOptionalAction)
        parser.add_argument("--saml-metadata-url", help="fetched now; run again to refresh")
        parser.add_argument("--saml-metadata-file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        fields: dict[str, Any] = {"protocol": options["protocol"]}
        for option, name in [
            ("name", "name"),
            ("client_id", "client_id"),
            ("scopes", "scopes"),
            ("groups_claim", "groups_claim"),
            ("mfa_values", "mfa_values"),
            ("create_users", "create_users"),
            ("link_by_email", "link_by_email"),
            ("active", "is_active"),
            ("saml_metadata_url", "saml_metadata_url"),
        ]:
            if options[option] is not None:
                fields[name] = options[option]
        if options["municipality"]:
            municipality = Municipality.objects.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"No municipality {options['municipality']}.")
            fields["municipality"] = municipality
        if options["saml_metadata_file"]:
            fields["saml_metadata_xml"] = options["saml_metadata_file"].read_text()
        if options["saml_metadata_url"]:
            try:
                response = requests.get(options["saml_metadata_url"], timeout=20)
                response.raise_for_status()
            except requests.RequestException as error:
                raise CommandError(f"The SAML metadata could not be fetched: {error}") from error
            fields["saml_metadata_xml"] = response.text
        if options["discover"]:
            try:
                fields.update(oidc_discover(options["discover"]))
            except Exception as error:  # network, JSON or a wrong issuer: say which
                raise CommandError(f"Discovery failed: {error}") from error
        try:
            provider = provider_save(slug=options["slug"], client_secret=_secret(), **fields)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"{provider.slug}: {provider.name} ({provider.get_protocol_display()})")


def _secret() -> str | None:
    if os.environ.get(f"{SECRET_ENV}_FILE"):
        return Path(os.environ[f"{SECRET_ENV}_FILE"]).read_text().strip()
    return os.environ.get(SECRET_ENV) or None
