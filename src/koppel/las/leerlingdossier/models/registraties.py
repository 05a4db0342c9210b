"""What teachers record day by day: absences, and the raw scores of method tests.

A score is kept exactly as the teacher typed it (``ruwe_score``, e.g. ``17`` or ``7,5``): the LAS
never computes or converts it, and the GKV delivers only these raw scores.
"""

from __future__ import annotations

from django.db import models

from koppel.las.leerlingdossier.codes import ABSENTIESOORTEN, DAGDELEN, VAKGEBIEDEN
from koppel.las.school.models import Leerling, School


class Absentie(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="absenties")
    datum = models.DateField()
    dagdeel = models.CharField(max_length=8, choices=DAGDELEN, default="dag")
    soort = models.CharField(max_length=16, choices=ABSENTIESOORTEN)
    opmerking = models.CharField(max_length=200, blank=True)
    ingevoerd_door = models.CharField(max_length=200, blank=True)
    ingevoerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "absenties"
        ordering = ["datum", "dagdeel", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "datum", "dagdeel"], name="absentie_per_dagdeel_uniek"
            )
        ]
        indexes = [models.Index(fields=["leerling", "datum"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} op {self.datum:%d-%m-%Y}"


class Methodetoets(models.Model):
    """A test of a teaching method (e.g. a block test of a maths method) the school uses."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="methodetoetsen")
    methode = models.CharField(max_length=100)
    naam = models.CharField(max_length=200)
    vakgebied = models.CharField(max_length=20, choices=VAKGEBIEDEN)
    maximumscore = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name_plural = "methodetoetsen"
        ordering = ["vakgebied", "methode", "naam", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "methode", "naam"], name="methodetoets_naam_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.methode}: {self.naam}"


class MethodetoetsScore(models.Model):
    toets = models.ForeignKey(Methodetoets, on_delete=models.CASCADE, related_name="scores")
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="toetsscores")
    datum = models.DateField()
    ruwe_score = models.CharField(max_length=10)
    ingevoerd_door = models.CharField(max_length=200, blank=True)
    ingevoerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "methodetoetsscores"
        ordering = ["datum", "pk"]
        indexes = [models.Index(fields=["leerling", "datum"])]

    def __str__(self) -> str:
        return f"{self.ruwe_score} op {self.datum:%d-%m-%Y}"
