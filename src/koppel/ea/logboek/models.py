"""The audit trail of the test centre: who did what for a school, and when (AVG: a school can see
who imported its pupils, entered scores, made results final or changed its coupling).

A :class:`Gebeurtenis` is written in the same transaction as the action it records and is never
changed or deleted by the code (:meth:`Gebeurtenis.save` refuses an update, :meth:`delete`
refuses). The ``omschrijving`` names what happened and to whom, never a key, a log-in code or a
password.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from koppel.common.alleen_toevoegen import AlleenToevoegenModel
from koppel.ea.klanten.models import Klant

SYSTEEM = "systeem"  # ``door`` of an action outside the web pages (CLI, scripts)
SYNCHRONISATIE = "nachtelijke synchronisatie"  # ``door`` of the sync's own import

AANVRAAG_INGEDIEND = "aanvraag-ingediend"
AANVRAAG_GOEDGEKEURD = "aanvraag-goedgekeurd"
AANVRAAG_AFGEWEZEN = "aanvraag-afgewezen"
KOPPELING_OPGESLAGEN = "koppeling-opgeslagen"
KOPPELING_GOEDGEKEURD = "koppeling-goedgekeurd"
KOPPELING_AFGEWEZEN = "koppeling-afgewezen"
IMPORT_UITGEVOERD = "import-uitgevoerd"
IMPORT_AFGEBROKEN = "import-afgebroken"
UITNODIGING_OPNIEUW = "uitnodiging-opnieuw"
LEERLINGEN_UITGENODIGD = "leerlingen-uitgenodigd"
SCORE_INGEVOERD = "score-ingevoerd"
RESULTATEN_DEFINITIEF = "resultaten-definitief"
RESULTATEN_OPNIEUW = "resultaten-opnieuw"

SOORTEN = [
    (AANVRAAG_INGEDIEND, "UWLR-koppeling aangevraagd"),
    (AANVRAAG_GOEDGEKEURD, "UWLR-koppeling goedgekeurd"),
    (AANVRAAG_AFGEWEZEN, "UWLR-koppeling afgewezen"),
    (KOPPELING_OPGESLAGEN, "Koppeling met LAS opgeslagen"),
    (KOPPELING_GOEDGEKEURD, "Koppeling met LAS goedgekeurd"),
    (KOPPELING_AFGEWEZEN, "Koppeling met LAS afgewezen"),
    (IMPORT_UITGEVOERD, "Gegevens geïmporteerd"),
    (IMPORT_AFGEBROKEN, "Import afgebroken"),
    (UITNODIGING_OPNIEUW, "Uitnodiging opnieuw gestuurd"),
    (LEERLINGEN_UITGENODIGD, "Leerlingen uitgenodigd voor een toets"),
    (SCORE_INGEVOERD, "Score ingevoerd"),
    (RESULTATEN_DEFINITIEF, "Resultaten definitief gemaakt"),
    (RESULTATEN_OPNIEUW, "Resultaten opnieuw verstuurd"),
]


class Gebeurtenis(AlleenToevoegenModel):
    """One action for a school, with who took it and when."""

    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="gebeurtenissen")
    door = models.CharField(max_length=200)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField()
    soort = models.CharField(max_length=32, choices=SOORTEN)
    omschrijving = models.CharField(max_length=500)

    class Meta:
        verbose_name_plural = "gebeurtenissen"
        ordering = ["-op", "-pk"]
        indexes = [models.Index(fields=["klant", "op"], name="gebeurtenis_klant_op")]

    def __str__(self) -> str:
        return f"{self.op:%Y-%m-%d %H:%M} {self.door}: {self.get_soort_display()}"
