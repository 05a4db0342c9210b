"""The school's own data: school, vestigingen, groepen, leerlingen and leerkrachten.

Every model carries ``mutatiedatum`` (aware UTC, set on every save and on bulk inserts) so that the
selectors can tell when a school's data last changed (``laatstontvangengegevens``). Keys
(``key``) are the LAS keys sent over UWLR: stable strings, unique per school.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from koppel.las.school.codes import GESLACHTEN, JAARGROEPEN, ROLLEN

brincode_validator = RegexValidator(
    r"^\d{2}[A-Z]{2}$", "Een BRIN-code is twee cijfers en twee hoofdletters."
)
dependancecode_validator = RegexValidator(r"^\d{2}$", "Een dependancecode is twee cijfers.")
schooljaar_validator = RegexValidator(
    r"^[12]\d{3}-[12]\d{3}$", "Een schooljaar ziet eruit als 2026-2027."
)
bsn4_validator = RegexValidator(r"^\d{4}$", "Vier cijfers.")


class School(models.Model):
    naam = models.CharField(max_length=200)
    brincode = models.CharField(max_length=4, validators=[brincode_validator])
    dependancecode = models.CharField(
        max_length=2, default="00", validators=[dependancecode_validator]
    )
    schoolkey = models.CharField(max_length=256, unique=True, null=True, blank=True)
    schooljaar = models.CharField(max_length=9, validators=[schooljaar_validator])
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "scholen"
        constraints = [
            models.UniqueConstraint(
                fields=["brincode", "dependancecode"], name="school_brin_dependance_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.brincode}{self.dependancecode})"


class Vestiging(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="vestigingen")
    key = models.CharField(max_length=256)
    naam = models.CharField(max_length=64)
    omschrijving = models.CharField(max_length=256, blank=True)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "vestigingen"
        constraints = [
            models.UniqueConstraint(fields=["school", "key"], name="vestiging_key_uniek")
        ]
        indexes = [models.Index(fields=["school", "mutatiedatum"])]

    def __str__(self) -> str:
        return self.naam


class Groep(models.Model):
    """A stamgroep; ``jaargroep`` ``C`` is a combination group (pupils keep their own jaargroep)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="groepen")
    key = models.CharField(max_length=256)
    naam = models.CharField(max_length=64)
    jaargroep = models.CharField(max_length=2, choices=JAARGROEPEN)
    omschrijving = models.CharField(max_length=256, blank=True)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "groepen"
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="groep_key_uniek")]
        indexes = [models.Index(fields=["school", "mutatiedatum"])]

    def __str__(self) -> str:
        return self.naam


class SamengesteldeGroep(models.Model):
    """A group across stamgroepen: a rekengroep, leesgroep, zorggroep..."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="samengestelde_groepen"
    )
    key = models.CharField(max_length=256)
    naam = models.CharField(max_length=64)
    omschrijving = models.CharField(max_length=256, blank=True)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "samengestelde groepen"
        constraints = [
            models.UniqueConstraint(fields=["school", "key"], name="samengestelde_groep_key_uniek")
        ]
        indexes = [models.Index(fields=["school", "mutatiedatum"])]

    def __str__(self) -> str:
        return self.naam


class Leerling(models.Model):
    """A pupil, enrolled from ``inschrijvingsdatum`` up to (excluding) ``uitschrijvingsdatum``."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="leerlingen")
    key = models.CharField(max_length=256)
    eckid = models.CharField(max_length=256, unique=True, null=True, blank=True)
    achternaam = models.CharField(max_length=200)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    voornamen = models.CharField(max_length=200, blank=True)
    voorletters = models.CharField(max_length=6, blank=True)
    roepnaam = models.CharField(max_length=64)
    geboortedatum = models.DateField()
    geslacht = models.CharField(max_length=1, choices=GESLACHTEN, default="0")
    jaargroep = models.CharField(max_length=2, choices=JAARGROEPEN)
    groep = models.ForeignKey(
        Groep, on_delete=models.SET_NULL, null=True, blank=True, related_name="leerlingen"
    )
    samengestelde_groepen = models.ManyToManyField(
        SamengesteldeGroep, blank=True, related_name="leerlingen"
    )
    bsn_laatste_vier = models.CharField(max_length=4, blank=True, validators=[bsn4_validator])
    inschrijvingsdatum = models.DateField()
    uitschrijvingsdatum = models.DateField(null=True, blank=True)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "leerlingen"
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="leerling_key_uniek")]
        indexes = [
            models.Index(fields=["school", "mutatiedatum"]),
            models.Index(fields=["school", "inschrijvingsdatum"]),
            models.Index(fields=["school", "uitschrijvingsdatum"]),
        ]

    def __str__(self) -> str:
        return " ".join(p for p in (self.roepnaam, self.voorvoegsel, self.achternaam) if p)


class Leerkracht(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="leerkrachten")
    key = models.CharField(max_length=256)
    eckid = models.CharField(max_length=256, unique=True, null=True, blank=True)
    achternaam = models.CharField(max_length=200)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    voorletters = models.CharField(max_length=6, blank=True)
    roepnaam = models.CharField(max_length=64)
    gebruikersnaam = models.CharField(max_length=64, blank=True)
    emailadres = models.EmailField(max_length=256, blank=True)
    rol = models.CharField(max_length=3, choices=ROLLEN, default="LRK")
    groepen = models.ManyToManyField(Groep, blank=True, related_name="leerkrachten")
    samengestelde_groepen = models.ManyToManyField(
        SamengesteldeGroep, blank=True, related_name="leerkrachten"
    )
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "leerkrachten"
        constraints = [
            models.UniqueConstraint(fields=["school", "key"], name="leerkracht_key_uniek")
        ]
        indexes = [models.Index(fields=["school", "mutatiedatum"])]

    def __str__(self) -> str:
        return " ".join(p for p in (self.roepnaam, self.voorvoegsel, self.achternaam) if p)
