"""Pure decisions on rights: may a partner's right be used at this moment?

A right (``Recht``) counts from its begindatum up to and including its einddatum, as Amsterdam
calendar days. A GKV right whose "GKV tijdens kantooruren" is Nee is refused during office hours
(:class:`Kantooruren`, configured as ``"ma-vr 07:00-18:00"``). Office hours never apply to the
Resultatenkoppeling (UWLR) or SSO. Refusals are values (:class:`Weigering`) that carry the code of
the fault in :mod:`koppel.las.gkv.faults` and a Dutch explanation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from koppel.las.koppelingen.models import GKV_BASIS, GKV_UITGEBREID, RECHTEN

GKV_RECHTEN = (GKV_UITGEBREID, GKV_BASIS)
GEEN_RECHT = "Client.GeenRecht"
RECHT_NIET_GELDIG = "Client.RechtNietGeldig"
BUITEN_KANTOORTIJDEN = "Client.BuitenKantoortijden"

_DAGEN = ("ma", "di", "wo", "do", "vr", "za", "zo")
_TIJDEN = re.compile(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})")
_LABELS = dict(RECHTEN)


class RechtWaarden(Protocol):
    """What the decision reads of a right (a ``Recht`` row or any plain value like it)."""

    soort: str
    begindatum: dt.date
    einddatum: dt.date | None
    gkv_tijdens_kantooruren: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Kantooruren:
    """Office hours: weekdays (Monday is 0) and minutes since midnight, ``van`` up to ``tot``."""

    dagen: frozenset[int]
    van: int
    tot: int
    tekst: str
    tijdzone: str = "Europe/Amsterdam"

    def omvat(self, now: dt.datetime) -> bool:
        local = now.astimezone(ZoneInfo(self.tijdzone))
        minuut = local.hour * 60 + local.minute
        return local.weekday() in self.dagen and self.van <= minuut < self.tot


@dataclass(frozen=True, slots=True, kw_only=True)
class Weigering:
    """A refused call: the fault code and the Dutch detail for the partner and the audit."""

    code: str
    melding: str


def parse_kantooruren(tekst: str) -> Kantooruren:
    """``"ma-vr 07:00-18:00"``, ``"ma,wo,vr 08:00-12:30"``, ``"ma-zo 00:00-24:00"``; empty or
    ``"geen"``: no office hours. Raises ``ValueError`` with a Dutch message otherwise."""
    tekst = tekst.strip().lower()
    if tekst in ("", "geen"):
        return Kantooruren(dagen=frozenset(), van=0, tot=0, tekst="geen")
    dagen, _, tijden = tekst.partition(" ")
    match = _TIJDEN.fullmatch(tijden.strip())
    if match is None:
        raise ValueError(f"Kantooruren '{tekst}' zien er niet uit als 'ma-vr 07:00-18:00'.")
    uur_van, min_van, uur_tot, min_tot = (int(g) for g in match.groups())
    van, tot = uur_van * 60 + min_van, uur_tot * 60 + min_tot
    if not 0 <= van < tot <= 24 * 60 or min_van > 59 or min_tot > 59:
        raise ValueError(f"Kantooruren '{tekst}': de eindtijd moet na de begintijd liggen.")
    return Kantooruren(dagen=_parse_dagen(dagen), van=van, tot=tot, tekst=tekst)


def _parse_dagen(tekst: str) -> frozenset[int]:
    dagen: set[int] = set()
    for deel in tekst.split(","):
        eerste, _, laatste = deel.partition("-")
        if eerste not in _DAGEN or (laatste and laatste not in _DAGEN):
            raise ValueError(f"Onbekende dag in '{tekst}': gebruik ma, di, wo, do, vr, za, zo.")
        begin, eind = _DAGEN.index(eerste), _DAGEN.index(laatste or eerste)
        dagen.update(range(begin, eind + 1))
    return frozenset(dagen)


def toegestaan(recht: RechtWaarden, now: dt.datetime, kantooruren: Kantooruren) -> Weigering | None:
    """``None`` when ``recht`` may be used at ``now``, else why not."""
    vandaag = now.astimezone(ZoneInfo(kantooruren.tijdzone)).date()
    label = _LABELS.get(recht.soort, recht.soort)
    if vandaag < recht.begindatum:
        melding = f"Het recht '{label}' geldt pas vanaf {recht.begindatum:%d-%m-%Y}"
        return Weigering(code=RECHT_NIET_GELDIG, melding=melding)
    if recht.einddatum is not None and vandaag > recht.einddatum:
        melding = f"Het recht '{label}' gold tot en met {recht.einddatum:%d-%m-%Y}"
        return Weigering(code=RECHT_NIET_GELDIG, melding=melding)
    if _alleen_buiten_kantooruren(recht) and kantooruren.omvat(now):
        melding = (
            f"Het GKV mag voor deze koppelpartij niet tijdens kantooruren ({kantooruren.tekst})"
        )
        return Weigering(code=BUITEN_KANTOORTIJDEN, melding=melding + " worden bevraagd")
    return None


def _alleen_buiten_kantooruren(recht: RechtWaarden) -> bool:
    return recht.soort in GKV_RECHTEN and not recht.gkv_tijdens_kantooruren


def kies_recht(
    rechten: Sequence[RechtWaarden],
    *,
    soorten: Sequence[str],
    now: dt.datetime,
    kantooruren: Kantooruren,
) -> RechtWaarden | Weigering:
    """The first right of ``soorten`` (in order of preference) that may be used at ``now``.

    Without any right of these kinds: ``Client.GeenRecht``; when all are refused, the refusal of
    the most preferred one.
    """
    kandidaten = [r for soort in soorten for r in rechten if r.soort == soort]
    if not kandidaten:
        return Weigering(code=GEEN_RECHT, melding="Koppelpartij heeft geen recht op het GKV")
    weigeringen = []
    for recht in kandidaten:
        weigering = toegestaan(recht, now, kantooruren)
        if weigering is None:
            return recht
        weigeringen.append(weigering)
    return weigeringen[0]
