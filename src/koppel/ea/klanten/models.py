"""The test centre's customers (schools) and their own records: groepen, leerkrachten, leerlingen.

Records may exist before a coupling (entered by hand); an import links them to the LAS's records
by ``las_key`` and ``eckid``. Pupils no longer in the LAS are deactivated (``actief`` off), never
deleted, so their results stay.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

brincode_validator = RegexValidator(
    r"^\d{2}[A-Z]{2}$", "Een BRIN-nummer is twee cijfers en twee hoofdletters, zoals 99XX."
)

JAARGROEPEN = [(str(n), f"Groep {n}") for n in range(1, 9)] + [
    ("S", "Speciaal onderwijs"),
    ("V", "Voortgezet speciaal onderwijs"),
    ("C", "Combinatiegroep"),
]
GESLACHTEN = [("0", "Onbekend"), ("1", "Jongen"), ("2", "Meisje"), ("9", "Niet gespecificeerd")]


class Klant(models.Model):
    """A school using the test centre."""

    naam = models.CharField(max_length=200)
    brincode = models.CharField(max_length=4, validators=[brincode_validator])
    dependancecode = models.CharField(max_length=2, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "klanten"
        constraints = [
            models.UniqueConstraint(fields=["brincode", "dependancecode"], name="klant_brin_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.brincode}{self.dependancecode})"


class Groep(models.Model):
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="groepen")
    naam = models.CharField(max_length=64)
    jaargroep = models.CharField(max_length=2, choices=JAARGROEPEN, blank=True)
    samengesteld = models.BooleanField(default=False)
    las_key = models.CharField(max_length=256, blank=True)
    actief = models.BooleanField(default=True)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "groepen"
        ordering = ["jaargroep", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["klant", "las_key"], condition=~Q(las_key=""), name="ea_groep_las_key"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Leerkracht(models.Model):
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="leerkrachten")
    achternaam = models.CharField(max_length=200)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    voorletters = models.CharField(max_length=6, blank=True)
    roepnaam = models.CharField(max_length=64, blank=True)
    emailadres = models.EmailField(max_length=254, blank=True)
    las_key = models.CharField(max_length=256, blank=True)
    eckid = models.CharField(max_length=256, blank=True)
    groepen = models.ManyToManyField(Groep, blank=True, related_name="leerkrachten")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leerkracht",
    )
    uitgenodigd_op = models.DateTimeField(null=True, blank=True)
    actief = models.BooleanField(default=True)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "leerkrachten"
        ordering = ["achternaam", "roepnaam"]
        constraints = [
            models.UniqueConstraint(
                fields=["klant", "las_key"], condition=~Q(las_key=""), name="ea_leerkracht_las_key"
            )
        ]

    def __str__(self) -> str:
        return " ".join(p for p in (self.roepnaam, self.voorvoegsel, self.achternaam) if p)


class Leerling(models.Model):
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="leerlingen")
    leerlingnummer = models.CharField(max_length=256)
    las_key = models.CharField(max_length=256, blank=True)
    eckid = models.CharField(max_length=256, blank=True)
    achternaam = models.CharField(max_length=200)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    voorletters = models.CharField(max_length=6, blank=True)
    roepnaam = models.CharField(max_length=64)
    geboortedatum = models.DateField(null=True, blank=True)
    geslacht = models.CharField(max_length=1, choices=GESLACHTEN, default="0")
    jaargroep = models.CharField(max_length=2, choices=JAARGROEPEN, blank=True)
    groep = models.ForeignKey(
        Groep, on_delete=models.SET_NULL, null=True, blank=True, related_name="leerlingen"
    )
    samengestelde_groepen = models.ManyToManyField(
        Groep, blank=True, related_name="leden_samengesteld"
    )
    actief = models.BooleanField(default=True)
    gedeactiveerd_op = models.DateTimeField(null=True, blank=True)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "leerlingen"
        ordering = ["achternaam", "roepnaam"]
        constraints = [
            models.UniqueConstraint(
                fields=["klant", "las_key"], condition=~Q(las_key=""), name="ea_leerling_las_key"
            ),
            models.UniqueConstraint(
                fields=["klant", "leerlingnummer"], name="ea_leerling_leerlingnummer"
            ),
        ]

    def __str__(self) -> str:
        return " ".join(p for p in (self.roepnaam, self.voorvoegsel, self.achternaam) if p)
