from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ombud.cases"
    label = "cases"

    def ready(self) -> None:
        from ombud.cases import receivers  # noqa: F401 - connects the receivers
        from ombud.cases.today import PANELS as TODAY_PANELS
        from ombud.core.today import today_add

        today_add(*TODAY_PANELS)
