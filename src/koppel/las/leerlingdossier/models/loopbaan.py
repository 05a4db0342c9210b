"""A pupil's loopbaan: inschrijvingen, groepsindelingen over the school years, uitstroom, and
LGF/arrangements.

``Leerling.groep`` and ``Leerling.jaargroep`` stay the current placement that UWLR sends;
``Groepsindeling`` is the history beside it. A past year's group no longer exists as a ``Groep``,
so each row keeps the group's name (``groepnaam``) and links the ``Groep`` only while it exists.
"""

from __future__ import annotations

from django.db import models

from koppel.las.leerlingdossier.codes import (
    ARRANGEMENTSOORTEN,
    BESTEMMINGEN,
    INSCHRIJVINGTYPES,
    SCHOOLADVIEZEN,
)
from koppel.las.school.codes import JAARGROEPEN
from koppel.las.school.models import Groep, Leerling, schooljaar_validator


class Inschrijving(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="inschrijvingen")
    datum_inschrijving = models.DateField()
    datum_uitschrijving = models.DateField(null=True, blank=True)
    soort = models.CharField(max_length=8, choices=INSCHRIJVINGTYPES, default="NIEUW")
    school_van_herkomst = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "inschrijvingen"
        ordering = ["datum_inschrijving", "pk"]

    def __str__(self) -> str:
        return f"Inschrijving per {self.datum_inschrijving:%d-%m-%Y}"


class Groepsindeling(models.Model):
    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="groepsindelingen"
    )
    groep = models.ForeignKey(
        Groep, on_delete=models.SET_NULL, null=True, blank=True, related_name="indelingen"
    )
    groepnaam = models.CharField(max_length=64)
    schooljaar = models.CharField(max_length=9, validators=[schooljaar_validator])
    vanaf = models.DateField()
    tot = models.DateField(null=True, blank=True)
    jaargroep = models.CharField(max_length=2, choices=JAARGROEPEN)

    class Meta:
        verbose_name_plural = "groepsindelingen"
        ordering = ["vanaf", "pk"]
        indexes = [models.Index(fields=["leerling", "vanaf"])]

    def __str__(self) -> str:
        return f"{self.groepnaam} ({self.schooljaar})"


class Uitstroom(models.Model):
    leerling = models.OneToOneField(Leerling, on_delete=models.CASCADE, related_name="uitstroom")
    datum = models.DateField()
    bestemming = models.CharField(max_length=16, choices=BESTEMMINGEN, default="vo")
    schooladvies = models.CharField(max_length=16, choices=SCHOOLADVIEZEN, blank=True)
    school_van_bestemming = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "uitstromen"

    def __str__(self) -> str:
        return f"Uitstroom per {self.datum:%d-%m-%Y}"


class Arrangement(models.Model):
    """LGF ("rugzak") or an arrangement of passend onderwijs."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="arrangementen")
    soort = models.CharField(max_length=16, choices=ARRANGEMENTSOORTEN)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    omschrijving = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "arrangementen"
        ordering = ["begindatum", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} vanaf {self.begindatum:%d-%m-%Y}"
