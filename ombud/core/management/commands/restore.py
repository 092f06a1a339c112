"""`ombud restore FILE`: a backup into a new, empty database and upload folder."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ombud.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `ombud backup` into the empty database in DATABASE_URL and "
        "an empty upload folder (refuses anything else). Set the installation's own "
        "SECRET_KEY and FIELD_ENCRYPTION_KEY first; then run `ombud migrate` for a newer "
        "version. Steps in docs/deployment.md."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_restore(Path(options["file"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restore: {options['file']} from {manifest['created_at']} "
            f"({manifest['media_files']} uploaded files)"
        )
