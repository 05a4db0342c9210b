from django.apps import AppConfig


class LeerlingdossierConfig(AppConfig):
    name = "koppel.las.leerlingdossier"
    label = "leerlingdossier"
    verbose_name = "Leerlingdossier"
