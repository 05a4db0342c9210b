"""Reads of the GKV: the coupling a leveranciersleutel belongs to, a partner's rights, and the
school data as :mod:`.gegevens` values (only pupils enrolled today)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.db.models import Prefetch

from koppel.las.gkv import gegevens as g
from koppel.las.gkv.rechten import GKV_RECHTEN
from koppel.las.koppelingen import keys
from koppel.las.koppelingen.models import Koppeling, Koppelpartner, Recht
from koppel.las.school.models import (
    Groep,
    Leerkracht,
    Leerling,
    SamengesteldeGroep,
    School,
    Vestiging,
)
from koppel.las.school.selectors import ingeschreven, school_by_brin

M = TypeVar("M")
T = TypeVar("T")

__all__ = [
    "gkv_rechten",
    "koppeling_by_leveranciersleutel",
    "partner_by_naam",
    "school_by_brin",
    "schoolgegevens",
]


def naam_past(naam: str, leveranciernaam: str) -> bool:
    """Clients HTML-escape ``&`` in the supplier name; both spellings are the same name."""
    return leveranciernaam.strip() in (naam, html.escape(naam, quote=False))


def koppeling_by_leveranciersleutel(leveranciersleutel: str) -> Koppeling | None:
    """The active coupling the key belongs to (digest lookup, constant-time compare)."""
    pepper = settings.KOPPEL_KEY_PEPPER
    koppeling = (
        Koppeling.objects.select_related("school", "partner")
        .filter(leveranciersleutel_digest=keys.digest(leveranciersleutel, pepper), actief=True)
        .first()
    )
    if koppeling is None or not keys.matches(
        leveranciersleutel, koppeling.leveranciersleutel_digest, pepper
    ):
        return None
    return koppeling


def partner_by_naam(leveranciernaam: str) -> Koppelpartner | None:
    """The one partner with this name (for the audit of a refused call), else ``None``."""
    kandidaten = [
        p
        for p in Koppelpartner.objects.filter(naam__iexact=html.unescape(leveranciernaam.strip()))
        if naam_past(p.naam, leveranciernaam)
    ]
    return kandidaten[0] if len(kandidaten) == 1 else None


def gkv_rechten(partner_id: int) -> list[Recht]:
    return list(Recht.objects.filter(partner_id=partner_id, soort__in=GKV_RECHTEN))


#: what :func:`schoolgegevens` can read; an operation names the lists it writes
#: (``samengestelde_groepen`` also reads each pupil's and teacher's memberships)
LIJSTEN = frozenset(
    {"groepen", "groepsleden", "leerlingen", "medewerkers", "samengestelde_groepen", "vestigingen"}
)


def schoolgegevens(
    school: School,
    *,
    vandaag: dt.date,
    lijsten: frozenset[str] = LIJSTEN,
    peilmoment: dt.datetime | None = None,
) -> g.Schoolgegevens:
    """The school's data; only the ``lijsten`` asked for are read (``groepsleden``: the pupils
    and teachers of each group)."""
    leerlingen = Leerling.objects.filter(ingeschreven(vandaag), school=school).order_by("key")
    groepen = Groep.objects.filter(school=school).order_by("naam", "key")
    if "groepsleden" in lijsten:
        groepen = groepen.prefetch_related(
            Prefetch("leerlingen", queryset=leerlingen.only("key", "groep_id")),
            Prefetch("leerkrachten", queryset=Leerkracht.objects.only("key")),
        )
    medewerkers = Leerkracht.objects.filter(school=school).order_by("key")
    met_sg = "samengestelde_groepen" in lijsten
    if met_sg:
        leerlingen = leerlingen.prefetch_related("samengestelde_groepen")
        medewerkers = medewerkers.prefetch_related("samengestelde_groepen")
    return g.Schoolgegevens(
        schooljaar=school.schooljaar,
        brincode=school.brincode,
        dependancecode=school.dependancecode,
        peilmoment=peilmoment,
        groepen=_lees(lijsten, "groepen", groepen, lambda gr: _groep(gr, "groepsleden" in lijsten)),
        samengestelde_groepen=_lees(
            lijsten,
            "samengestelde_groepen",
            SamengesteldeGroep.objects.filter(school=school).order_by("naam", "key"),
            _samengestelde_groep,
        ),
        vestigingen=_lees(
            lijsten,
            "vestigingen",
            Vestiging.objects.filter(school=school).order_by("key"),
            _vestiging,
        ),
        leerlingen=_lees(
            lijsten,
            "leerlingen",
            leerlingen.select_related("groep"),
            lambda ll: _leerling(ll, met_sg),
        ),
        medewerkers=_lees(
            lijsten,
            "medewerkers",
            medewerkers.prefetch_related("groepen"),
            lambda lk: _medewerker(lk, met_sg),
        ),
    )


def _lees(
    lijsten: frozenset[str], naam: str, rows: Iterable[M], maak: Callable[[M], T]
) -> tuple[T, ...]:
    return tuple(map(maak, rows)) if naam in lijsten else ()


def _groep(groep: Groep, met_leden: bool) -> g.Groep:
    return g.Groep(
        id=groep.key,
        naam=groep.naam,
        jaargroep=groep.jaargroep,
        omschrijving=groep.omschrijving,
        mutatiedatum=groep.mutatiedatum,
        leerlingen=tuple(ll.key for ll in groep.leerlingen.all()) if met_leden else (),
        medewerkers=tuple(lk.key for lk in groep.leerkrachten.all()) if met_leden else (),
    )


def _samengestelde_groep(groep: SamengesteldeGroep) -> g.SamengesteldeGroep:
    return g.SamengesteldeGroep(
        id=groep.key,
        naam=groep.naam,
        omschrijving=groep.omschrijving,
        mutatiedatum=groep.mutatiedatum,
    )


def _vestiging(vestiging: Vestiging) -> g.Vestiging:
    return g.Vestiging(
        id=vestiging.key,
        naam=vestiging.naam,
        omschrijving=vestiging.omschrijving,
        mutatiedatum=vestiging.mutatiedatum,
    )


def _sg_keys(rij: Leerling | Leerkracht, met_sg: bool) -> tuple[str, ...]:
    return tuple(sorted(sg.key for sg in rij.samengestelde_groepen.all())) if met_sg else ()


def _leerling(leerling: Leerling, met_sg: bool) -> g.Leerling:
    return g.Leerling(
        id=leerling.key,
        leerlingnummer=leerling.key,
        achternaam=leerling.achternaam,
        tussenvoegsel=leerling.voorvoegsel,
        voornamen=leerling.voornamen,
        voorletters=leerling.voorletters,
        roepnaam=leerling.roepnaam,
        geboortedatum=leerling.geboortedatum,
        geslacht=leerling.geslacht,
        jaargroep=leerling.jaargroep,
        groep=leerling.groep.key if leerling.groep else None,
        inschrijvingsdatum=leerling.inschrijvingsdatum,
        uitschrijvingsdatum=leerling.uitschrijvingsdatum,
        eckid=leerling.eckid or "",
        mutatiedatum=leerling.mutatiedatum,
        samengestelde_groepen=_sg_keys(leerling, met_sg),
    )


def _medewerker(leerkracht: Leerkracht, met_sg: bool) -> g.Medewerker:
    return g.Medewerker(
        id=leerkracht.key,
        achternaam=leerkracht.achternaam,
        tussenvoegsel=leerkracht.voorvoegsel,
        voorletters=leerkracht.voorletters,
        roepnaam=leerkracht.roepnaam,
        gebruikersnaam=leerkracht.gebruikersnaam,
        email=leerkracht.emailadres,
        functie=leerkracht.get_rol_display(),
        groepen=tuple(groep.key for groep in leerkracht.groepen.all()),
        eckid=leerkracht.eckid or "",
        rol=leerkracht.rol,
        mutatiedatum=leerkracht.mutatiedatum,
        samengestelde_groepen=_sg_keys(leerkracht, met_sg),
    )
