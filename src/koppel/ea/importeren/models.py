"""A stored import plan: what the review screen shows and the beheerder decides, row by row.

The plan is saved after every decision, so a browser closed halfway loses nothing; running it
applies it in one transaction. ``plan`` holds the rows per kind (see
:mod:`koppel.ea.importeren.planning`), ``kop`` the header (schooljaar, brincode, ...).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from koppel.ea.klanten.models import Klant

CONCEPT = "concept"
UITGEVOERD = "uitgevoerd"
AFGEBROKEN = "afgebroken"
STATUSSEN = [(CONCEPT, "Concept"), (UITGEVOERD, "Uitgevoerd"), (AFGEBROKEN, "Afgebroken")]


class Importplan(models.Model):
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="importplannen")
    status = models.CharField(max_length=16, choices=STATUSSEN, default=CONCEPT)
    kop = models.JSONField()
    plan = models.JSONField()
    aangemaakt_op = models.DateTimeField()
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uitgevoerd_op = models.DateTimeField(null=True, blank=True)
    samenvatting = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "importplannen"
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["klant"],
                condition=models.Q(status=CONCEPT),
                name="ea_een_concept_per_klant",
            )
        ]

    def __str__(self) -> str:
        return f"Import {self.klant} {self.aangemaakt_op:%Y-%m-%d %H:%M} ({self.status})"
