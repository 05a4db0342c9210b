"""Reads of the pupil-file pages: the sections of the leerling page, the absence grid of a group
for one day, the latest scores entered for a group, and the verzorgers a pupil could be linked to.

The caller has already checked that the role may see the pupil or the group
(:mod:`koppel.las.school.pages`); these reads only gather what belongs to it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from koppel.las.leerlingdossier.models import (
    Absentie,
    Arrangement,
    Groepsindeling,
    Inschrijving,
    LeerlingVerzorger,
    MethodetoetsScore,
    Uitstroom,
    Verzorger,
)
from koppel.las.school.models import Groep, Leerling
from koppel.las.school.pages import nog_ingeschreven

RECENT = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingDossier:
    verzorgers: list[LeerlingVerzorger]
    inschrijvingen: list[Inschrijving]
    groepsindelingen: list[Groepsindeling]
    uitstroom: Uitstroom | None
    arrangementen: list[Arrangement]
    absenties: list[Absentie]
    toetsscores: list[MethodetoetsScore]

    @property
    def heeft_geheim(self) -> bool:
        """Whether a verzorger has a secret address or telephone number."""
        return any(
            r.verzorger.telefoon_geheim or (r.verzorger.adres and r.verzorger.adres.geheim)
            for r in self.verzorgers
        )


def dossier_van(leerling: Leerling) -> LeerlingDossier:
    """The sections of the leerling page; absences and scores newest first."""
    return LeerlingDossier(
        verzorgers=list(
            leerling.relaties.select_related("verzorger__adres").order_by("volgorde", "pk")
        ),
        inschrijvingen=list(leerling.inschrijvingen.order_by("datum_inschrijving", "pk")),
        groepsindelingen=list(leerling.groepsindelingen.order_by("-vanaf", "-pk")),
        uitstroom=Uitstroom.objects.filter(leerling=leerling).first(),
        arrangementen=list(leerling.arrangementen.order_by("begindatum", "pk")),
        absenties=list(leerling.absenties.order_by("-datum", "dagdeel", "-pk")),
        toetsscores=list(leerling.toetsscores.select_related("toets").order_by("-datum", "-pk")),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class AbsentieRij:
    leerling: Leerling
    absenties: list[Absentie]


def leden_op(groep: Groep, datum: dt.date) -> QuerySet[Leerling]:
    """The pupils of the stamgroep enrolled on ``datum``."""
    return groep.leerlingen.filter(nog_ingeschreven(datum), inschrijvingsdatum__lte=datum).order_by(
        "achternaam", "roepnaam", "pk"
    )


def absentie_dag(groep: Groep, datum: dt.date) -> list[AbsentieRij]:
    """One row per pupil of the group on ``datum`` with that day's absences (two queries)."""
    leden = list(leden_op(groep, datum))
    per_leerling: dict[int, list[Absentie]] = defaultdict(list)
    for absentie in Absentie.objects.filter(leerling__in=leden, datum=datum).order_by(
        "dagdeel", "pk"
    ):
        per_leerling[absentie.leerling_id].append(absentie)
    return [AbsentieRij(leerling=ll, absenties=per_leerling[ll.pk]) for ll in leden]


def recente_scores(groep: Groep) -> QuerySet[MethodetoetsScore]:
    """The scores last entered for the group's current pupils."""
    return (
        MethodetoetsScore.objects.filter(leerling__groep=groep)
        .select_related("toets", "leerling")
        .order_by("-ingevoerd_op", "-pk")[:RECENT]
    )


def te_koppelen(leerling: Leerling) -> QuerySet[Verzorger]:
    """The school's verzorgers not yet linked to the pupil, with the pupils they are linked to."""
    return (
        Verzorger.objects.filter(school_id=leerling.school_id)
        .exclude(relaties__leerling=leerling)
        .prefetch_related("leerlingen")
        .order_by("achternaam", "roepnaam", "pk")
    )


ZOEK_MAX = 25  # verzorgers offered at once; with more, the search must be narrowed


def gezocht(leerling: Leerling, zoek: str) -> QuerySet[Verzorger]:
    """Those of :func:`te_koppelen` whose names hold every word of ``zoek`` (none if empty); the
    page offers them when there are at most :data:`ZOEK_MAX`."""
    rows, woorden = te_koppelen(leerling), zoek.split()
    for woord in woorden:
        rows = rows.filter(
            Q(achternaam__icontains=woord)
            | Q(roepnaam__icontains=woord)
            | Q(voorvoegsel__iexact=woord)
            | Q(voorletters__icontains=woord)
        )
    return rows if woorden else rows.none()
