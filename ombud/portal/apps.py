from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ombud.portal"
    label = "portal"
