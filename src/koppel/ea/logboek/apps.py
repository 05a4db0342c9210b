from django.apps import AppConfig


class LogboekConfig(AppConfig):
    name = "koppel.ea.logboek"
    label = "logboek"
    verbose_name = "Logboek"
