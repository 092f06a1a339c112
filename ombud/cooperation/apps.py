from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "ombud.cooperation"
    label = "cooperation"

    def ready(self) -> None:
        from ombud.cooperation import receivers  # noqa: F401 - connects the receivers
        from ombud.cooperation.jobs import JOBS
        from ombud.core.jobs import jobs_add

        jobs_add(*JOBS)
