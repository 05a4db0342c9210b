from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "koppel.las.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en rollen"
