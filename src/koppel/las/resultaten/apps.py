from django.apps import AppConfig


class ResultatenConfig(AppConfig):
    name = "koppel.las.resultaten"
    label = "resultaten"
    verbose_name = "Resultaten"
