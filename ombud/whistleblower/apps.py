from django.apps import AppConfig


class WhistleblowerConfig(AppConfig):
    name = "ombud.whistleblower"
    label = "whistleblower"
    verbose_name = "Whistleblower scheme"

    def ready(self) -> None:
        from ombud.whistleblower import signals  # noqa: F401 - connects the login receiver
