"""Results received over BrengLeerresultaten, with the definitions of the tests they belong to.

A result is stored against the pupil; its ``key`` is unique per partner and school, so a resend of
the same result replaces it instead of adding a second one.
"""

from __future__ import annotations

from django.db import models

from koppel.las.koppelingen.models import Koppelpartner
from koppel.las.school.models import Leerling, School


class Toets(models.Model):
    """A test definition as the partner last sent it (``ctpToets``); normeringen kept as JSON."""

    partner = models.ForeignKey(Koppelpartner, on_delete=models.PROTECT, related_name="toetsen")
    toetscode = models.CharField(max_length=256)
    toetsnaam = models.CharField(max_length=128, blank=True)
    versie = models.CharField(max_length=256, blank=True)
    leerjaar = models.CharField(max_length=256, blank=True)
    vakgebied = models.CharField(max_length=256, blank=True)
    definitie = models.JSONField(help_text="De volledige toetsdefinitie zoals ontvangen.")
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "toetsen"
        constraints = [
            models.UniqueConstraint(fields=["partner", "toetscode"], name="toets_per_partner")
        ]

    def __str__(self) -> str:
        return self.toetsnaam or self.toetscode


class Resultaat(models.Model):
    partner = models.ForeignKey(Koppelpartner, on_delete=models.PROTECT, related_name="resultaten")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="resultaten")
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="resultaten")
    toets = models.ForeignKey(Toets, on_delete=models.PROTECT, related_name="resultaten")
    key = models.CharField(max_length=256)
    toetsonderdeelcode = models.CharField(max_length=256, blank=True)
    afnamedatum = models.DateField()
    score = models.PositiveIntegerField(null=True, blank=True)
    uitslag = models.JSONField(null=True, blank=True, help_text="OSO- of ander resultaat.")
    infourl = models.CharField(max_length=256, blank=True)
    resultaatverwerkerid = models.CharField(max_length=256, blank=True)
    ontvangen_op = models.DateTimeField()
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "resultaten"
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "school", "key"], name="resultaat_key_per_partner_school"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.toets})"
