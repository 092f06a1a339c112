from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ombud.portal"
    label = "portal"

    def ready(self) -> None:
        from ombud.core.jobs import jobs_add
        from ombud.portal.jobs import JOBS

        jobs_add(*JOBS)

        from ombud.core.today import today_add
        from ombud.portal.today import PANELS as TODAY_PANELS

        today_add(*TODAY_PANELS)
