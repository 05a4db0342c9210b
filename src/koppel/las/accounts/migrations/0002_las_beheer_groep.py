"""Create the Django group of the LAS vendor's staff (LAS-beheer)."""

from typing import Any

from django.db import migrations

LAS_BEHEER = "LAS-beheer"


def create(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.get_or_create(name=LAS_BEHEER)


def remove(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.filter(name=LAS_BEHEER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
