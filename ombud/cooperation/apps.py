from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "ombud.cooperation"
    label = "cooperation"

    def ready(self) -> None:
        from ombud.cooperation import receivers  # noqa: F401 - connects the receivers
        from ombud.cooperation.jobs import JOBS
        from ombud.core.jobs import jobs_add

        jobs_add(*JOBS)

        from ombud.cooperation.today import PANELS as TODAY_PANELS
        from ombud.core.today import today_add

        today_add(*TODAY_PANELS)
