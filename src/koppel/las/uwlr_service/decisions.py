"""Pure decisions of the pupil-data operations: when to answer ``geengegevens`` or
``geenwijzigingen``, and which groups a getrapt request selects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from koppel.las.uwlr_service.selectors import Selectie, Structuur
from koppel.uwlr import messages as m
from koppel.uwlr.faults import OngeldigBericht

Leeg = m.GeenGegevens | m.GeenWijzigingen


def lege_inhoud(
    *,
    gevraagd_schooljaar: str,
    schooljaar: str,
    heeft_gegevens: bool,
    laatste_wijziging: dt.datetime,
    laatstontvangen: dt.datetime | None,
) -> Leeg | None:
    """``GeenGegevens`` for another school year than the one the LAS holds or a school without
    data; ``GeenWijzigingen`` when the EA's last data are as new as the school's last change."""
    if gevraagd_schooljaar != schooljaar or not heeft_gegevens:
        return m.GeenGegevens()
    if laatstontvangen is None:
        return None
    if laatstontvangen.tzinfo is None:
        laatstontvangen = laatstontvangen.replace(tzinfo=dt.UTC)
    return m.GeenWijzigingen() if laatstontvangen >= laatste_wijziging else None


def selectie(
    gevraagd: Iterable[m.GroepSelectie | m.SamengesteldeGroepSelectie], structuur: Structuur
) -> Selectie:
    """The groups a HaalLeerlingen/HaalLeerkrachten request asks for.

    A key the school does not know is refused with ``OngeldigBericht`` (the EA works from a stale
    structure and should fetch HaalStructuur again) rather than silently answered with less.
    """
    groepen = {g.key: g.pk for g in structuur.groepen}
    samengesteld = {g.key: g.pk for g in structuur.samengestelde_groepen}
    gekozen_groepen: set[int] = set()
    gekozen_sg: set[int] = set()
    zonder_groep = zonder_sg = False
    for item in gevraagd:
        stam = isinstance(item, m.GroepSelectie)
        if item.key is None:
            zonder_groep, zonder_sg = zonder_groep or stam, zonder_sg or not stam
            continue
        bekend = groepen if stam else samengesteld
        if item.key not in bekend:
            soort = "groep" if stam else "samengestelde groep"
            raise OngeldigBericht(f"Onbekende {soort}: {item.key}")
        (gekozen_groepen if stam else gekozen_sg).add(bekend[item.key])
    return Selectie(
        groepen=frozenset(gekozen_groepen),
        samengestelde_groepen=frozenset(gekozen_sg),
        zonder_groep=zonder_groep,
        zonder_samengestelde_groep=zonder_sg,
    )
