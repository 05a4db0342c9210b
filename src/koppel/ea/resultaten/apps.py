from django.apps import AppConfig


class ResultatenConfig(AppConfig):
    name = "koppel.ea.resultaten"
    label = "ea_resultaten"
    verbose_name = "Resultaten"
