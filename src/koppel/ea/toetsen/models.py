"""The test catalogue (toetsen, toetsonderdelen, normen, opgaven) and the test sessions of pupils.

A :class:`Toets` is what the LAS learns as a ``toets`` definition: code, name, vakgebied from the
Edustandaard vocabulary, leerjaar and toetshierarchie. Each :class:`Toetsonderdeel` has a range of
raw scores (0..``max_score``) and a normering: :class:`Norm` bands that turn a raw score into a
term and a colour. :class:`Opgave` rows are the items a pupil answers on the test-taking page.

An :class:`Afname` is one pupil's session of one test, from the invitation to the final result:
Uitgenodigd → Gescoord (some onderdelen scored) → Genormeerd (every onderdeel scored, norms
applied) → Definitief (the teacher finalised it; its results go to the LAS). A :class:`Score` is
the raw score of one onderdeel, entered by a teacher or computed from the pupil's answers
(:class:`Antwoord`). :class:`Codepoging` rows count failed login codes for the rate limit.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from koppel.ea.klanten.models import Klant, Leerling

UITGENODIGD = "uitgenodigd"
GESCOORD = "gescoord"
GENORMEERD = "genormeerd"
DEFINITIEF = "definitief"
STATUSSEN = [
    (UITGENODIGD, "Uitgenodigd"),
    (GESCOORD, "Gescoord"),
    (GENORMEERD, "Genormeerd"),
    (DEFINITIEF, "Definitief"),
]

#: how a raw score came about
AFGENOMEN = "afgenomen"  # computed from the pupil's answers on the test-taking page
INGEVOERD = "ingevoerd"  # typed in by a teacher (Score invoeren)
BRONNEN = [(AFGENOMEN, "Afgenomen"), (INGEVOERD, "Ingevoerd")]

kleur_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Een kleur is #RRGGBB.")


class Toets(models.Model):
    code = models.CharField(max_length=64, unique=True, help_text="De toetscode voor het LAS.")
    naam = models.CharField(max_length=128)
    afkorting = models.CharField(max_length=32, help_text="Zoals in de lijst, bijv. LVS RW.")
    versie = models.CharField(max_length=32, blank=True)
    vakgebied = models.CharField(max_length=64, help_text="Uit de Edustandaard-vocabulaire.")
    leerjaar = models.CharField(max_length=2, help_text="Jaargroep 1 t/m 8.")
    #: ``[{"niveau": 1, "waarde": "..."}, ...]``: the test's place in the publisher's hierarchy
    toetshierarchie = models.JSONField(default=list, blank=True)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "toetsen"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Toetsonderdeel(models.Model):
    toets = models.ForeignKey(Toets, on_delete=models.CASCADE, related_name="onderdelen")
    volgnummer = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=64)
    naam = models.CharField(max_length=128)
    max_score = models.PositiveIntegerField(help_text="De hoogste ruwe score.")

    class Meta:
        verbose_name_plural = "toetsonderdelen"
        ordering = ["toets", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["toets", "code"], name="ea_onderdeel_code"),
            models.UniqueConstraint(fields=["toets", "volgnummer"], name="ea_onderdeel_volgnummer"),
        ]

    def __str__(self) -> str:
        return f"{self.toets.afkorting} {self.naam}"


class Norm(models.Model):
    """A band of raw scores of one onderdeel: ``beginnormwaarde..eindnormwaarde`` (inclusive)."""

    onderdeel = models.ForeignKey(Toetsonderdeel, on_delete=models.CASCADE, related_name="normen")
    term = models.CharField(max_length=32, help_text="Bijv. I, II, III, IV, V.")
    omschrijving = models.CharField(max_length=128, blank=True)
    beginnormwaarde = models.PositiveIntegerField()
    eindnormwaarde = models.PositiveIntegerField()
    kleur = models.CharField(max_length=7, validators=[kleur_validator])
    schoolcijfer_vanaf = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    schoolcijfer_totenmet = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )

    class Meta:
        verbose_name_plural = "normen"
        ordering = ["onderdeel", "beginnormwaarde"]
        constraints = [
            models.CheckConstraint(
                condition=Q(beginnormwaarde__lte=models.F("eindnormwaarde")),
                name="ea_norm_begin_voor_eind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.beginnormwaarde}-{self.eindnormwaarde})"


class Opgave(models.Model):
    """An item of the test-taking page: a question with choices; a right answer scores 1."""

    onderdeel = models.ForeignKey(Toetsonderdeel, on_delete=models.CASCADE, related_name="opgaven")
    volgnummer = models.PositiveSmallIntegerField()
    vraag = models.CharField(max_length=500)
    keuzes = models.JSONField(help_text="De antwoordmogelijkheden, in volgorde.")
    juist = models.PositiveSmallIntegerField(help_text="De positie (0, 1, ...) van het juiste.")

    class Meta:
        verbose_name_plural = "opgaven"
        ordering = ["onderdeel", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["onderdeel", "volgnummer"], name="ea_opgave_volgnummer")
        ]

    def __str__(self) -> str:
        return f"{self.onderdeel} opgave {self.volgnummer}"


class Afname(models.Model):
    klant = models.ForeignKey(Klant, on_delete=models.CASCADE, related_name="afnames")
    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="afnames")
    toets = models.ForeignKey(Toets, on_delete=models.PROTECT, related_name="afnames")
    status = models.CharField(max_length=16, choices=STATUSSEN, default=UITGENODIGD)
    uitgenodigd_op = models.DateTimeField()
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: HMAC digest of the login code the pupil types to start the test (never the code itself)
    inlogcode_digest = models.CharField(max_length=64, blank=True, db_index=True)
    gestart_op = models.DateTimeField(null=True, blank=True)
    afnamedatum = models.DateField(null=True, blank=True)
    definitief_op = models.DateTimeField(null=True, blank=True)
    definitief_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "afnames"
        ordering = ["-uitgenodigd_op"]
        constraints = [
            # one open session per pupil and test; a finalised one may be followed by a new one
            models.UniqueConstraint(
                fields=["leerling", "toets"],
                condition=~Q(status=DEFINITIEF),
                name="ea_een_open_afname",
            )
        ]
        indexes = [models.Index(fields=["klant", "status"])]

    def __str__(self) -> str:
        return f"{self.toets.afkorting} – {self.leerling} ({self.get_status_display()})"


class Score(models.Model):
    afname = models.ForeignKey(Afname, on_delete=models.CASCADE, related_name="scores")
    onderdeel = models.ForeignKey(Toetsonderdeel, on_delete=models.PROTECT, related_name="+")
    ruwe_score = models.PositiveIntegerField()
    norm = models.ForeignKey(
        Norm, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bron = models.CharField(max_length=16, choices=BRONNEN)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ingevoerd_op = models.DateTimeField()

    class Meta:
        ordering = ["afname", "onderdeel__volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["afname", "onderdeel"], name="ea_score_per_onderdeel")
        ]

    def __str__(self) -> str:
        return f"{self.onderdeel}: {self.ruwe_score}"


class Antwoord(models.Model):
    """The choice a pupil made for one item (the last one counts)."""

    afname = models.ForeignKey(Afname, on_delete=models.CASCADE, related_name="antwoorden")
    opgave = models.ForeignKey(Opgave, on_delete=models.PROTECT, related_name="+")
    keuze = models.PositiveSmallIntegerField()
    beantwoord_op = models.DateTimeField()

    class Meta:
        verbose_name_plural = "antwoorden"
        constraints = [
            models.UniqueConstraint(fields=["afname", "opgave"], name="ea_antwoord_per_opgave")
        ]

    def __str__(self) -> str:
        return f"{self.afname_id}/{self.opgave_id}: {self.keuze}"


class Codepoging(models.Model):
    """A failed attempt to start a test with a login code, for the rate limit of ``/toets/``.

    ``sleutel`` is ``ip:<address>`` or ``sessie:<digest of the session key>``; rows older than the
    window are deleted when a new one is written, so the table stays small.
    """

    sleutel = models.CharField(max_length=80)
    op = models.DateTimeField()

    class Meta:
        verbose_name = "mislukte codepoging"
        verbose_name_plural = "mislukte codepogingen"
        indexes = [models.Index(fields=["sleutel", "op"])]

    def __str__(self) -> str:
        return f"{self.sleutel} {self.op:%Y-%m-%d %H:%M}"
