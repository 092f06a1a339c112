from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ombud.core"
    label = "core"
