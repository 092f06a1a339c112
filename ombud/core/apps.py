from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ombud.core"
    label = "core"

    def ready(self) -> None:
        from ombud.core import checks, sqlite_unicode  # noqa: F401 - checks registers itself
        from ombud.core.jobs import Job, jobs_add
        from ombud.core.outbox import outbox_send

        sqlite_unicode.install()
        # After the other jobs in a round, so it sends what they queued.
        jobs_add(Job("outbox", outbox_send, order=1))
