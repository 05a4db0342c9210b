from django.apps import AppConfig


class LogboekConfig(AppConfig):
    name = "koppel.las.logboek"
    label = "logboek"
    verbose_name = "Logboek"
