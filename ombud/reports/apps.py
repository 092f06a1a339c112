from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ombud.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ombud.core.jobs import jobs_add
        from ombud.reports.jobs import JOBS

        jobs_add(*JOBS)

        from ombud.core.today import today_add
        from ombud.reports.today import PANELS as TODAY_PANELS

        today_add(*TODAY_PANELS)
