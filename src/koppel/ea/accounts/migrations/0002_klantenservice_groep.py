"""Create the Django group of the test centre's klantenservice."""

from typing import Any

from django.db import migrations

KLANTENSERVICE = "Klantenservice"


def create(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.get_or_create(name=KLANTENSERVICE)


def remove(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.filter(name=KLANTENSERVICE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ea_accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
