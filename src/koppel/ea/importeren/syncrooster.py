"""Which couplings the nightly sync (:mod:`koppel.ea.importeren.sync`) runs, and when.

:func:`venster` reads the window of ``KOPPEL_EA_SYNC_VENSTER``; :func:`verschuldigde_koppelingen`
picks the approved couplings due inside it (the rules are in :mod:`.synckeuze`: at most one good
run per night, a failed one retried after ``KOPPEL_EA_SYNC_HERHAAL_NA`` minutes);
:func:`goedgekeurde_koppelingen` is the list ``koppel ea sync`` runs by hand; :func:`overzicht`
is the "Synchronisatie" section of Koppelen met LAS.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Max, Q

from koppel.ea.importeren import synckeuze
from koppel.ea.importeren.models import GELUKT, Synchronisatie
from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling

__all__ = [
    "Overzicht",
    "goedgekeurde_koppelingen",
    "overzicht",
    "venster",
    "verschuldigde_koppelingen",
]


def venster() -> synckeuze.Venster:
    """The sync window of ``settings.SYNC_VENSTER`` (``KOPPEL_EA_SYNC_VENSTER``)."""
    try:
        return synckeuze.Venster.parse(settings.SYNC_VENSTER)
    except ValueError as error:
        raise ImproperlyConfigured(f"KOPPEL_EA_SYNC_VENSTER: {error}") from error


def verschuldigde_koppelingen(now: dt.datetime) -> list[int]:
    """The ids of the approved couplings due for their sync at ``now`` (see ``synckeuze``)."""
    gekozen = venster()
    if not synckeuze.in_venster(now, gekozen):
        return []
    herhaal_na = dt.timedelta(minutes=settings.SYNC_HERHAAL_NA)
    rijen = (
        LasKoppeling.objects.filter(status=GOEDGEKEURD)
        .annotate(
            gelukt=Max(
                "synchronisaties__gestart_op", filter=Q(synchronisaties__uitkomst__in=GELUKT)
            ),
            poging=Max("synchronisaties__gestart_op"),
        )
        .order_by("pk")
        .values_list("pk", "gelukt", "poging")
    )
    return [
        pk
        for pk, gelukt, poging in rijen
        if synckeuze.verschuldigd(
            now, gelukt, gekozen, laatste_poging=poging, herhaal_na=herhaal_na
        )
    ]


def goedgekeurde_koppelingen(*, brincode: str | None = None) -> list[LasKoppeling]:
    """Every approved coupling (of one BRIN when given), for ``koppel ea sync``."""
    koppelingen = LasKoppeling.objects.filter(status=GOEDGEKEURD).select_related("klant")
    if brincode:
        koppelingen = koppelingen.filter(brincode=brincode.upper())
    return list(koppelingen.order_by("brincode", "vestigingsnummer", "pk"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Overzicht:
    """The "Synchronisatie" section of Koppelen met LAS."""

    van: str  # the window, "01:00"
    tot: str
    recent: list[Synchronisatie]


def overzicht(klant: Klant, *, aantal: int = 5) -> Overzicht:
    """The window and the school's last ``aantal`` syncs, the last first."""
    recent = Synchronisatie.objects.filter(klant=klant).select_related("door")[:aantal]
    gekozen = venster()
    return Overzicht(van=f"{gekozen.begin:%H:%M}", tot=f"{gekozen.eind:%H:%M}", recent=list(recent))
