"""The seeded pupil files: deterministic, complete for every pupil, realistic in shape, and fast."""

from __future__ import annotations

import re
import time

import pytest

from koppel.las.leerlingdossier import regels
from koppel.las.leerlingdossier.models import (
    Absentie,
    Adres,
    Groepsindeling,
    Inschrijving,
    LeerlingVerzorger,
    MethodetoetsScore,
    Verzorger,
)
from koppel.las.leerlingdossier.seeding_plan import DossierPlan
from koppel.las.school import services
from koppel.las.school.models import Leerling, School
from koppel.las.school.seeding import plan_school
from koppel.las.school.seeding_plan import SchoolPlan


def plan(seed: int = 1, leerlingen: int = 400) -> SchoolPlan:
    return plan_school(brincode="99XX", leerlingen=leerlingen, seed=seed, schooljaar="2026-2027")


def dossiers(school: SchoolPlan) -> DossierPlan:
    assert school.dossiers is not None
    return school.dossiers


def test_the_same_seed_gives_the_same_pupil_files_and_another_seed_others() -> None:
    assert dossiers(plan(seed=5)) == dossiers(plan(seed=5))
    assert dossiers(plan(seed=5)).leerlingen != dossiers(plan(seed=6)).leerlingen


def test_every_pupil_has_one_or_two_verzorgers_with_an_address() -> None:
    gepland = dossiers(plan())
    assert len(gepland.leerlingen) == 400
    aantallen = [len(d.verzorgers) for d in gepland.leerlingen]
    assert set(aantallen) == {1, 2}
    assert all(
        0 <= v.adres < len(gepland.adressen) for d in gepland.leerlingen for v in d.verzorgers
    )
    assert all(re.fullmatch(r"\d{4} [A-Z]{2}", a.postcode) for a in gepland.adressen)


def test_about_five_percent_of_addresses_and_some_phone_numbers_are_secret() -> None:
    gepland = dossiers(plan())
    geheim = sum(a.geheim for a in gepland.adressen) / len(gepland.adressen)
    assert 0.02 < geheim < 0.09
    telefoons = [v.telefoon_geheim for d in gepland.leerlingen for v in d.verzorgers]
    assert 0 < sum(telefoons) < len(telefoons) / 5


def test_the_loopbaan_runs_from_enrolment_to_the_current_groep() -> None:
    school = plan()
    for leerling, dossier in zip(school.leerlingen, dossiers(school).leerlingen, strict=True):
        assert dossier.leerling == leerling.key
        assert dossier.inschrijving.datum == leerling.inschrijvingsdatum
        if leerling.groep is None:
            assert dossier.indelingen == ()
            continue
        huidig = dossier.indelingen[-1]
        assert (huidig.groep, huidig.tot, huidig.schooljaar) == (leerling.groep, None, "2026-2027")
        assert dossier.indelingen[0].vanaf == leerling.inschrijvingsdatum
        assert all(i.groep is None and i.tot for i in dossier.indelingen[:-1])


def test_some_pupils_have_absences_scores_and_an_arrangement() -> None:
    gepland = dossiers(plan())
    assert 0.4 < sum(bool(d.absenties) for d in gepland.leerlingen) / 400 < 0.9
    assert sum(bool(d.scores) for d in gepland.leerlingen) > 200
    assert 0 < sum(bool(d.arrangementen) for d in gepland.leerlingen) < 40
    for dossier in gepland.leerlingen:
        for score in dossier.scores:
            toets = gepland.methodetoetsen[score.toets]
            assert regels.ruwe_score_fout(score.ruwe_score, maximumscore=toets.maximumscore) is None


@pytest.mark.django_db
def test_seeding_stores_the_planned_pupil_files() -> None:
    gepland = plan(leerlingen=120)
    school = services.seed_school(gepland)
    d = dossiers(gepland)
    assert Verzorger.objects.filter(school=school).count() == sum(
        len(x.verzorgers) for x in d.leerlingen
    )
    assert LeerlingVerzorger.objects.count() == Verzorger.objects.count()
    assert Adres.objects.filter(school=school).count() == len(d.adressen)
    assert Inschrijving.objects.count() == 120
    assert Groepsindeling.objects.count() == sum(len(x.indelingen) for x in d.leerlingen)
    assert Absentie.objects.count() == sum(len(x.absenties) for x in d.leerlingen)
    assert MethodetoetsScore.objects.count() == sum(len(x.scores) for x in d.leerlingen)
    placed = Leerling.objects.filter(school=school, groep__isnull=False)
    for leerling in placed:
        assert leerling.groepsindelingen.get(tot__isnull=True).groep_id == leerling.groep_id


@pytest.mark.django_db
def test_replacing_a_seeded_school_leaves_no_pupil_files_of_the_old_one() -> None:
    services.seed_school(plan(leerlingen=40))
    services.seed_school(plan(seed=2, leerlingen=20), vervang=True)
    school = School.objects.get()
    assert Verzorger.objects.exclude(leerlingen__school=school).count() == 0
    assert Inschrijving.objects.count() == 20
    assert Adres.objects.count() == len(dossiers(plan(seed=2, leerlingen=20)).adressen)


@pytest.mark.django_db
def test_seeding_the_demo_school_of_240_pupils_stays_fast() -> None:
    begin = time.perf_counter()
    services.seed_school(plan(leerlingen=240))
    assert time.perf_counter() - begin < 5
