from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ombud.demo"
    label = "demo"
