"""Verzorgers (parents, guardians) of pupils, their addresses and the pupil–verzorger relation.

An address or telephone number can be secret (``geheim``): staff of the school see it marked as
such, and the GKV never sends it to a partner. A verzorger belongs to one school and can be related
to several pupils (brothers and sisters), each relation with its own kind and legal authority.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from koppel.las.leerlingdossier.codes import RELATIES
from koppel.las.school.models import Leerling, School

postcode_validator = RegexValidator(
    r"^\d{4} ?[A-Z]{2}$", "Een postcode is vier cijfers en twee hoofdletters, zoals 1234 AB."
)


class Adres(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="adressen")
    straat = models.CharField(max_length=200)
    huisnummer = models.CharField(max_length=16)
    postcode = models.CharField(max_length=7, blank=True, validators=[postcode_validator])
    plaats = models.CharField(max_length=100)
    gemeente = models.CharField(max_length=100, blank=True)
    land = models.CharField(max_length=100, default="Nederland")
    geheim = models.BooleanField(default=False)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "adressen"

    def __str__(self) -> str:
        return f"{self.straat} {self.huisnummer}, {self.postcode} {self.plaats}".strip()


class Verzorger(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="verzorgers")
    key = models.CharField(max_length=256)
    achternaam = models.CharField(max_length=200)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    voorletters = models.CharField(max_length=6, blank=True)
    roepnaam = models.CharField(max_length=64, blank=True)
    emailadres = models.EmailField(max_length=256, blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    telefoon_geheim = models.BooleanField(default=False)
    adres = models.ForeignKey(
        Adres, on_delete=models.SET_NULL, null=True, blank=True, related_name="verzorgers"
    )
    leerlingen = models.ManyToManyField(
        Leerling, through="LeerlingVerzorger", related_name="verzorgers"
    )
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "verzorgers"
        constraints = [
            models.UniqueConstraint(fields=["school", "key"], name="verzorger_key_uniek")
        ]

    def __str__(self) -> str:
        naam = self.roepnaam or self.voorletters
        return " ".join(p for p in (naam, self.voorvoegsel, self.achternaam) if p)


class LeerlingVerzorger(models.Model):
    """How a verzorger relates to a pupil; ``volgorde`` 1 is the first contact."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="relaties")
    verzorger = models.ForeignKey(Verzorger, on_delete=models.CASCADE, related_name="relaties")
    relatie = models.CharField(max_length=16, choices=RELATIES)
    wettelijk_gezag = models.BooleanField(default=True)
    volgorde = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name_plural = "leerling-verzorgerrelaties"
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "verzorger"], name="leerling_verzorger_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_relatie_display()} van leerling {self.leerling_id}"
