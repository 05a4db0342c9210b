from django.apps import AppConfig


class SchoolConfig(AppConfig):
    name = "koppel.las.school"
    label = "school"
    verbose_name = "School"
