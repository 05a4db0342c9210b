from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "koppel.ea.portal"
    label = "ea_portal"
