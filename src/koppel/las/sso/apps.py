"""Single sign-on: the LAS as OpenID Connect provider for its koppelpartners."""

from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "koppel.las.sso"
    label = "sso"
    verbose_name = "Single sign-on"
