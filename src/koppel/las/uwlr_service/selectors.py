"""Reads for the UWLR answers: one query per table, plain rows, no per-pupil queries.

``Selectie`` narrows pupils or teachers to groups (the getrapt operations); ``None`` means all.
Pupils are those enrolled on ``today``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q

from koppel.las.school.models import Groep, Leerkracht, Leerling, SamengesteldeGroep
from koppel.las.school.selectors import ingeschreven


@dataclass(frozen=True, slots=True, kw_only=True)
class Selectie:
    """Groups asked for: keyed stamgroepen / samengestelde groepen (by pk) and the keyless forms."""

    groepen: frozenset[int] = frozenset()
    samengestelde_groepen: frozenset[int] = frozenset()
    zonder_groep: bool = False
    zonder_samengestelde_groep: bool = False


@dataclass(frozen=True, slots=True)
class GroepRij:
    pk: int
    key: str
    naam: str
    jaargroep: str
    omschrijving: str


@dataclass(slots=True)
class Structuur:
    groepen: list[GroepRij] = field(default_factory=list)
    samengestelde_groepen: list[GroepRij] = field(default_factory=list)

    def keys(self) -> tuple[dict[int, str], dict[int, str]]:
        return (
            {g.pk: g.key for g in self.groepen},
            {g.pk: g.key for g in self.samengestelde_groepen},
        )


def structuur(school_id: int) -> Structuur:
    groepen = Groep.objects.filter(school_id=school_id).order_by("naam", "pk")
    samengesteld = SamengesteldeGroep.objects.filter(school_id=school_id).order_by("naam", "pk")
    return Structuur(
        groepen=[
            GroepRij(*r)
            for r in groepen.values_list("pk", "key", "naam", "jaargroep", "omschrijving")
        ],
        samengestelde_groepen=[
            GroepRij(pk, key, naam, "", omschrijving)
            for pk, key, naam, omschrijving in samengesteld.values_list(
                "pk", "key", "naam", "omschrijving"
            )
        ],
    )


def _selectie_q(selectie: Selectie, sg_through: type[Model], owner: str) -> Q:
    """Members of any selected group (a union), with the keyless forms."""
    in_sg = sg_through._default_manager.values(f"{owner}_id")
    groep_veld = "groep" if owner == "leerling" else "groepen"
    q = Q(pk__in=[])
    if selectie.groepen:
        q |= Q(**{f"{groep_veld}__in": selectie.groepen})
    if selectie.zonder_groep:
        q |= Q(**{f"{groep_veld}__isnull": True})
    if selectie.samengestelde_groepen:
        q |= Q(pk__in=in_sg.filter(samengesteldegroep_id__in=selectie.samengestelde_groepen))
    if selectie.zonder_samengestelde_groep:
        q |= ~Q(pk__in=in_sg)
    return q


LEERLING_KOLOMMEN = (
    "pk",
    "key",
    "eckid",
    "achternaam",
    "voorvoegsel",
    "voorletters",
    "roepnaam",
    "geboortedatum",
    "geslacht",
    "jaargroep",
    "groep_id",
    "bsn_laatste_vier",
)
LEERKRACHT_KOLOMMEN = (
    "pk",
    "key",
    "eckid",
    "achternaam",
    "voorvoegsel",
    "voorletters",
    "roepnaam",
    "emailadres",
)


def leerlingen(
    school_id: int, *, today: dt.date, selectie: Selectie | None = None
) -> list[tuple[Any, ...]]:
    rows = Leerling.objects.filter(ingeschreven(today), school_id=school_id)
    if selectie is not None:
        rows = rows.filter(
            _selectie_q(selectie, Leerling.samengestelde_groepen.through, "leerling")
        )
    return list(rows.order_by("key").values_list(*LEERLING_KOLOMMEN))


def leerling_samengestelde_groepen(school_id: int) -> dict[int, list[int]]:
    through = Leerling.samengestelde_groepen.through
    rows = through.objects.filter(leerling__school_id=school_id).values_list(
        "leerling_id", "samengesteldegroep_id"
    )
    return _group(rows)


def leerkrachten(school_id: int, *, selectie: Selectie | None = None) -> list[tuple[Any, ...]]:
    rows = Leerkracht.objects.filter(school_id=school_id)
    if selectie is not None:
        rows = rows.filter(
            _selectie_q(selectie, Leerkracht.samengestelde_groepen.through, "leerkracht")
        ).distinct()
    return list(rows.order_by("key").values_list(*LEERKRACHT_KOLOMMEN))


def leerkracht_groepen(school_id: int) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    groepen = Leerkracht.groepen.through.objects.filter(leerkracht__school_id=school_id)
    samengesteld = Leerkracht.samengestelde_groepen.through.objects.filter(
        leerkracht__school_id=school_id
    )
    return (
        _group(groepen.values_list("leerkracht_id", "groep_id")),
        _group(samengesteld.values_list("leerkracht_id", "samengesteldegroep_id")),
    )


def _group(pairs: object) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for owner, target in pairs:  # type: ignore[attr-defined]
        grouped[owner].append(target)
    return grouped
