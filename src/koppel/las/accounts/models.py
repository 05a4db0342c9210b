"""Who may do what in the LAS: a user's role per school, and the vendor's own staff.

Users are Django's ``auth.User`` (argon2-hashed passwords). A user's rights in a school come from
one :class:`Schoolrol`: **beheerder** (manages the school and its couplings) or **medewerker**
(a teacher who sees the own groups; ``leerkracht`` links the account to the teacher's record).
The vendor's staff (**LAS-beheer**, who register partners) are members of the Django group
:data:`LAS_BEHEER`; a partner's own log-in is a ``partners.Partneraccount``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from koppel.las.school.models import Leerkracht, School

BEHEERDER = "beheerder"
MEDEWERKER = "medewerker"
ROLLEN = [(BEHEERDER, "Schoolbeheerder"), (MEDEWERKER, "Medewerker")]

LAS_BEHEER = "LAS-beheer"
"""Name of the Django group of the vendor's staff."""


class Schoolrol(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schoolrollen"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="rollen")
    rol = models.CharField(max_length=16, choices=ROLLEN)
    leerkracht = models.ForeignKey(
        Leerkracht, on_delete=models.SET_NULL, null=True, blank=True, related_name="accounts"
    )

    class Meta:
        verbose_name_plural = "schoolrollen"
        ordering = ["school__naam", "school__brincode"]
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="schoolrol_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.school} ({self.get_rol_display()})"

    @property
    def is_beheerder(self) -> bool:
        return self.rol == BEHEERDER
