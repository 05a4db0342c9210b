from django.apps import AppConfig


class KoppelingConfig(AppConfig):
    name = "koppel.ea.koppeling"
    label = "ea_koppeling"
