from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "ombud.stats"
    label = "stats"
