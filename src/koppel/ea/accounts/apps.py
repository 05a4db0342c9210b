from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "koppel.ea.accounts"
    label = "ea_accounts"
