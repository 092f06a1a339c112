from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ombud.core"
    label = "core"

    def ready(self) -> None:
        from ombud.core import sqlite_unicode

        sqlite_unicode.install()
