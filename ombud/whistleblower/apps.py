from django.apps import AppConfig


class WhistleblowerConfig(AppConfig):
    name = "ombud.whistleblower"
    label = "whistleblower"
    verbose_name = "Whistleblower scheme"

    def ready(self) -> None:
        from ombud.core.jobs import jobs_add
        from ombud.whistleblower import receivers  # noqa: F401 - connects the receivers
        from ombud.whistleblower.jobs import JOBS

        jobs_add(*JOBS)

        from ombud.core.today import today_add
        from ombud.whistleblower.today import PANELS as TODAY_PANELS

        today_add(*TODAY_PANELS)
