"""`ombud backup FILE`: the database and the uploaded files, with a manifest, never the keys."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ombud.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the installation to FILE (a tar file, created anew, readable by its owner "
        "only): the database (pg_dump, or SQLite's backup API while the site runs), the "
        "uploaded files and a manifest. The keys are not included: keep SECRET_KEY and "
        "FIELD_ENCRYPTION_KEY apart (docs/deployment.md)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_create(Path(options["file"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"backup: {options['file']} ({manifest['engine']}, "
            f"{manifest['media_files']} uploaded files)"
        )
