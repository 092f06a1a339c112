from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ombud.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from ombud.accounts import lockout  # noqa: F401  (connects the failed-login counter)
        from ombud.accounts.jobs import JOBS
        from ombud.core.jobs import jobs_add

        jobs_add(*JOBS)
