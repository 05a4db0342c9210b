"""The ``return`` of each GKV operation, written from :mod:`.gegevens` values through
:class:`~koppel.las.gkv.build.Knoop` (so only the right's data set is written). Each writer returns
the number of pupils delivered, for the Gegevenstoegang audit."""

from __future__ import annotations

from koppel.las.gkv import build
from koppel.las.gkv import gegevens as g
from koppel.las.gkv.build import Knoop


def leerlingen(ret: Knoop, gegevens: g.Schoolgegevens) -> int:
    build.schooljaren(ret, gegevens.schooljaar)
    build.groepen(ret, gegevens.groepen, gegevens.schooljaar)
    build.adressen(ret, (leerling.adres for leerling in gegevens.leerlingen))
    if (lijst := ret.lijst("leerlingen")) is None:
        return 0
    for leerling in gegevens.leerlingen:
        if (item := lijst.kind("leerling")) is not None:
            _leerling(item, leerling, gegevens.schooljaar)
    return len(gegevens.leerlingen)


def _leerling(item: Knoop, leerling: g.Leerling, schooljaar: str) -> None:
    for naam, waarde in (
        ("id", leerling.id), ("leerlingNummer", leerling.leerlingnummer),
        ("achternaam", leerling.achternaam), ("tussenvoegsel", leerling.tussenvoegsel),
        ("voornamen", leerling.voornamen), ("voorletters", leerling.voorletters),
        ("roepNaam", leerling.roepnaam), ("geboortedatum", leerling.geboortedatum),
        ("geslacht", build.GESLACHT.get(leerling.geslacht, "ONBEKEND")),
        ("datumAanmelding", leerling.inschrijvingsdatum),
        ("leerlingAdres", build.adres_id(leerling.adres)),
    ):  # fmt: skip
        item.veld(naam, waarde)
    if leerling.groep:
        _groepsindeling(item, leerling.id, leerling.groep, schooljaar, leerling.jaargroep)
    if (lijst := item.lijst("inschrijvingen")) and (inschrijving := lijst.kind("inschrijving")):
        inschrijving.veld("id", f"{leerling.id}-{leerling.inschrijvingsdatum:%Y%m%d}")
        inschrijving.veld("datumInschrijving", leerling.inschrijvingsdatum)
        inschrijving.veld("datumUitschrijving", leerling.uitschrijvingsdatum)


def _groepsindeling(item: Knoop, id_: str, groep: str, schooljaar: str, leerjaar: str) -> None:
    lijst = item.lijst("groepsindelingen")
    if lijst is None or (indeling := lijst.kind("groepsindeling")) is None:
        return
    indeling.veld("id", f"{id_}-{groep}")
    indeling.veld("groep", groep)
    indeling.veld("schooljaar", schooljaar)
    indeling.veld("leerjaar", leerjaar)


def medewerkers(ret: Knoop, gegevens: g.Schoolgegevens) -> int:
    build.schooljaren(ret, gegevens.schooljaar)
    build.groepen(ret, gegevens.groepen, gegevens.schooljaar)
    build.adressen(ret, (medewerker.adres for medewerker in gegevens.medewerkers))
    if (lijst := ret.lijst("medewerkers")) is None:
        return 0
    for medewerker in gegevens.medewerkers:
        if (item := lijst.kind("medewerker")) is not None:
            _medewerker(item, medewerker)
    return 0


def _medewerker(item: Knoop, medewerker: g.Medewerker) -> None:
    for naam, waarde in (
        ("id", medewerker.id), ("lastName", medewerker.achternaam),
        ("tussenvoegsel", medewerker.tussenvoegsel), ("firstName", medewerker.voorletters),
        ("roepNaam", medewerker.roepnaam), ("gebruikersnaam", medewerker.gebruikersnaam),
        ("email", medewerker.email),
    ):  # fmt: skip
        item.veld(naam, waarde)
    build.telefoon(item, "mobile", medewerker.mobiel)
    build.telefoon(item, "telefoonWerk", medewerker.telefoon_werk)
    item.veld("adres", build.adres_id(medewerker.adres))
    item.veld("functie", medewerker.functie)
    if (lijst := item.lijst("groepen")) is not None:
        for groep in medewerker.groepen:
            lijst.veld("groep", groep)


def groepen(ret: Knoop, gegevens: g.Schoolgegevens) -> int:
    build.schooljaren(ret, gegevens.schooljaar)
    build.groepen(ret, gegevens.groepen, gegevens.schooljaar)
    return 0
