"""Single sign-on: "Inloggen met <LAS>", the EA as OpenID Connect relying party of the LASes."""

from django.apps import AppConfig


class EaSsoConfig(AppConfig):
    name = "koppel.ea.sso"
    label = "ea_sso"
    verbose_name = "Inloggen met het LAS"
