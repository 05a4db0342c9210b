"""Recording absences and raw scores: the pure rules, the services, and the loopbaan kept in step
with the school's own edits. Every write bumps the pupil's ``mutatiedatum``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koppel.las.errors import AlreadyExists, InvalidState
from koppel.las.leerlingdossier import regels, services
from koppel.las.leerlingdossier.models import Absentie, Methodetoets, MethodetoetsScore
from koppel.las.school import services as school_services
from koppel.las.school.models import Groep, Leerling, School
from koppel.las.school.seeding import plan_school
from koppel.las.school.selectors import laatste_wijziging
from tests.las.helpers import SCHOOLJAAR

TODAY = dt.date(2026, 11, 23)
DAG = dt.date(2026, 11, 20)


# --- pure rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize("tekst", ["0", "17", "40", "7,5", "7.5", "12,25"])
def test_well_formed_raw_scores_up_to_the_maximum_are_accepted(tekst: str) -> None:
    assert regels.ruwe_score_fout(tekst, maximumscore=40) is None


@pytest.mark.parametrize("tekst", ["", "-1", "abc", "17 punten", "1e3", "7,555", "½"])
def test_malformed_raw_scores_are_refused_with_an_example(tekst: str) -> None:
    assert regels.ruwe_score_fout(tekst, maximumscore=40) == (
        "Vul een score in als getal, bijvoorbeeld 17 of 7,5."
    )


def test_a_raw_score_over_the_maximum_is_refused() -> None:
    fout = regels.ruwe_score_fout("40,5", maximumscore=40)
    assert fout == "De score is hoger dan de maximumscore van deze toets (40)."


def test_a_whole_day_overlaps_every_dagdeel_but_morning_and_afternoon_do_not() -> None:
    assert regels.dagdelen_botsen("dag", "middag") and regels.dagdelen_botsen("ochtend", "dag")
    assert regels.dagdelen_botsen("ochtend", "ochtend")
    assert not regels.dagdelen_botsen("ochtend", "middag")


def test_a_date_outside_the_enrolment_or_in_the_future_is_refused() -> None:
    kwargs = {"inschrijvingsdatum": dt.date(2026, 1, 5), "today": TODAY}
    assert regels.datum_fout(TODAY, uitschrijvingsdatum=None, **kwargs) is None
    assert regels.datum_fout(TODAY + dt.timedelta(1), uitschrijvingsdatum=None, **kwargs) == (
        "De datum ligt in de toekomst."
    )
    assert "pas ingeschreven per 05-01-2026" in (
        regels.datum_fout(dt.date(2026, 1, 4), uitschrijvingsdatum=None, **kwargs) or ""
    )
    assert "uitgeschreven per 01-11-2026" in (
        regels.datum_fout(DAG, uitschrijvingsdatum=dt.date(2026, 11, 1), **kwargs) or ""
    )


# --- services -----------------------------------------------------------------------------------


def _leerling(school: School) -> Leerling:
    return Leerling.objects.filter(school=school, groep__isnull=False).order_by("pk").first()


def _oud(leerling: Leerling) -> dt.datetime:
    stamp = timezone.now() - dt.timedelta(days=3)
    Leerling.objects.filter(pk=leerling.pk).update(mutatiedatum=stamp)
    return stamp


@pytest.mark.django_db
def test_recording_an_absence_stores_it_and_bumps_the_pupils_mutatiedatum(school: School) -> None:
    leerling = _leerling(school)
    oud = _oud(leerling)
    absentie = services.record_absentie(
        leerling, datum=DAG, dagdeel="ochtend", soort="ziek", door="Juf Jansen", today=TODAY
    )
    assert Absentie.objects.get(pk=absentie.pk).ingevoerd_door == "Juf Jansen"
    leerling.refresh_from_db()
    assert leerling.mutatiedatum > oud
    assert laatste_wijziging(school.pk, today=TODAY) >= leerling.mutatiedatum


@pytest.mark.django_db
def test_an_overlapping_absence_is_refused_but_the_other_dagdeel_is_fine(school: School) -> None:
    leerling = _leerling(school)
    Absentie.objects.filter(leerling=leerling).delete()
    kwargs = {"datum": DAG, "door": "Juf", "today": TODAY}
    services.record_absentie(leerling, dagdeel="ochtend", soort="te_laat", **kwargs)
    services.record_absentie(leerling, dagdeel="middag", soort="geoorloofd", **kwargs)
    with pytest.raises(AlreadyExists, match="al een absentie geregistreerd"):
        services.record_absentie(leerling, dagdeel="dag", soort="ziek", **kwargs)
    assert Absentie.objects.filter(leerling=leerling, datum=DAG).count() == 2


@pytest.mark.django_db
def test_an_absence_in_the_future_is_refused(school: School) -> None:
    with pytest.raises(InvalidState, match="toekomst"):
        services.record_absentie(
            _leerling(school),
            datum=TODAY + dt.timedelta(1),
            dagdeel="dag",
            soort="ziek",
            door="Juf",
            today=TODAY,
        )


@pytest.mark.django_db
def test_deleting_an_absence_bumps_the_pupils_mutatiedatum(school: School) -> None:
    leerling = _leerling(school)
    absentie = services.record_absentie(
        leerling, datum=dt.date(2026, 11, 2), dagdeel="middag", soort="ziek", door="J", today=TODAY
    )
    oud = _oud(leerling)
    services.delete_absentie(absentie)
    leerling.refresh_from_db()
    assert not Absentie.objects.filter(pk=absentie.pk).exists() and leerling.mutatiedatum > oud


@pytest.fixture
def andere_school(db: None) -> School:
    plan = plan_school(brincode="88YY", leerlingen=10, seed=8, schooljaar=SCHOOLJAAR)
    return school_services.seed_school(plan)


def _toets(school: School) -> Methodetoets:
    return Methodetoets.objects.filter(school=school, vakgebied="spelling").first()


@pytest.mark.django_db
@pytest.mark.parametrize(("getypt", "opgeslagen"), [("7,5", "7,5"), (" 17 ", "17"), ("08", "08")])
def test_entered_scores_are_stored_as_typed(school: School, getypt: str, opgeslagen: str) -> None:
    leerling = _leerling(school)
    oud = _oud(leerling)
    score = services.enter_toetsscore(
        leerling, toets=_toets(school), datum=DAG, ruwe_score=getypt, door="Juf", today=TODAY
    )
    assert MethodetoetsScore.objects.get(pk=score.pk).ruwe_score == opgeslagen
    leerling.refresh_from_db()
    assert leerling.mutatiedatum > oud


@pytest.mark.django_db
def test_a_score_over_the_maximum_or_of_another_schools_test_is_refused(
    school: School, andere_school: School
) -> None:
    leerling, toets = _leerling(school), _toets(school)
    kwargs = {"datum": DAG, "door": "Juf", "today": TODAY}
    with pytest.raises(InvalidState, match="hoger dan de maximumscore"):
        services.enter_toetsscore(leerling, toets=toets, ruwe_score="31", **kwargs)
    with pytest.raises(InvalidState, match="hoort niet bij de school"):
        services.enter_toetsscore(leerling, toets=_toets(andere_school), ruwe_score="3", **kwargs)
    assert not MethodetoetsScore.objects.filter(leerling=leerling, datum=DAG).exists()


# --- the loopbaan follows the school's edits ----------------------------------------------------


@pytest.mark.django_db
def test_moving_a_pupil_closes_the_old_groepsindeling_and_opens_a_new_one(school: School) -> None:
    leerling = _leerling(school)
    ander = Groep.objects.filter(school=school).exclude(pk=leerling.groep_id).first()
    school_services.move_leerling(leerling, groep=ander)
    today = timezone.localdate()
    open_ = leerling.groepsindelingen.get(tot__isnull=True)
    assert (open_.groep_id, open_.groepnaam, open_.vanaf) == (ander.pk, ander.naam, today)
    assert open_.schooljaar == school.schooljaar
    vorige = leerling.groepsindelingen.exclude(pk=open_.pk).order_by("-vanaf").first()
    assert vorige.tot == today - dt.timedelta(days=1)


@pytest.mark.django_db
def test_leaving_closes_the_inschrijving_and_the_groepsindeling(school: School) -> None:
    leerling = _leerling(school)
    school_services.uitschrijven(leerling, datum=TODAY)
    assert leerling.inschrijvingen.get().datum_uitschrijving == TODAY
    assert not leerling.groepsindelingen.filter(tot__isnull=True).exists()
    assert leerling.groepsindelingen.order_by("-vanaf").first().tot == TODAY - dt.timedelta(1)


@pytest.mark.django_db
def test_a_new_pupil_starts_a_loopbaan(school: School) -> None:
    groep = Groep.objects.filter(school=school).first()
    nieuw = school_services.add_leerling(
        school,
        school_services.NieuweLeerling(
            achternaam="Nieuw",
            roepnaam="Noor",
            geboortedatum=dt.date(2020, 3, 3),
            jaargroep="3",
            groep=groep,
            inschrijvingsdatum=TODAY,
        ),
        today=TODAY,
    )
    assert nieuw.inschrijvingen.get().datum_inschrijving == TODAY
    assert nieuw.groepsindelingen.get().groep == groep
