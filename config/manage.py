"""The `ombud` command: Django's manage.py, installed as a console script."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    from config.env import ConfigurationError

    try:
        execute_from_command_line(sys.argv)
    except ConfigurationError as error:
        # A missing or bad setting is the operator's to fix: say which, without a traceback.
        sys.stderr.write(f"ombud: {error}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
