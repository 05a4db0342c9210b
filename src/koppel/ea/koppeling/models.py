"""The coupling of a school with its LAS, and the school's request to use UWLR at all.

:class:`UwlrAanvraag` is the manual's "Voorbereiding" ("UWLR-koppeling aanvragen");
:class:`LasKoppeling` is "Beheer → Koppelen met LAS": type, BRIN, vestiging, schooljaar and the
autorisatiesleutel, encrypted at rest (:mod:`koppel.ea.koppeling.crypto`), approved by
klantenservice after a test call.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from koppel.ea.klanten.models import Klant

INGEDIEND = "ingediend"
GOEDGEKEURD = "goedgekeurd"
AFGEWEZEN = "afgewezen"
STATUSSEN = [(INGEDIEND, "Ingediend"), (GOEDGEKEURD, "Goedgekeurd"), (AFGEWEZEN, "Afgewezen")]


class UwlrAanvraag(models.Model):
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="uwlr_aanvragen")
    schoolnaam = models.CharField(max_length=200)
    brincode = models.CharField(max_length=4)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ingediend_op = models.DateTimeField()
    status = models.CharField(max_length=16, choices=STATUSSEN, default=INGEDIEND)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    behandeld_op = models.DateTimeField(null=True, blank=True)
    reden = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "UWLR-aanvragen"
        ordering = ["-ingediend_op"]

    def __str__(self) -> str:
        return f"{self.schoolnaam} ({self.brincode}): {self.get_status_display()}"


class LasKoppeling(models.Model):
    klant = models.OneToOneField(Klant, on_delete=models.CASCADE, related_name="las_koppeling")
    lastype = models.CharField(max_length=32)
    brincode = models.CharField(max_length=4)
    vestigingsnummer = models.CharField(max_length=2, blank=True)
    schooljaar = models.CharField(max_length=9)
    sleutel_versleuteld = models.TextField(editable=False)
    sleutel_eind = models.CharField(
        max_length=4, editable=False, help_text="De laatste tekens, om de sleutel te herkennen."
    )
    status = models.CharField(max_length=16, choices=STATUSSEN, default=INGEDIEND)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangevraagd_op = models.DateTimeField()
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    behandeld_op = models.DateTimeField(null=True, blank=True)
    reden = models.TextField(blank=True)
    laatste_test = models.JSONField(
        null=True, blank=True, help_text="Uitkomst van de laatste testaanroep door klantenservice."
    )
    koppelingsmail_verstuurd_op = models.DateTimeField(null=True, blank=True)
    laatst_opgehaald_op = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Begin van de laatste geslaagde synchronisatie (laatstontvangengegevens).",
    )

    class Meta:
        verbose_name_plural = "LAS-koppelingen"

    def __str__(self) -> str:
        return f"{self.klant} – {self.lastype} ({self.get_status_display()})"
