import getpass
import os
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ombud.accounts.commands import MunicipalityCommand
from ombud.whistleblower import crypto, services
from ombud.whistleblower.models import Scheme

NOTHING_CHANGED = gettext_noop("Nothing was changed.")


def _parse_key(raw: str) -> bytes:
    try:
        key = bytes.fromhex(raw.strip())
    except ValueError:
        key = b""
    if len(key) != crypto.KEY_SIZE:
        raise CommandError(
            _("The old recovery key must be 64 hexadecimal characters.") + " " + _(NOTHING_CHANGED)
        )
    return key


def _write_new_key(path: Path, private_key_hex: str) -> None:
    """Create the file readable by its owner only; never overwrite one (it may hold the only
    copy of an earlier key)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(private_key_hex + "\n")
        handle.flush()
        os.fsync(handle.fileno())


class Command(MunicipalityCommand):
    help = (
        "Rotate the scheme's recovery (escrow) key: every report's escrow copies are opened with "
        "the old recovery private key and sealed to a new key pair, and the scheme switches to "
        "the new public key, all in one transaction. If the old key does not open every report, "
        "nothing changes. The old key is read from --old-key-file or standard input, never from "
        "the command line. The new private key is written to --new-key-file (created with mode "
        "0600, never overwritten) or printed once. See docs/whistleblower.md for the procedure."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--old-key-file",
            type=Path,
            help="file holding the current recovery private key (default: standard input)",
        )
        parser.add_argument(
            "--new-key-file",
            type=Path,
            help="file to create for the new recovery private key (default: print it once)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        if not Scheme.objects.filter(municipality=municipality).exists():
            raise CommandError(_("The whistleblower scheme is not set up in this municipality."))
        # call_command() passes option values without argparse's type conversion.
        old_file = Path(options["old_key_file"]) if options["old_key_file"] else None
        new_file = Path(options["new_key_file"]) if options["new_key_file"] else None
        old_key = _parse_key(self._read_old_key(old_file))
        pair = crypto.new_key_pair()
        if new_file is not None:
            self._create_key_file(new_file, pair.private.hex())
        try:
            rotation = services.recovery_key_rotate(
                actor=None, municipality=municipality, old_private_key=old_key, new_key_pair=pair
            )
        except services.RecoveryKeyError as error:
            if new_file is not None:
                new_file.unlink(missing_ok=True)
            raise CommandError(self._refusal(error)) from None
        except BaseException:
            # Whatever went wrong, the transaction was rolled back: the new key is worthless.
            if new_file is not None:
                new_file.unlink(missing_ok=True)
            raise
        if new_file is None:
            self.stdout.write(
                "NEW RECOVERY PRIVATE KEY (shown once, store offline with a second person):"
            )
            self.stdout.write(rotation.private_key_hex)
        else:
            self.stdout.write(_("The new recovery private key was written to %s.") % new_file)
        self.stdout.write(
            # Not ngettext: `make messages` does not merge plural translations from the parts.
            _("%(slug)s: recovery key rotated; reports re-sealed: %(count)d.")
            % {"slug": municipality.slug, "count": rotation.reports}
        )

    def _read_old_key(self, path: Path | None) -> str:
        if path is None:
            if sys.stdin.isatty():  # typed or pasted by hand: do not echo it on the screen
                return getpass.getpass("Old recovery key: ")
            return sys.stdin.readline()
        try:
            return path.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            raise CommandError(
                _("The file %s cannot be read.") % path + " " + _(NOTHING_CHANGED)
            ) from None

    def _create_key_file(self, path: Path, private_key_hex: str) -> None:
        try:
            _write_new_key(path, private_key_hex)
        except FileExistsError:
            raise CommandError(
                _("The file %s already exists; choose a new file name.") % path
                + " "
                + _(NOTHING_CHANGED)
            ) from None
        except OSError:
            raise CommandError(
                _("The file %s cannot be created.") % path + " " + _(NOTHING_CHANGED)
            ) from None

    def _refusal(self, error: services.RecoveryKeyError) -> str:
        if error.reference:
            return _(
                "The old recovery key does not open report %(reference)s. Nothing was changed."
            ) % {"reference": error.reference}
        return _(
            "The old recovery key is not this municipality's current recovery key. Nothing was "
            "changed."
        )
