"""A stored import plan: what the review screen shows and the beheerder decides, row by row; and
the log of the nightly sync (:class:`Synchronisatie`).

The plan is saved after every decision, so a browser closed halfway loses nothing; running it
applies it in one transaction. ``plan`` holds the rows per kind (see
:mod:`koppel.ea.importeren.planning`), ``kop`` the header (schooljaar, brincode, ...). Each run
of :func:`koppel.ea.importeren.sync.synchroniseer` is one :class:`Synchronisatie` row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling.models import LasKoppeling

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


# uitkomst of a Synchronisatie
BEZIG = "bezig"
GEEN_WIJZIGINGEN = "geen_wijzigingen"
AUTOMATISCH_VERWERKT = "automatisch_verwerkt"
WACHT_OP_BEHEERDER = "wacht_op_beheerder"
MISLUKT = "mislukt"
UITKOMSTEN = [
    (BEZIG, "Bezig"),
    (GEEN_WIJZIGINGEN, "Geen wijzigingen"),
    (AUTOMATISCH_VERWERKT, "Automatisch verwerkt"),
    (WACHT_OP_BEHEERDER, "Wacht op beheerder"),
    (MISLUKT, "Mislukt"),
]
GELUKT = (GEEN_WIJZIGINGEN, AUTOMATISCH_VERWERKT, WACHT_OP_BEHEERDER)


class Synchronisatie(models.Model):
    """One sync of a coupling: nightly (``door`` empty) or "Nu synchroniseren" by a beheerder.

    ``grondslag`` names what was fetched (type, BRIN, vestiging, schooljaar): the coupling's
    ``laatst_opgehaald_op`` is only sent as ``laatstontvangengegevens`` for the same grondslag.
    ``samenvatting`` holds what was applied (automatisch) or why the beheerder must decide.
    """

    koppeling = models.ForeignKey(
        LasKoppeling, on_delete=models.CASCADE, related_name="synchronisaties"
    )
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="synchronisaties")
    gestart_op = models.DateTimeField()
    klaar_op = models.DateTimeField(null=True, blank=True)
    uitkomst = models.CharField(max_length=24, choices=UITKOMSTEN, default=BEZIG)
    melding = models.TextField(blank=True)
    samenvatting = models.JSONField(null=True, blank=True)
    grondslag = models.CharField(max_length=64, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "synchronisaties"
        ordering = ["-gestart_op", "-pk"]
        indexes = [models.Index(fields=["koppeling", "-gestart_op"])]

    def __str__(self) -> str:
        return f"{self.uitkomst} (koppeling {self.koppeling_id}, {self.gestart_op:%Y-%m-%d %H:%M})"

    @property
    def tekst(self) -> str:
        """Uitkomst and melding in one line: ``"Wacht op beheerder: 1 nieuwe leerling. ..."``."""
        return f"{self.get_uitkomst_display()}: {self.melding}"
