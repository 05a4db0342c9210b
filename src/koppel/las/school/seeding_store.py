"""Storing a planned school (``koppel las seed``) with bulk inserts: groups, pupils, teachers and
their memberships, then the pupil files. Seeding writes no logboek entries: it is not an edit by
the school's staff."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from koppel.las.errors import AlreadyExists
from koppel.las.leerlingdossier import seeding_store
from koppel.las.school.models import Groep, Leerkracht, Leerling, SamengesteldeGroep, School
from koppel.las.school.seeding_plan import LeerlingPlan, SchoolPlan

ProgressCallback = Callable[[int], None]
BATCH = 2000


@transaction.atomic
def seed_school(
    plan: SchoolPlan, *, vervang: bool = False, progress: ProgressCallback | None = None
) -> School:
    """Store a planned school with bulk inserts.

    A school with the same BRIN (dependance ``00``) is refused unless ``vervang``: then its groups,
    pupils (with their results) and teachers are replaced while the school itself, and so its
    couplings and keys, stay.
    """
    school = School.objects.filter(brincode=plan.brincode, dependancecode="00").first()
    if school is not None and not vervang:
        raise AlreadyExists(
            f"School {plan.brincode}00 bestaat al. Gebruik --vervang om de gegevens te vervangen."
        )
    if school is None:
        school = School(
            brincode=plan.brincode,
            dependancecode="00",
            schoolkey=f"school-{plan.brincode.lower()}00",
        )
    else:
        _clear(school)
    school.naam, school.schooljaar = plan.naam, plan.schooljaar
    school.full_clean()
    school.save()
    groepen = _bulk_groepen(school, plan)
    samengesteld = _bulk_samengesteld(school, plan)
    _bulk_leerlingen(school, plan, groepen, samengesteld, progress)
    _bulk_leerkrachten(school, plan, groepen, samengesteld)
    if plan.dossiers is not None:
        seeding_store.store_dossiers(school, plan.dossiers)
    return school


def _clear(school: School) -> None:
    seeding_store.clear_dossiers(school)
    Leerling.objects.filter(school=school).delete()
    Leerkracht.objects.filter(school=school).delete()
    Groep.objects.filter(school=school).delete()
    SamengesteldeGroep.objects.filter(school=school).delete()


def _bulk_groepen(school: School, plan: SchoolPlan) -> dict[str, int]:
    rows = Groep.objects.bulk_create(
        Groep(school=school, key=g.key, naam=g.naam, jaargroep=g.jaargroep) for g in plan.groepen
    )
    return {g.key: g.pk for g in rows}


def _bulk_samengesteld(school: School, plan: SchoolPlan) -> dict[str, int]:
    rows = SamengesteldeGroep.objects.bulk_create(
        SamengesteldeGroep(school=school, key=g.key, naam=g.naam, omschrijving=g.omschrijving)
        for g in plan.samengestelde_groepen
    )
    return {g.key: g.pk for g in rows}


def _bulk_leerlingen(
    school: School,
    plan: SchoolPlan,
    groepen: dict[str, int],
    samengesteld: dict[str, int],
    progress: ProgressCallback | None,
) -> None:
    through = Leerling.samengestelde_groepen.through
    for begin in range(0, len(plan.leerlingen), BATCH):
        batch = plan.leerlingen[begin : begin + BATCH]
        rows = Leerling.objects.bulk_create(_leerling(school, p, groepen) for p in batch)
        through.objects.bulk_create(
            through(leerling_id=row.pk, samengesteldegroep_id=samengesteld[key])
            for row, p in zip(rows, batch, strict=True)
            for key in p.samengestelde_groepen
        )
        if progress is not None:
            progress(len(batch))


def _leerling(school: School, p: LeerlingPlan, groepen: dict[str, int]) -> Leerling:
    return Leerling(
        school=school,
        key=p.key,
        eckid=p.eckid,
        achternaam=p.achternaam,
        voorvoegsel=p.voorvoegsel,
        voornamen=p.voornamen,
        voorletters=p.voorletters,
        roepnaam=p.roepnaam,
        geboortedatum=p.geboortedatum,
        geslacht=p.geslacht,
        jaargroep=p.jaargroep,
        groep_id=groepen[p.groep] if p.groep else None,
        bsn_laatste_vier=p.bsn_laatste_vier,
        inschrijvingsdatum=p.inschrijvingsdatum,
    )


def _bulk_leerkrachten(
    school: School, plan: SchoolPlan, groepen: dict[str, int], samengesteld: dict[str, int]
) -> None:
    rows = Leerkracht.objects.bulk_create(
        Leerkracht(
            school=school,
            key=p.key,
            eckid=p.eckid,
            achternaam=p.achternaam,
            voorvoegsel=p.voorvoegsel,
            voorletters=p.voorletters,
            roepnaam=p.roepnaam,
            gebruikersnaam=p.gebruikersnaam,
            emailadres=p.emailadres,
            rol=p.rol,
        )
        for p in plan.leerkrachten
    )
    groep_through = Leerkracht.groepen.through
    sg_through = Leerkracht.samengestelde_groepen.through
    pairs = list(zip(rows, plan.leerkrachten, strict=True))
    groep_through.objects.bulk_create(
        groep_through(leerkracht_id=row.pk, groep_id=groepen[k])
        for row, p in pairs
        for k in p.groepen
    )
    sg_through.objects.bulk_create(
        sg_through(leerkracht_id=row.pk, samengesteldegroep_id=samengesteld[k])
        for row, p in pairs
        for k in p.samengestelde_groepen
    )
