from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "ombud.sso"
    label = "sso"
    verbose_name = "Single sign-on"
