"""Read-only selectors of the pupil file for the GKV (and the pages): plain frozen dataclasses.

Every function takes the school and the pupils asked for, and finds only that school's rows (a pupil
of another school is silently absent). Secret data is returned *flagged* (``Adres.geheim``,
``Verzorger.telefoon_geheim``) so the caller decides; :func:`zonder_geheim` drops it, as the GKV
must before anything goes to a partner. Scores are the raw strings the teacher typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from koppel.las.leerlingdossier.models import Absentie, LeerlingVerzorger, MethodetoetsScore


@dataclass(frozen=True, slots=True, kw_only=True)
class AdresGegevens:
    id: int
    straat: str
    huisnummer: str
    postcode: str
    plaats: str
    gemeente: str
    land: str
    geheim: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class VerzorgerGegevens:
    """One pupil–verzorger relation with the verzorger's data (``id`` is the verzorger's)."""

    id: int
    key: str
    leerling_id: int
    relatie: str  # code of codes.RELATIES
    wettelijk_gezag: bool
    volgorde: int
    voorletters: str
    roepnaam: str
    voorvoegsel: str
    achternaam: str
    emailadres: str
    telefoon: str
    telefoon_geheim: bool
    adres: AdresGegevens | None


def verzorgers_van(school_id: int, leerling_ids: Iterable[int]) -> tuple[VerzorgerGegevens, ...]:
    """The verzorgers of the pupils, per pupil in ``volgorde``; secret data flagged, not removed."""
    rows = (
        LeerlingVerzorger.objects.filter(
            leerling__school_id=school_id, leerling_id__in=list(leerling_ids)
        )
        .select_related("verzorger__adres")
        .order_by("leerling_id", "volgorde", "pk")
    )
    return tuple(_verzorger(r) for r in rows)


def _verzorger(r: LeerlingVerzorger) -> VerzorgerGegevens:
    v, a = r.verzorger, r.verzorger.adres
    adres = None
    if a is not None:
        adres = AdresGegevens(
            id=a.pk,
            straat=a.straat,
            huisnummer=a.huisnummer,
            postcode=a.postcode,
            plaats=a.plaats,
            gemeente=a.gemeente,
            land=a.land,
            geheim=a.geheim,
        )
    return VerzorgerGegevens(
        id=v.pk,
        key=v.key,
        leerling_id=r.leerling_id,
        relatie=r.relatie,
        wettelijk_gezag=r.wettelijk_gezag,
        volgorde=r.volgorde,
        voorletters=v.voorletters,
        roepnaam=v.roepnaam,
        voorvoegsel=v.voorvoegsel,
        achternaam=v.achternaam,
        emailadres=v.emailadres,
        telefoon=v.telefoon,
        telefoon_geheim=v.telefoon_geheim,
        adres=adres,
    )


def zonder_geheim(verzorger: VerzorgerGegevens) -> VerzorgerGegevens:
    """Pure: the verzorger without a secret address or secret telephone number."""
    adres = None if verzorger.adres is None or verzorger.adres.geheim else verzorger.adres
    telefoon = "" if verzorger.telefoon_geheim else verzorger.telefoon
    return replace(verzorger, adres=adres, telefoon=telefoon)


def leerling_adressen(verzorgers: Iterable[VerzorgerGegevens]) -> dict[int, AdresGegevens]:
    """Pure: each pupil's address (GKV ``leerlingAdres``), that of the first verzorger with one.

    Apply :func:`zonder_geheim` first when the result goes to a partner.
    """
    adressen: dict[int, AdresGegevens] = {}
    for v in sorted(verzorgers, key=lambda v: (v.leerling_id, v.volgorde)):
        if v.adres is not None:
            adressen.setdefault(v.leerling_id, v.adres)
    return adressen


@dataclass(frozen=True, slots=True, kw_only=True)
class AbsentieGegevens:
    id: int
    leerling_id: int
    datum: dt.date
    dagdeel: str  # code of codes.DAGDELEN
    soort: str  # code of codes.ABSENTIESOORTEN
    opmerking: str


def absenties_van(
    school_id: int,
    leerling_ids: Iterable[int],
    *,
    vanaf: dt.date | None = None,
    tot: dt.date | None = None,
) -> tuple[AbsentieGegevens, ...]:
    """The pupils' absences from ``vanaf`` up to and including ``tot`` (both optional)."""
    rows = Absentie.objects.filter(
        leerling__school_id=school_id, leerling_id__in=list(leerling_ids)
    )
    if vanaf is not None:
        rows = rows.filter(datum__gte=vanaf)
    if tot is not None:
        rows = rows.filter(datum__lte=tot)
    return tuple(
        AbsentieGegevens(
            id=r.pk,
            leerling_id=r.leerling_id,
            datum=r.datum,
            dagdeel=r.dagdeel,
            soort=r.soort,
            opmerking=r.opmerking,
        )
        for r in rows.order_by("leerling_id", "datum", "dagdeel", "pk")
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ToetsscoreGegevens:
    id: int
    leerling_id: int
    toets_id: int
    methode: str
    toetsnaam: str
    vakgebied: str  # code of codes.VAKGEBIEDEN
    datum: dt.date
    ruwe_score: str  # exactly as typed; never computed
    maximumscore: int


def toetsscores_van(school_id: int, leerling_ids: Iterable[int]) -> tuple[ToetsscoreGegevens, ...]:
    rows = MethodetoetsScore.objects.filter(
        leerling__school_id=school_id, leerling_id__in=list(leerling_ids)
    ).select_related("toets")
    return tuple(
        ToetsscoreGegevens(
            id=r.pk,
            leerling_id=r.leerling_id,
            toets_id=r.toets_id,
            methode=r.toets.methode,
            toetsnaam=r.toets.naam,
            vakgebied=r.toets.vakgebied,
            datum=r.datum,
            ruwe_score=r.ruwe_score,
            maximumscore=r.toets.maximumscore,
        )
        for r in rows.order_by("leerling_id", "datum", "pk")
    )
