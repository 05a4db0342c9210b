from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "koppel.common.web"
    label = "koppel_web"
    verbose_name = "Gedeelde weblaag"
