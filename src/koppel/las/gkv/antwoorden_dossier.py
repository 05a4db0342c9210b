"""The ``return`` of the GKV uitgebreid operations on the pupil file (:mod:`.dossier`).

References hold another item's ``id``: ``leerling`` the pupil's LAS key (as in ``getLeerlingen``),
``adres`` an ``adressen/adres/id``, ``methodetoets`` a ``methodetoetsen/methodetoets/id``.
Verzorgers arrive without secret data; :func:`koppel.las.gkv.build.adressen` drops a secret address
once more. Scores are written exactly as the teacher typed them. Each writer returns the number of
pupils the answer is about, for the Gegevenstoegang audit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from koppel.las.gkv import build
from koppel.las.gkv import dossier as ds
from koppel.las.gkv import gegevens as g
from koppel.las.gkv.build import Knoop
from koppel.las.leerlingdossier import dossier as ld
from koppel.las.leerlingdossier import loopbaan as lb

T = TypeVar("T")
R = TypeVar("R", lb.InschrijvingGegevens, lb.GroepsindelingGegevens)


def _dossier(gegevens: g.Schoolgegevens) -> ds.Dossier:
    return gegevens.dossier or ds.Dossier()


def _items(ret: Knoop, lijstnaam: str, naam: str, aantal: int) -> Iterable[Knoop]:
    """``aantal`` new items of the list (written even when empty), as the data set allows."""
    if (lijst := ret.lijst(lijstnaam)) is None:
        return
    for _ in range(aantal):
        if (item := lijst.kind(naam)) is None:
            return
        yield item


def _paren(items: Iterable[Knoop], rows: Iterable[T]) -> Iterator[tuple[Knoop, T]]:
    """Each row with its new item; stops when the data set allows no (more) items."""
    return zip(items, rows, strict=False)


def _velden(item: Knoop, velden: Iterable[tuple[str, object]]) -> None:
    for naam, waarde in velden:
        item.veld(naam, waarde)


def verzorgers(ret: Knoop, gegevens: g.Schoolgegevens) -> int:
    dossier = _dossier(gegevens)
    per_verzorger: dict[int, list[ld.VerzorgerGegevens]] = {}
    for relatie in dossier.verzorgers:
        per_verzorger.setdefault(relatie.id, []).append(relatie)
    adressen = (ds.adres(v.adres) for v in dossier.verzorgers if v.adres is not None)
    build.adressen(ret, adressen)
    for item, relaties in _paren(
        _items(ret, "verzorgers", "verzorger", len(per_verzorger)), per_verzorger.values()
    ):
        _verzorger(item, relaties, dossier.leerlingen)
    return len({v.leerling_id for v in dossier.verzorgers})


def _verzorger(item: Knoop, relaties: list[ld.VerzorgerGegevens], ids: dict[int, str]) -> None:
    v = relaties[0]
    adres = ds.adres_id(v.adres) if v.adres is not None and not v.adres.geheim else None
    _velden(item, (
        ("id", v.key), ("achternaam", v.achternaam), ("tussenvoegsel", v.voorvoegsel),
        ("voorletters", v.voorletters), ("roepNaam", v.roepnaam), ("email", v.emailadres),
        ("telefoon", "" if v.telefoon_geheim else v.telefoon), ("adres", adres),
    ))  # fmt: skip
    for rel, r in _paren(_items(item, "relaties", "relatie", len(relaties)), relaties):
        _velden(rel, (
            ("leerling", ids[r.leerling_id]), ("relatie", r.relatie),
            ("wettelijkGezag", r.wettelijk_gezag), ("volgorde", r.volgorde),
        ))  # fmt: skip


def absenties(ret: Knoop, gegevens: g.Schoolgegevens) -> int:
    dossier = _dossier(gegevens)
    for item, a in _paren(
        _items(ret, "absenties", "absentie", len(dossier.absenties)), dossier.absenties
    ):
        _velden(item, (
            ("id", a.id), ("leerling", dossier.leerlingen[a.leerling_id]), ("datum", a.datum),
            ("dagdeel", a.dagdeel), ("soort", a.soort),
        ))  # fmt: skip
    return len({a.leerling_id for a in dossier.absenties})


def loopbaan(ret: Knoop, gegevens: g.Schoolgegevens) -> int:
    dossier = _dossier(gegevens)
    baan = dossier.loopbaan or lb.Loopbaan(
        inschrijvingen=(), groepsindelingen=(), uitstroom=(), arrangementen=()
    )
    inschrijvingen, indelingen = (
        _per_leerling(baan.inschrijvingen),
        _per_leerling(baan.groepsindelingen),
    )
    uitstromen = {u.leerling_id: u for u in baan.uitstroom}
    for item, (pk, key) in _paren(
        _items(ret, "leerlingen", "leerling", len(dossier.leerlingen)), dossier.leerlingen.items()
    ):
        item.veld("id", key)
        _inschrijvingen(item, inschrijvingen.get(pk, []))
        _indelingen(item, indelingen.get(pk, []))
        if (uitstroom := uitstromen.get(pk)) is not None:
            _uitstroom(item, uitstroom)
    return len(dossier.leerlingen)


def _per_leerling(rows: Iterable[R]) -> dict[int, list[R]]:
    result: dict[int, list[R]] = {}
    for row in rows:
        result.setdefault(row.leerling_id, []).append(row)
    return result


def _inschrijvingen(item: Knoop, rows: list[lb.InschrijvingGegevens]) -> None:
    for knoop, r in _paren(_items(item, "inschrijvingen", "inschrijving", len(rows)), rows):
        _velden(knoop, (
            ("id", r.id), ("datumInschrijving", r.datum_inschrijving),
            ("datumUitschrijving", r.datum_uitschrijving), ("soort", r.soort),
            ("schoolVanHerkomst", r.school_van_herkomst),
        ))  # fmt: skip


def _indelingen(item: Knoop, rows: list[lb.GroepsindelingGegevens]) -> None:
    for knoop, r in _paren(_items(item, "groepsindelingen", "groepsindeling", len(rows)), rows):
        _velden(knoop, (
            ("id", r.id), ("groepnaam", r.groepnaam), ("schooljaar", r.schooljaar),
            ("jaargroep", r.jaargroep), ("vanaf", r.vanaf), ("tot", r.tot),
        ))  # fmt: skip


def _uitstroom(item: Knoop, r: lb.UitstroomGegevens) -> None:
    if (knoop := item.kind("uitstroom")) is not None:
        _velden(knoop, (
            ("datum", r.datum), ("bestemming", r.bestemming), ("schooladvies", r.schooladvies),
            ("schoolVanBestemming", r.school_van_bestemming),
        ))  # fmt: skip


def toetsen(ret: Knoop, gegevens: g.Schoolgegevens) -> int:
    dossier = _dossier(gegevens)
    for item, t in _paren(
        _items(ret, "methodetoetsen", "methodetoets", len(dossier.toetsen)), dossier.toetsen
    ):
        _velden(item, (
            ("id", t.pk), ("methode", t.methode), ("naam", t.naam), ("vakgebied", t.vakgebied),
            ("maximumscore", t.maximumscore),
        ))  # fmt: skip
    for item, s in _paren(
        _items(ret, "toetsscores", "toetsscore", len(dossier.scores)), dossier.scores
    ):
        _velden(item, (
            ("id", s.id), ("leerling", dossier.leerlingen[s.leerling_id]),
            ("methodetoets", s.toets_id), ("datum", s.datum), ("ruweScore", s.ruwe_score),
        ))  # fmt: skip
    return len({s.leerling_id for s in dossier.scores})


def lgf(ret: Knoop, gegevens: g.Schoolgegevens) -> int:
    dossier = _dossier(gegevens)
    rows = dossier.loopbaan.arrangementen if dossier.loopbaan else ()
    for item, a in _paren(_items(ret, "arrangementen", "arrangement", len(rows)), rows):
        _velden(item, (
            ("id", a.id), ("leerling", dossier.leerlingen[a.leerling_id]), ("soort", a.soort),
            ("begindatum", a.begindatum), ("einddatum", a.einddatum),
            ("omschrijving", a.omschrijving),
        ))  # fmt: skip
    return len({a.leerling_id for a in rows})
