from django.apps import AppConfig


class TakenConfig(AppConfig):
    name = "koppel.ea.taken"
    label = "ea_taken"
    verbose_name = "Achtergrondtaken"
