from django.apps import AppConfig


class ToetsenConfig(AppConfig):
    name = "koppel.ea.toetsen"
    label = "ea_toetsen"
    verbose_name = "Toetsen"
