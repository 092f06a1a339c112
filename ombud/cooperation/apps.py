from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "ombud.cooperation"
    label = "cooperation"
