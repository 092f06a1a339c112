from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "ombud.records"
    label = "records"

    def ready(self) -> None:
        from ombud.core.jobs import jobs_add
        from ombud.records.jobs import JOBS

        jobs_add(*JOBS)

        from ombud.core.today import today_add
        from ombud.records.today import PANELS as TODAY_PANELS

        today_add(*TODAY_PANELS)
