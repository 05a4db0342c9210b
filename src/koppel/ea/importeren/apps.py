from django.apps import AppConfig


class ImporterenConfig(AppConfig):
    name = "koppel.ea.importeren"
    label = "ea_importeren"
