"""Which koppelpartner an OpenID Connect client belongs to, and a user's consent per client.

The clients themselves are django-oauth-toolkit's ``Application`` (client secret hashed);
:class:`PartnerClient` ties one to its :class:`~koppel.las.koppelingen.models.Koppelpartner`.
A :class:`Toestemming` is the consent a user gave on first use; revoking it (with the user's
tokens and grants) makes the LAS ask again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from oauth2_provider.models import Application

from koppel.las.koppelingen.models import Koppelpartner


class PartnerClient(models.Model):
    """An OpenID Connect client registered for a partner with the SSO right."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="partner_client"
    )
    partner = models.ForeignKey(Koppelpartner, on_delete=models.CASCADE, related_name="clients")
    aangemaakt_op = models.DateTimeField()

    class Meta:
        verbose_name_plural = "partnerclients"

    def __str__(self) -> str:
        return f"{self.partner} ({self.application.client_id})"


class Toestemming(models.Model):
    """A user's consent that a partner's client may sign them in and read their claims."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_toestemmingen"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="toestemmingen"
    )
    gegeven_op = models.DateTimeField()
    laatst_ingelogd_op = models.DateTimeField()

    class Meta:
        verbose_name_plural = "toestemmingen"
        constraints = [
            models.UniqueConstraint(fields=["user", "application"], name="toestemming_per_client")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.application.name}"
