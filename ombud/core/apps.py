from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ombud.core"
    label = "core"

    def ready(self) -> None:
        from ombud.core import checks, sqlite_unicode  # noqa: F401 - checks registers itself

        sqlite_unicode.install()
