"""Who may do what in the test centre: a user's role at one school (klant), and our own staff.

**beheerder** (the school's admin: couples with the LAS, imports), **leerkracht** (a teacher,
linked to a :class:`~koppel.ea.klanten.models.Leerkracht`), and **klantenservice** (the test
centre's staff, the Django group :data:`KLANTENSERVICE`: approves couplings).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from koppel.ea.klanten.models import Klant

BEHEERDER = "beheerder"
LEERKRACHT = "leerkracht"
ROLLEN = [(BEHEERDER, "Beheerder"), (LEERKRACHT, "Leerkracht")]
KLANTENSERVICE = "Klantenservice"


class Rol(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ea_rollen"
    )
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="rollen")
    rol = models.CharField(max_length=16, choices=ROLLEN)

    class Meta:
        verbose_name_plural = "rollen"
        ordering = ["klant__naam"]
        constraints = [models.UniqueConstraint(fields=["user", "klant"], name="ea_rol_per_klant")]

    def __str__(self) -> str:
        return f"{self.user} – {self.klant} ({self.get_rol_display()})"

    @property
    def is_beheerder(self) -> bool:
        return self.rol == BEHEERDER
