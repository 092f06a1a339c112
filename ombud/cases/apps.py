from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ombud.cases"
    label = "cases"

    def ready(self) -> None:
        from ombud.cases import receivers  # noqa: F401 - connects the receivers
