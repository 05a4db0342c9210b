from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "koppel.las.partners"
    label = "partners"
    verbose_name = "Koppelpartners"
