"""The audit trail of what the school's own staff change in the LAS (AVG: who changed what of
which pupil, and when).

A :class:`Wijziging` is written in the same transaction as the change it records and is never
changed or deleted by the code (:meth:`Wijziging.save` refuses an update, :meth:`delete` refuses).
The pupil's name and leerlingnummer are copied, so the entry survives the pupil's removal. The
``omschrijving`` names what changed, never a BSN or the values of secret data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from koppel.common.alleen_toevoegen import AlleenToevoegenModel
from koppel.las.school.models import Leerling, School

SYSTEEM = "systeem"  # ``door`` of a change made outside the web pages (CLI, scripts)

LEERLING_TOEGEVOEGD = "leerling-toegevoegd"
ANDERE_GROEP = "andere-groep"
SAMENGESTELDE_GROEPEN = "samengestelde-groepen"
UITGESCHREVEN = "uitgeschreven"
LEERLING_VERWIJDERD = "leerling-verwijderd"
MEDEWERKER_GROEPEN = "medewerker-groepen"
ABSENTIE = "absentie"
ABSENTIE_VERWIJDERD = "absentie-verwijderd"
TOETSSCORE = "toetsscore"
METHODETOETS = "methodetoets"
VERZORGER_TOEGEVOEGD = "verzorger-toegevoegd"
VERZORGER_GEWIJZIGD = "verzorger-gewijzigd"
VERZORGER_GEKOPPELD = "verzorger-gekoppeld"
VERZORGER_ONTKOPPELD = "verzorger-ontkoppeld"
UITSTROOM = "uitstroom"
UITSTROOM_GEWIST = "uitstroom-gewist"
ARRANGEMENT_TOEGEVOEGD = "arrangement-toegevoegd"
ARRANGEMENT_BEEINDIGD = "arrangement-beeindigd"
ARRANGEMENT_VERWIJDERD = "arrangement-verwijderd"

SOORTEN = [
    (LEERLING_TOEGEVOEGD, "Leerling toegevoegd"),
    (ANDERE_GROEP, "Andere groep"),
    (SAMENGESTELDE_GROEPEN, "Samengestelde groepen gewijzigd"),
    (UITGESCHREVEN, "Leerling uitgeschreven"),
    (LEERLING_VERWIJDERD, "Leerling verwijderd"),
    (MEDEWERKER_GROEPEN, "Groepen van medewerker gewijzigd"),
    (ABSENTIE, "Absentie geregistreerd"),
    (ABSENTIE_VERWIJDERD, "Absentie verwijderd"),
    (TOETSSCORE, "Toetsscore ingevoerd"),
    (METHODETOETS, "Methodetoets toegevoegd"),
    (VERZORGER_TOEGEVOEGD, "Verzorger toegevoegd"),
    (VERZORGER_GEWIJZIGD, "Verzorger gewijzigd"),
    (VERZORGER_GEKOPPELD, "Verzorger gekoppeld"),
    (VERZORGER_ONTKOPPELD, "Verzorger ontkoppeld"),
    (UITSTROOM, "Uitstroom vastgelegd"),
    (UITSTROOM_GEWIST, "Uitstroom gewist"),
    (ARRANGEMENT_TOEGEVOEGD, "LGF/arrangement toegevoegd"),
    (ARRANGEMENT_BEEINDIGD, "LGF/arrangement beëindigd"),
    (ARRANGEMENT_VERWIJDERD, "LGF/arrangement verwijderd"),
]


class Wijziging(AlleenToevoegenModel):
    """One change by the school's staff, with who made it and when."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="wijzigingen")
    leerling = models.ForeignKey(
        Leerling, on_delete=models.SET_NULL, null=True, blank=True, related_name="wijzigingen"
    )
    leerling_naam = models.CharField(max_length=300, blank=True)
    leerling_key = models.CharField(max_length=256, blank=True)
    door = models.CharField(max_length=200)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField()
    soort = models.CharField(max_length=32, choices=SOORTEN)
    omschrijving = models.CharField(max_length=500)

    class Meta:
        verbose_name_plural = "wijzigingen"
        ordering = ["-op", "-pk"]
        indexes = [
            models.Index(fields=["school", "op"], name="wijziging_school_op"),
            models.Index(fields=["leerling", "op"], name="wijziging_leerling_op"),
        ]

    def __str__(self) -> str:
        return f"{self.op:%Y-%m-%d %H:%M} {self.door}: {self.get_soort_display()}"
