from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "koppel.las.portal"
    label = "portal"
    verbose_name = "Portaal"
