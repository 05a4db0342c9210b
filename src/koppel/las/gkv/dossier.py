"""Reads of the pupil file (leerlingdossier) for the GKV uitgebreid operations.

Only the pupils enrolled today are read, through the read-only selectors of
:mod:`koppel.las.leerlingdossier.dossier` and :mod:`~koppel.las.leerlingdossier.loopbaan`.
Every verzorger passes :func:`~koppel.las.leerlingdossier.dossier.zonder_geheim` here, before
anything reaches a writer, so a secret address or telephone number cannot be written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from koppel.las.gkv import gegevens as g
from koppel.las.leerlingdossier import dossier as ld
from koppel.las.leerlingdossier import loopbaan as lb
from koppel.las.leerlingdossier.models import Methodetoets
from koppel.las.school.models import Leerling, School
from koppel.las.school.selectors import ingeschreven

#: the lists of :func:`dossiergegevens`; an operation names the ones it writes
LIJSTEN = frozenset({"adressen", "verzorgers", "absenties", "loopbaan", "toetsen"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Dossier:
    """The pupil-file data of one call; ``leerlingen`` maps a pupil's pk to its GKV ``id``."""

    leerlingen: dict[int, str] = field(default_factory=dict)
    verzorgers: tuple[ld.VerzorgerGegevens, ...] = ()  # without secret data
    absenties: tuple[ld.AbsentieGegevens, ...] = ()
    loopbaan: lb.Loopbaan | None = None
    toetsen: tuple[Methodetoets, ...] = ()
    scores: tuple[ld.ToetsscoreGegevens, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Periode:
    vanaf: dt.date | None = None
    tot: dt.date | None = None


def dossiergegevens(
    school: School, *, vandaag: dt.date, lijsten: frozenset[str], periode: Periode
) -> Dossier:
    """The lists asked for of the pupils enrolled today."""
    rows = Leerling.objects.filter(ingeschreven(vandaag), school=school).order_by("key")
    leerlingen = dict(rows.values_list("pk", "key"))
    ids = list(leerlingen)
    return Dossier(
        leerlingen=leerlingen,
        verzorgers=_verzorgers(school.pk, ids) if lijsten & {"verzorgers", "adressen"} else (),
        absenties=ld.absenties_van(school.pk, ids, vanaf=periode.vanaf, tot=periode.tot)
        if "absenties" in lijsten
        else (),
        loopbaan=lb.loopbaan_van(school.pk, ids) if "loopbaan" in lijsten else None,
        toetsen=tuple(Methodetoets.objects.filter(school=school)) if "toetsen" in lijsten else (),
        scores=ld.toetsscores_van(school.pk, ids) if "toetsen" in lijsten else (),
    )


def _verzorgers(school_id: int, ids: list[int]) -> tuple[ld.VerzorgerGegevens, ...]:
    return tuple(map(ld.zonder_geheim, ld.verzorgers_van(school_id, ids)))


def adres_id(adres: ld.AdresGegevens) -> str:
    return f"A-{adres.id}"


def adres(adres: ld.AdresGegevens) -> g.Adres:
    """A pupil-file address as the GKV writes it (``build.adressen``)."""
    return g.Adres(
        id=adres_id(adres), geheim=adres.geheim, straat=adres.straat, huisnummer=adres.huisnummer,
        postcode=adres.postcode, plaats=adres.plaats, gemeente=adres.gemeente, land=adres.land,
    )  # fmt: skip


def leerling_adressen(dossier: Dossier) -> dict[str, g.Adres]:
    """Each pupil's (non-secret) address by the pupil's GKV ``id``."""
    return {
        dossier.leerlingen[pk]: adres(a)
        for pk, a in ld.leerling_adressen(dossier.verzorgers).items()
        if not a.geheim
    }


def met_dossier(gegevens: g.Schoolgegevens, dossier: Dossier) -> g.Schoolgegevens:
    """The school data with the pupil file, and each pupil's non-secret address filled in."""
    adressen = leerling_adressen(dossier)
    leerlingen = tuple(replace(ll, adres=adressen.get(ll.id)) for ll in gegevens.leerlingen)
    return replace(gegevens, leerlingen=leerlingen, dossier=dossier)
