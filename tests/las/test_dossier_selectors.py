"""The selectors the GKV calls: plain dataclasses of one school's pupils, secret data flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from koppel.las.leerlingdossier import dossier, loopbaan
from koppel.las.leerlingdossier.models import Absentie, Adres, MethodetoetsScore, Verzorger
from koppel.las.school import services as school_services
from koppel.las.school.models import Leerling, School
from koppel.las.school.seeding import plan_school
from tests.las.helpers import SCHOOLJAAR

pytestmark = pytest.mark.django_db


def _ids(school: School) -> list[int]:
    return list(Leerling.objects.filter(school=school).values_list("pk", flat=True))


def test_verzorgers_van_gives_each_pupils_verzorgers_in_order(school: School) -> None:
    rijen = dossier.verzorgers_van(school.pk, _ids(school))
    assert {r.leerling_id for r in rijen} == set(_ids(school))
    assert len(rijen) == Verzorger.objects.filter(school=school).count()
    eerste = [r for r in rijen if r.leerling_id == rijen[0].leerling_id]
    assert [r.volgorde for r in eerste] == sorted(r.volgorde for r in eerste)
    assert eerste[0].relatie == "moeder" and eerste[0].adres is not None


def test_secret_data_is_flagged_and_zonder_geheim_drops_it(school: School) -> None:
    adres = Adres.objects.filter(school=school).first()
    Adres.objects.filter(pk=adres.pk).update(geheim=True)
    Verzorger.objects.filter(adres=adres).update(telefoon_geheim=True)
    rijen = [
        r
        for r in dossier.verzorgers_van(school.pk, _ids(school))
        if r.adres and r.adres.id == adres.pk
    ]
    assert rijen and all(r.adres and r.adres.geheim and r.telefoon_geheim for r in rijen)
    for rij in map(dossier.zonder_geheim, rijen):
        assert rij.adres is None and rij.telefoon == ""
        assert rij.achternaam and rij.relatie


def test_a_pupils_address_is_the_first_verzorgers_and_a_secret_one_is_not_sent(
    school: School,
) -> None:
    rijen = dossier.verzorgers_van(school.pk, _ids(school))
    adressen = dossier.leerling_adressen(rijen)
    assert set(adressen) == set(_ids(school))
    eerste = next(r for r in rijen if r.volgorde == 1)
    assert adressen[eerste.leerling_id] == eerste.adres
    Adres.objects.update(geheim=True)
    geheim = dossier.verzorgers_van(school.pk, _ids(school))
    assert dossier.leerling_adressen(map(dossier.zonder_geheim, geheim)) == {}


def test_zonder_geheim_keeps_what_is_not_secret(school: School) -> None:
    Adres.objects.update(geheim=False)
    Verzorger.objects.update(telefoon_geheim=False)
    rij = dossier.verzorgers_van(school.pk, _ids(school)[:1])[0]
    assert dossier.zonder_geheim(rij) == rij


def test_another_schools_pupils_are_not_found(school: School) -> None:
    ander = school_services.seed_school(
        plan_school(brincode="88YY", leerlingen=5, seed=8, schooljaar=SCHOOLJAAR)
    )
    vreemd = _ids(ander)
    assert dossier.verzorgers_van(school.pk, vreemd) == ()
    assert dossier.absenties_van(school.pk, vreemd) == ()
    assert dossier.toetsscores_van(school.pk, vreemd) == ()
    assert loopbaan.loopbaan_van(school.pk, vreemd) == loopbaan.Loopbaan(
        inschrijvingen=(), groepsindelingen=(), uitstroom=(), arrangementen=()
    )


def test_absenties_van_honours_the_date_range(school: School) -> None:
    leerling = Leerling.objects.filter(school=school).first()
    Absentie.objects.filter(leerling=leerling).delete()
    for dag in (1, 10, 20):
        Absentie.objects.create(leerling=leerling, datum=dt.date(2026, 10, dag), soort="ziek")
    rijen = dossier.absenties_van(
        school.pk, [leerling.pk], vanaf=dt.date(2026, 10, 5), tot=dt.date(2026, 10, 20)
    )
    assert [r.datum.day for r in rijen] == [10, 20]
    assert rijen[0].soort == "ziek" and rijen[0].dagdeel == "dag"


def test_toetsscores_van_gives_the_raw_strings(school: School) -> None:
    score = MethodetoetsScore.objects.filter(leerling__school=school).first()
    MethodetoetsScore.objects.filter(pk=score.pk).update(ruwe_score="12,5")
    rij = next(r for r in dossier.toetsscores_van(school.pk, _ids(school)) if r.id == score.pk)
    assert rij.ruwe_score == "12,5"
    assert (rij.methode, rij.toetsnaam) == (score.toets.methode, score.toets.naam)


def test_loopbaan_van_gives_inschrijving_and_groepsindelingen_oldest_first(school: School) -> None:
    leerling = Leerling.objects.filter(school=school, groep__isnull=False, jaargroep="8").first()
    gegevens = loopbaan.loopbaan_van(school.pk, [leerling.pk])
    assert [i.datum_inschrijving for i in gegevens.inschrijvingen] == [leerling.inschrijvingsdatum]
    jaren = [g.schooljaar for g in gegevens.groepsindelingen]
    assert jaren == sorted(jaren) and jaren[-1] == SCHOOLJAAR
    assert gegevens.groepsindelingen[-1].groep_id == leerling.groep_id
