"""Writing GKV answers with lxml: the normalised lists of ``gkv-notes.md`` under ``return``.

Every element goes through :class:`Knoop`, which writes it only when its path is in the data set
of the call's right (:mod:`.datasets`). Secret addresses and phone numbers are never written, nor
references to them. Dates are ``YYYY-MM-DD``, times ISO 8601 in UTC, booleans ``true``/``false``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from koppel.las.gkv import gegevens as g
from koppel.las.gkv.datasets import Dataset

GESLACHT = {"1": "MAN", "2": "VROUW"}


@dataclass(frozen=True, slots=True)
class Knoop:
    """An element being written, its path below ``return`` and the allowed paths."""

    element: etree._Element
    pad: str
    toegestaan: Dataset

    def kind(self, naam: str) -> Knoop | None:
        pad = f"{self.pad}/{naam}" if self.pad else naam
        if pad not in self.toegestaan:
            return None
        return Knoop(etree.SubElement(self.element, naam), pad, self.toegestaan)

    def veld(self, naam: str, waarde: object) -> None:
        if waarde is None or waarde == "":
            return
        if (knoop := self.kind(naam)) is not None:
            knoop.element.text = tekst(waarde)

    def lijst(self, naam: str) -> Knoop | None:
        return self.kind(naam)


def tekst(waarde: object) -> str:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, dt.datetime):
        return waarde.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return str(waarde)


def schooljaar_naam(schooljaar: str) -> str:
    """``2026-2027`` as the GKV writes it: ``2026 / 2027``."""
    return schooljaar.replace("-", " / ")


def schooljaren(ret: Knoop, schooljaar: str) -> None:
    if (lijst := ret.lijst("schooljaren")) and (item := lijst.kind("schooljaar")):
        item.veld("id", schooljaar)
        item.veld("naam", schooljaar_naam(schooljaar))


def groepen(ret: Knoop, items: Iterable[g.Groep], schooljaar: str) -> None:
    if (lijst := ret.lijst("groepen")) is None:
        return
    for groep in items:
        if (item := lijst.kind("groep")) is None:
            return
        for naam, waarde in (
            ("id", groep.id), ("naam", groep.naam), ("jaargroep", groep.jaargroep),
            ("omschrijving", groep.omschrijving), ("mutatiedatum", groep.mutatiedatum),
            ("schooljaar", schooljaar),
        ):  # fmt: skip
            item.veld(naam, waarde)
        _verwijzingen(item, "leerlingen", "leerling", groep.leerlingen)
        _verwijzingen(item, "medewerkers", "medewerker", groep.medewerkers)


def _verwijzingen(item: Knoop, lijstnaam: str, naam: str, ids: Iterable[str]) -> None:
    if (lijst := item.lijst(lijstnaam)) is None:
        return
    for id_ in ids:
        lijst.veld(naam, id_)


def openbaar(adres: g.Adres | None) -> g.Adres | None:
    """The address when it may be sent (not secret), else ``None``."""
    return None if adres is None or adres.geheim else adres


def adressen(ret: Knoop, items: Iterable[g.Adres | None]) -> None:
    """The non-secret addresses (once each), with their phone number unless that is secret."""
    zichtbaar = {a.id: a for a in map(openbaar, items) if a is not None}
    if not zichtbaar or (lijst := ret.lijst("adressen")) is None:
        return
    for adres in zichtbaar.values():
        if (item := lijst.kind("adres")) is None:
            return
        item.veld("id", adres.id)
        item.veld("geheimadres", False)
        for naam in ("straat", "huisnummer", "postcode", "plaats", "gemeente", "land"):
            item.veld(naam, getattr(adres, naam))
        telefoon(item, "telefoon", adres.telefoon)


def telefoon(item: Knoop, naam: str, nummer: g.Telefoon | None) -> None:
    if nummer is None or nummer.geheim or (knoop := item.kind(naam)) is None:
        return
    knoop.veld("id", nummer.id)
    knoop.veld("nummer", nummer.nummer)
    knoop.veld("geheim", False)


def adres_id(adres: g.Adres | None) -> str | None:
    zichtbaar = openbaar(adres)
    return zichtbaar.id if zichtbaar else None
