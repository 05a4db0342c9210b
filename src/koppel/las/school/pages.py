"""Reads of the school pages (Leerling, Groep, Medewerker, School), scoped to what a role may see.

A beheerder sees the whole school; a medewerker only the pupils of the own stamgroepen and
samengestelde groepen (through the linked ``Leerkracht``), and nothing without one. Every query is
filtered by the school worked in, so another school's objects are never found (404).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from koppel.las.accounts.models import Schoolrol
from koppel.las.school.codes import JAARGROEPEN
from koppel.las.school.models import Groep, Leerkracht, Leerling, SamengesteldeGroep, Vestiging

HUIDIG, UITGESCHREVEN, ALLE = "huidig", "uitgeschreven", "alle"
STATUSSEN = [
    (HUIDIG, "Huidige leerlingen"),
    (UITGESCHREVEN, "Uitgeschreven leerlingen"),
    (ALLE, "Alle leerlingen"),
]


@dataclass(frozen=True, slots=True)
class Zicht:
    """What one role sees: the whole school (``alles``) or the groups of ``leerkracht_id``."""

    school_id: int
    alles: bool
    leerkracht_id: int | None = None


def zicht(schoolrol: Schoolrol) -> Zicht:
    return Zicht(schoolrol.school_id, schoolrol.is_beheerder, schoolrol.leerkracht_id)


def groepen(z: Zicht) -> QuerySet[Groep]:
    rows = Groep.objects.filter(school_id=z.school_id)
    if not z.alles:
        rows = rows.filter(leerkrachten__pk=z.leerkracht_id) if z.leerkracht_id else rows.none()
    return rows.order_by("jaargroep", "naam", "pk")


def samengestelde_groepen(z: Zicht) -> QuerySet[SamengesteldeGroep]:
    rows = SamengesteldeGroep.objects.filter(school_id=z.school_id)
    if not z.alles:
        rows = rows.filter(leerkrachten__pk=z.leerkracht_id) if z.leerkracht_id else rows.none()
    return rows.order_by("naam", "pk")


def leerlingen(z: Zicht) -> QuerySet[Leerling]:
    rows = Leerling.objects.filter(school_id=z.school_id)
    if not z.alles:
        in_sg = Leerling.samengestelde_groepen.through.objects.filter(
            samengesteldegroep__in=samengestelde_groepen(z)
        )
        rows = rows.filter(Q(groep__in=groepen(z)) | Q(pk__in=in_sg.values("leerling_id")))
    return rows.select_related("groep").order_by("achternaam", "roepnaam", "pk")


def nog_ingeschreven(today: dt.date, prefix: str = "") -> Q:
    """Pupils who have not left on ``today`` (those enrolling later included)."""
    return Q(**{f"{prefix}uitschrijvingsdatum__isnull": True}) | Q(
        **{f"{prefix}uitschrijvingsdatum__gt": today}
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingFilter:
    zoek: str = ""
    groep: int | None = None
    samengestelde_groep: int | None = None
    jaargroep: str = ""
    status: str = HUIDIG


def gefilterd(rows: QuerySet[Leerling], f: LeerlingFilter, *, today: dt.date) -> QuerySet[Leerling]:
    """The pupils matching every given criterion; each search word matches a name or the number."""
    for woord in f.zoek.split():
        rows = rows.filter(
            Q(achternaam__icontains=woord)
            | Q(roepnaam__icontains=woord)
            | Q(voornamen__icontains=woord)
            | Q(voorvoegsel__icontains=woord)
            | Q(key__icontains=woord)
        )
    if f.groep is not None:
        rows = rows.filter(groep_id=f.groep)
    if f.samengestelde_groep is not None:
        rows = rows.filter(samengestelde_groepen__pk=f.samengestelde_groep)
    if f.jaargroep:
        rows = rows.filter(jaargroep=f.jaargroep)
    if f.status == HUIDIG:
        return rows.filter(nog_ingeschreven(today))
    return rows.exclude(nog_ingeschreven(today)) if f.status == UITGESCHREVEN else rows


def jaargroepen(rows: QuerySet[Leerling]) -> list[tuple[str, str]]:
    """The jaargroepen (code, name) that occur among ``rows``, in the codelist's order."""
    aanwezig = set(rows.order_by().values_list("jaargroep", flat=True).distinct())
    return [(code, naam) for code, naam in JAARGROEPEN if code in aanwezig]


def leerling_detail(z: Zicht, pk: int) -> QuerySet[Leerling]:
    return leerlingen(z).filter(pk=pk).prefetch_related("samengestelde_groepen")


def groepen_overzicht(z: Zicht, *, today: dt.date) -> QuerySet[Groep]:
    aantal = Count("leerlingen", filter=nog_ingeschreven(today, "leerlingen__"), distinct=True)
    return groepen(z).annotate(aantal=aantal).prefetch_related("leerkrachten")


def samengestelde_overzicht(z: Zicht, *, today: dt.date) -> QuerySet[SamengesteldeGroep]:
    aantal = Count("leerlingen", filter=nog_ingeschreven(today, "leerlingen__"), distinct=True)
    return samengestelde_groepen(z).annotate(aantal=aantal).prefetch_related("leerkrachten")


def leden(groep: Groep | SamengesteldeGroep, *, today: dt.date) -> QuerySet[Leerling]:
    """The current pupils of a (samengestelde) groep."""
    return (
        groep.leerlingen.filter(nog_ingeschreven(today))
        .select_related("groep")
        .order_by("achternaam", "roepnaam", "pk")
    )


def medewerkers(z: Zicht) -> QuerySet[Leerkracht]:
    """Every teacher of the school: colleagues are visible to each role."""
    return (
        Leerkracht.objects.filter(school_id=z.school_id)
        .prefetch_related("groepen", "samengestelde_groepen")
        .order_by("achternaam", "roepnaam", "pk")
    )


def vestigingen(school_id: int) -> QuerySet[Vestiging]:
    return Vestiging.objects.filter(school_id=school_id).order_by("naam", "pk")


def aantallen(school_id: int, *, today: dt.date) -> dict[str, int]:
    return {
        "leerlingen": Leerling.objects.filter(nog_ingeschreven(today), school_id=school_id).count(),
        "groepen": Groep.objects.filter(school_id=school_id).count(),
        "samengestelde_groepen": SamengesteldeGroep.objects.filter(school_id=school_id).count(),
        "medewerkers": Leerkracht.objects.filter(school_id=school_id).count(),
    }
