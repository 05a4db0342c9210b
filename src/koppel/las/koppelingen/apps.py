from django.apps import AppConfig


class KoppelingenConfig(AppConfig):
    name = "koppel.las.koppelingen"
    label = "koppelingen"
    verbose_name = "Koppelingen"
