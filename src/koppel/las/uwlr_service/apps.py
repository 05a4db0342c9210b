from django.apps import AppConfig


class UwlrServiceConfig(AppConfig):
    name = "koppel.las.uwlr_service"
    label = "uwlr_service"
    verbose_name = "UWLR-webservices"
