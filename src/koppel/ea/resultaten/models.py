"""Final results and their delivery to the school's LAS (the outbox).

A :class:`Resultaat` is written when a teacher finalises a test session (one per toetsonderdeel),
in the same transaction as its :class:`Uitgaand` entry: the outbox row a worker delivers with
``BrengLeerresultaten``. ``key`` is the stable resultaat key the LAS stores each result under, so
delivering twice stores it once. An entry is In wachtrij until the LAS acknowledged it
(Verzonden), or Mislukt when the LAS refused it with a ``Client.*`` fault; a beheerder or
klantenservice can put a failed entry back in the queue. ``geclaimd_tot`` is the lease of the
worker that is delivering it: an entry whose lease ran out is due again, so a worker killed
mid-batch loses nothing.
"""

from __future__ import annotations

from django.db import models

from koppel.ea.klanten.models import Klant, Leerling
from koppel.ea.toetsen.models import Afname, Toetsonderdeel

IN_WACHTRIJ = "wachtrij"
VERZONDEN = "verzonden"
MISLUKT = "mislukt"
STATUSSEN = [(IN_WACHTRIJ, "In wachtrij"), (VERZONDEN, "Verzonden"), (MISLUKT, "Mislukt")]


class Resultaat(models.Model):
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="resultaten")
    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="resultaten")
    afname = models.ForeignKey(Afname, on_delete=models.PROTECT, related_name="resultaten")
    onderdeel = models.ForeignKey(Toetsonderdeel, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(
        max_length=64, unique=True, help_text="De resultaatsleutel voor het LAS."
    )
    afnamedatum = models.DateField()
    ruwe_score = models.PositiveIntegerField()
    norm_term = models.CharField(max_length=32, blank=True)
    aangemaakt_op = models.DateTimeField()

    class Meta:
        verbose_name_plural = "resultaten"
        ordering = ["-aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["afname", "onderdeel"], name="ea_resultaat_per_onderdeel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.onderdeel})"


class Uitgaand(models.Model):
    resultaat = models.OneToOneField(Resultaat, on_delete=models.CASCADE, related_name="uitgaand")
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="uitgaand")
    status = models.CharField(max_length=16, choices=STATUSSEN, default=IN_WACHTRIJ)
    pogingen = models.PositiveIntegerField(default=0)
    volgende_poging_op = models.DateTimeField()
    geclaimd_tot = models.DateTimeField(null=True, blank=True)
    geclaimd_door = models.CharField(max_length=64, blank=True)
    laatste_poging_op = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.TextField(blank=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField()

    class Meta:
        verbose_name = "uitgaand resultaat"
        verbose_name_plural = "uitgaande resultaten"
        ordering = ["volgende_poging_op", "pk"]
        indexes = [models.Index(fields=["status", "volgende_poging_op"])]

    def __str__(self) -> str:
        return f"{self.resultaat.key}: {self.get_status_display()}"
