"""Partner onboarding: applications for a coupling (``Aanvraag``) and partners' own log-ins.

An approved application creates the :class:`~koppel.las.koppelingen.models.Koppelpartner` with
its klantnaam, klantcode and rights, and a :class:`Partneraccount` for the applicant.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from koppel.las.koppelingen.models import RECHTEN, Koppelpartner

INGEDIEND = "ingediend"
GOEDGEKEURD = "goedgekeurd"
AFGEWEZEN = "afgewezen"
STATUSSEN = [(INGEDIEND, "Ingediend"), (GOEDGEKEURD, "Goedgekeurd"), (AFGEWEZEN, "Afgewezen")]


class Aanvraag(models.Model):
    """A prospective partner's application ("Aanvraagformulier koppelingen")."""

    organisatie = models.CharField(max_length=200)
    contactpersoon = models.CharField(max_length=200)
    emailadres = models.EmailField(max_length=254)
    telefoonnummer = models.CharField(max_length=32, blank=True)
    soorten = models.JSONField(help_text=f"Gevraagde koppelingen, uit {[r for r, _ in RECHTEN]}.")
    gegevensset = models.TextField(help_text="Welke gegevens de partner wil ontvangen.")
    doel = models.TextField(help_text="Waarvoor de partner de gegevens gebruikt.")
    status = models.CharField(max_length=16, choices=STATUSSEN, default=INGEDIEND)
    ingediend_op = models.DateTimeField()
    behandeld_op = models.DateTimeField(null=True, blank=True)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    reden = models.TextField(blank=True, help_text="Toelichting bij een afwijzing.")
    partner = models.ForeignKey(
        Koppelpartner, on_delete=models.SET_NULL, null=True, blank=True, related_name="aanvragen"
    )

    class Meta:
        verbose_name_plural = "aanvragen"
        ordering = ["-ingediend_op"]

    def __str__(self) -> str:
        return f"{self.organisatie} ({self.get_status_display()})"


class Partneraccount(models.Model):
    """Links a log-in to the partner it acts for (suggesting couplings to schools)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partneraccount"
    )
    partner = models.ForeignKey(Koppelpartner, on_delete=models.CASCADE, related_name="accounts")

    class Meta:
        verbose_name_plural = "partneraccounts"

    def __str__(self) -> str:
        return f"{self.user} ({self.partner})"
