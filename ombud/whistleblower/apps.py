from django.apps import AppConfig


class WhistleblowerConfig(AppConfig):
    name = "ombud.whistleblower"
    label = "whistleblower"
    verbose_name = "Whistleblower scheme"
