from django.apps import AppConfig


class GkvConfig(AppConfig):
    name = "koppel.las.gkv"
    label = "gkv"
    verbose_name = "Generiek koppelvlak (GKV)"
