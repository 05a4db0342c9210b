"""Reads for "Koppel met bestaande ...": the school's existing groepen, leerkrachten or leerlingen
a row of the import review can be linked to, found by the words of a name, with a short
explanation (jaargroep; e-mail address; birth date and group; "niet actief") to tell namesakes
apart. At most ``ZOEK_MAX`` are shown: the beheerder narrows the search.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from koppel.ea.importeren import planning as p
from koppel.ea.klanten.models import Groep, Klant, Leerkracht, Leerling

__all__ = ["ZOEK_MAX", "Kandidaat", "bestaat", "kandidaten", "naam_van"]

ZOEK_MAX = 50


@dataclass(frozen=True, slots=True, kw_only=True)
class Kandidaat:
    id: int
    naam: str
    toelichting: str


def kandidaten(klant: Klant, soort: str, zoek: str) -> list[Kandidaat]:
    """The school's existing records of ``soort`` whose name contains every word of ``zoek``."""
    if soort == p.GROEPEN:
        groepen = Groep.objects.filter(klant=klant)
        for woord in zoek.split():
            groepen = groepen.filter(naam__icontains=woord)
        return [
            Kandidaat(id=g.pk, naam=g.naam, toelichting=_groep_toelichting(g))
            for g in groepen.order_by("naam", "pk")[:ZOEK_MAX]
        ]
    model: Any = Leerkracht if soort == p.LEERKRACHTEN else Leerling
    personen = model.objects.filter(klant=klant)
    for woord in zoek.split():
        personen = personen.filter(Q(achternaam__icontains=woord) | Q(roepnaam__icontains=woord))
    if model is Leerling:
        personen = personen.select_related("groep")
    return [
        Kandidaat(
            id=x.pk,
            naam=p.persoonsnaam(x.achternaam, x.roepnaam, x.voorvoegsel),
            toelichting=_toelichting(x),
        )
        for x in personen.order_by("achternaam", "roepnaam", "pk")[:ZOEK_MAX]
    ]


def _groep_toelichting(groep: Groep) -> str:
    delen = [groep.get_jaargroep_display() if groep.jaargroep else ""]
    delen.append("" if groep.actief else "niet actief")
    return ", ".join(d for d in delen if d)


def _toelichting(persoon: Leerkracht | Leerling) -> str:
    if isinstance(persoon, Leerkracht):
        delen = [persoon.emailadres]
    else:
        geboren = persoon.geboortedatum
        delen = [
            f"geboren {geboren:%d-%m-%Y}" if geboren else "",
            persoon.groep.naam if persoon.groep else "",
        ]
    delen.append("" if persoon.actief else "niet actief")
    return ", ".join(d for d in delen if d)


def bestaat(klant: Klant, soort: str, bestaand_id: int) -> bool:
    model: Any = {p.GROEPEN: Groep, p.LEERKRACHTEN: Leerkracht, p.LEERLINGEN: Leerling}[soort]
    return bool(model.objects.filter(klant=klant, pk=bestaand_id).exists())


def naam_van(klant: Klant, soort: str, bestaand_id: int) -> str:
    """The name of an existing record, as the review shows it."""
    if soort == p.GROEPEN:
        return Groep.objects.get(klant=klant, pk=bestaand_id).naam
    model: Any = Leerkracht if soort == p.LEERKRACHTEN else Leerling
    x = model.objects.get(klant=klant, pk=bestaand_id)
    return p.persoonsnaam(x.achternaam, x.roepnaam, x.voorvoegsel)
