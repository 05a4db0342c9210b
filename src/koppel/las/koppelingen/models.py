"""Koppelpartners (EA suppliers), their couplings per school, and the audit of data access.

The autorisatiesleutel (UWLR) and the leveranciersleutel (GKV) are never stored: only their
HMAC-SHA256 digests with the pepper (``settings.KOPPEL_KEY_PEPPER``), so that a database leak does
not leak usable keys.
"""

from __future__ import annotations

from django.db import models

from koppel.las.school.models import School

SMALLE_SET = "smalle-set"
LVS_SET = "lvs-set"
PROFIELEN = [(SMALLE_SET, "Smalle set"), (LVS_SET, "LVS-set")]

RESULTATENKOPPELING = "resultatenkoppeling"
GKV_BASIS = "gkv-basis"
GKV_UITGEBREID = "gkv-uitgebreid"
SSO = "sso"
RECHTEN = [
    (RESULTATENKOPPELING, "Resultatenkoppeling"),
    (GKV_BASIS, "GKV basis"),
    (GKV_UITGEBREID, "GKV uitgebreid"),
    (SSO, "Single Sign On"),
]
GKV_RECHTEN = (GKV_BASIS, GKV_UITGEBREID)

# Gegevenstoegang.operatie of the school's own actions (UWLR calls use the operation's name)
AFNEMEN = "Afnemen"
NIEUWE_SLEUTEL = "Nieuwe autorisatiesleutel"
NIEUWE_LEVERANCIERSLEUTEL = "Nieuwe leveranciersleutel"
DEACTIVEREN = "Deactiveren"
SUGGESTIE = "Suggestie"


class Koppelpartner(models.Model):
    """An EA supplier, identified by ``klantnaam`` (``naam``) and ``klantcode`` in every request."""

    naam = models.CharField(max_length=64)
    klantcode = models.CharField(max_length=64, unique=True)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "koppelpartners"

    def __str__(self) -> str:
        return self.naam


class Recht(models.Model):
    """A web service a partner may use ("Koppelpartij heeft toegang tot de volgende webservices").

    A right counts from ``begindatum`` up to and including ``einddatum`` (open when empty).
    """

    partner = models.ForeignKey(Koppelpartner, on_delete=models.CASCADE, related_name="rechten")
    soort = models.CharField(max_length=32, choices=RECHTEN)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    gkv_tijdens_kantooruren = models.BooleanField(
        default=False, help_text="Mag de partner het GKV ook tijdens kantooruren bevragen?"
    )

    class Meta:
        verbose_name_plural = "rechten"
        ordering = ["soort", "begindatum"]
        constraints = [models.UniqueConstraint(fields=["partner", "soort"], name="recht_per_soort")]

    def __str__(self) -> str:
        return f"{self.partner}: {self.get_soort_display()}"


class Koppeling(models.Model):
    """One partner's access to one school: suggested, then activated with a key."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="koppelingen")
    partner = models.ForeignKey(Koppelpartner, on_delete=models.PROTECT, related_name="koppelingen")
    profiel = models.CharField(max_length=16, choices=PROFIELEN, default=SMALLE_SET)
    actief = models.BooleanField(default=False)
    gesuggereerd_op = models.DateTimeField()
    geactiveerd_op = models.DateTimeField(null=True, blank=True)
    geactiveerd_door = models.CharField(max_length=200, blank=True)
    sleutel_digest = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    sleutel_ingesteld_op = models.DateTimeField(null=True, blank=True)
    leveranciersleutel_digest = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    leveranciersleutel_ingesteld_op = models.DateTimeField(null=True, blank=True)
    gedeactiveerd_op = models.DateTimeField(null=True, blank=True)
    mutatiedatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "koppelingen"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "partner"], name="koppeling_per_school_partner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.school}"

    @property
    def sleutelstand(self) -> str:
        """When the current key was set ("" without one): the key forms send it back, so that a
        resubmitted form (a reload of the page that showed the key) does not set yet another."""
        return self.sleutel_ingesteld_op.isoformat() if self.sleutel_ingesteld_op else ""

    @property
    def leveranciersleutelstand(self) -> str:
        """As :attr:`sleutelstand`, for the leveranciersleutel."""
        ingesteld = self.leveranciersleutel_ingesteld_op
        return ingesteld.isoformat() if ingesteld else ""


class Gegevenstoegang(models.Model):
    """Audit: every delivery to, and every refusal of, an identified partner, and every
    activation, new key and deactivation by the school."""

    partner = models.ForeignKey(Koppelpartner, on_delete=models.PROTECT, related_name="toegang")
    school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="toegang"
    )
    koppeling = models.ForeignKey(Koppeling, on_delete=models.SET_NULL, null=True, blank=True)
    operatie = models.CharField(max_length=64)
    profiel = models.CharField(max_length=16, blank=True)
    xsdversie = models.CharField(max_length=32, blank=True)
    aantal_leerlingen = models.PositiveIntegerField(default=0)
    tijdstip = models.DateTimeField(db_index=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    door = models.CharField(
        max_length=200, blank=True, help_text="De gebruiker, bij een handeling van de school."
    )
    uitkomst = models.CharField(max_length=64)
    melding = models.CharField(max_length=256, blank=True)

    class Meta:
        verbose_name_plural = "gegevenstoegang"
        ordering = ["-tijdstip"]
        indexes = [models.Index(fields=["partner", "tijdstip"])]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.partner} {self.operatie}: {self.uitkomst}"
