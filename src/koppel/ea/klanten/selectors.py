"""Reads for the home page "Mijn leerlingen": which pupils a user sees, filtered, and their rows.

A beheerder sees every active pupil of the school (klant); a leerkracht only the pupils of the
groups of the own :class:`~koppel.ea.klanten.models.Leerkracht` record (stamgroep or samengestelde
groep). Deactivated pupils are never listed. The row helpers are pure functions over plain values.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from koppel.ea.accounts.models import Rol
from koppel.ea.klanten.models import JAARGROEPEN, Groep, Leerkracht, Leerling

#: The tabs of the home page, in the manual's order. Counts come from test sessions (later).
STATUSSEN = ("Uitgenodigd", "Gescoord", "Genormeerd", "Definitief")


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingFilter:
    """The criteria of the filters and the search field; empty means "all"."""

    zoek: str = ""
    groep_id: int | None = None
    jaargroep: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingRij:
    """One row of the list, ready to show."""

    pk: int
    initialen: str
    naam: str
    leerlingnummer: str
    groep: str
    jaargroep: str


def eigen_groepen(rol: Rol) -> QuerySet[Groep]:
    """The active groups the user may see: all of the school, or a leerkracht's own."""
    groepen = Groep.objects.filter(klant=rol.klant, actief=True)
    if rol.is_beheerder:
        return groepen
    leerkracht = Leerkracht.objects.filter(klant=rol.klant, user_id=rol.user_id, actief=True)
    return groepen.filter(leerkrachten__in=leerkracht).distinct()


def eigen_leerlingen(rol: Rol) -> QuerySet[Leerling]:
    """The active pupils the user may see (see the module docstring)."""
    leerlingen = Leerling.objects.filter(klant=rol.klant, actief=True)
    if not rol.is_beheerder:
        groepen = eigen_groepen(rol).values("pk")
        in_groep = Leerling.objects.filter(
            Q(groep__in=groepen) | Q(samengestelde_groepen__in=groepen)
        )
        leerlingen = leerlingen.filter(pk__in=in_groep.values("pk"))
    return leerlingen.select_related("groep").order_by("achternaam", "roepnaam", "pk")


def gefilterd(rows: QuerySet[Leerling], criteria: LeerlingFilter) -> QuerySet[Leerling]:
    """``rows`` narrowed by groep, jaargroep and every word of the search text."""
    if criteria.groep_id is not None:
        in_groep = Leerling.objects.filter(
            Q(groep_id=criteria.groep_id) | Q(samengestelde_groepen__id=criteria.groep_id)
        )
        rows = rows.filter(pk__in=in_groep.values("pk"))
    if criteria.jaargroep:
        rows = rows.filter(jaargroep=criteria.jaargroep)
    for woord in criteria.zoek.split():
        rows = rows.filter(
            Q(leerlingnummer__icontains=woord)
            | Q(roepnaam__icontains=woord)
            | Q(achternaam__icontains=woord)
        )
    return rows


def jaargroepen(rows: QuerySet[Leerling]) -> list[tuple[str, str]]:
    """The jaargroepen (code, label) that occur among ``rows``, in the order of the choices."""
    aanwezig = set(rows.exclude(jaargroep="").values_list("jaargroep", flat=True))
    return [(code, label) for code, label in JAARGROEPEN if code in aanwezig]


def tellingen_per_status(rows: QuerySet[Leerling]) -> list[tuple[str, int]]:
    """How many of ``rows`` are in each status tab.

    The test centre holds no test sessions yet, so no pupil has a status: every count is 0.
    """
    return [(status, 0) for status in STATUSSEN]


def initialen(roepnaam: str, achternaam: str) -> str:
    """``AA`` for Arent Acikbas: the first letters of roepnaam and achternaam."""
    return "".join(deel.strip()[:1] for deel in (roepnaam, achternaam)).upper()


def lijstnaam(*, achternaam: str, roepnaam: str, voorvoegsel: str = "") -> str:
    """``Acikbas, Arent``; a voorvoegsel goes after the roepnaam, as in ``Vries, Jan de``."""
    voornaam = " ".join(deel for deel in (roepnaam, voorvoegsel) if deel)
    return f"{achternaam}, {voornaam}" if voornaam else achternaam


def rij(leerling: Leerling) -> LeerlingRij:
    return LeerlingRij(
        pk=leerling.pk,
        initialen=initialen(leerling.roepnaam, leerling.achternaam),
        naam=lijstnaam(
            achternaam=leerling.achternaam,
            roepnaam=leerling.roepnaam,
            voorvoegsel=leerling.voorvoegsel,
        ),
        leerlingnummer=leerling.leerlingnummer,
        groep=leerling.groep.naam if leerling.groep else "",
        jaargroep=leerling.get_jaargroep_display() if leerling.jaargroep else "",
    )
