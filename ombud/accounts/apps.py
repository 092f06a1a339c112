from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ombud.accounts"
    label = "accounts"
    verbose_name = "Accounts"
