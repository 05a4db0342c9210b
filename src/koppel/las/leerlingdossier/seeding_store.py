"""Stores a planned set of pupil files with bulk inserts (called by the school seed).

The pupils and groups must be stored already; they are found by their keys. Rows go in batches so
that a large school stays fast and light on memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import fields
from itertools import islice
from typing import Any, TypeVar

from django.db.models import Model

from koppel.las.leerlingdossier.models import (
    Absentie,
    Adres,
    Arrangement,
    Groepsindeling,
    Inschrijving,
    LeerlingVerzorger,
    Methodetoets,
    MethodetoetsScore,
    Verzorger,
)
from koppel.las.leerlingdossier.seeding_plan import DossierPlan, LeerlingDossierPlan
from koppel.las.school.models import Groep, Leerling, School

BATCH = 2000
M = TypeVar("M", bound=Model)


def _bulk(model: type[M], rows: Iterable[M]) -> list[M]:
    """Insert in batches; returns the rows with their pks."""
    stored: list[M] = []
    it = iter(rows)
    while batch := list(islice(it, BATCH)):
        stored += model._default_manager.bulk_create(batch)
    return stored


def store_dossiers(school: School, plan: DossierPlan) -> None:
    leerlingen = dict(Leerling.objects.filter(school=school).values_list("key", "pk"))
    groepen = dict(Groep.objects.filter(school=school).values_list("key", "pk"))
    adressen = _bulk(Adres, (Adres(school=school, **_velden(a)) for a in plan.adressen))
    toetsen = _bulk(
        Methodetoets,
        (
            Methodetoets(
                school=school,
                methode=t.methode,
                naam=t.naam,
                vakgebied=t.vakgebied,
                maximumscore=t.maximumscore,
            )
            for t in plan.methodetoetsen
        ),
    )
    _store_verzorgers(school, plan.leerlingen, leerlingen, [a.pk for a in adressen])
    _bulk(Inschrijving, _inschrijvingen(plan.leerlingen, leerlingen))
    _bulk(Groepsindeling, _indelingen(plan.leerlingen, leerlingen, groepen))
    _bulk(Absentie, _absenties(plan.leerlingen, leerlingen))
    _bulk(MethodetoetsScore, _scores(plan.leerlingen, leerlingen, [t.pk for t in toetsen]))
    _bulk(Arrangement, _arrangementen(plan.leerlingen, leerlingen))


def clear_dossiers(school: School) -> None:
    """Delete the school-wide rows; the pupils' own rows go with the pupils."""
    Verzorger.objects.filter(school=school).delete()
    Adres.objects.filter(school=school).delete()
    Methodetoets.objects.filter(school=school).delete()


def _velden(plan: Any) -> dict[str, Any]:
    return {f.name: getattr(plan, f.name) for f in fields(plan)}


def _store_verzorgers(
    school: School,
    dossiers: tuple[LeerlingDossierPlan, ...],
    leerlingen: dict[str, int],
    adressen: list[int],
) -> None:
    paren = [(d, v) for d in dossiers for v in d.verzorgers]
    rows = _bulk(
        Verzorger,
        (
            Verzorger(
                school=school,
                adres_id=adressen[v.adres],
                **{
                    k: x
                    for k, x in _velden(v).items()
                    if k not in ("adres", "relatie", "wettelijk_gezag")
                },
            )
            for _, v in paren
        ),
    )
    _bulk(
        LeerlingVerzorger,
        (
            LeerlingVerzorger(
                leerling_id=leerlingen[d.leerling],
                verzorger_id=row.pk,
                relatie=v.relatie,
                wettelijk_gezag=v.wettelijk_gezag,
                volgorde=int(v.key[-1]),
            )
            for row, (d, v) in zip(rows, paren, strict=True)
        ),
    )


def _inschrijvingen(
    dossiers: tuple[LeerlingDossierPlan, ...], leerlingen: dict[str, int]
) -> Iterator[Inschrijving]:
    for d in dossiers:
        i = d.inschrijving
        yield Inschrijving(
            leerling_id=leerlingen[d.leerling],
            datum_inschrijving=i.datum,
            soort=i.soort,
            school_van_herkomst=i.school_van_herkomst,
        )


def _indelingen(
    dossiers: tuple[LeerlingDossierPlan, ...], leerlingen: dict[str, int], groepen: dict[str, int]
) -> Iterator[Groepsindeling]:
    for d in dossiers:
        for g in d.indelingen:
            velden = {k: x for k, x in _velden(g).items() if k != "groep"}
            groep_id = groepen[g.groep] if g.groep else None
            yield Groepsindeling(leerling_id=leerlingen[d.leerling], groep_id=groep_id, **velden)


def _absenties(
    dossiers: tuple[LeerlingDossierPlan, ...], leerlingen: dict[str, int]
) -> Iterator[Absentie]:
    for d in dossiers:
        for a in d.absenties:
            yield Absentie(
                leerling_id=leerlingen[d.leerling], ingevoerd_door="Demogegevens", **_velden(a)
            )


def _scores(
    dossiers: tuple[LeerlingDossierPlan, ...], leerlingen: dict[str, int], toetsen: list[int]
) -> Iterator[MethodetoetsScore]:
    for d in dossiers:
        for s in d.scores:
            yield MethodetoetsScore(
                leerling_id=leerlingen[d.leerling],
                toets_id=toetsen[s.toets],
                datum=s.datum,
                ruwe_score=s.ruwe_score,
                ingevoerd_door="Demogegevens",
            )


def _arrangementen(
    dossiers: tuple[LeerlingDossierPlan, ...], leerlingen: dict[str, int]
) -> Iterator[Arrangement]:
    for d in dossiers:
        for a in d.arrangementen:
            yield Arrangement(leerling_id=leerlingen[d.leerling], **_velden(a))
