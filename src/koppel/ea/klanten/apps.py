from django.apps import AppConfig


class KlantenConfig(AppConfig):
    name = "koppel.ea.klanten"
    label = "ea_klanten"
