"""Editing the pupil file: verzorgers (add, change, link, unlink), uitstroom, LGF/arrangements
and new method tests. Every write bumps the ``mutatiedatum`` of every pupil whose data changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koppel.las.errors import AlreadyExists, InvalidState, NotFound
from koppel.las.leerlingdossier import regels, services
from koppel.las.leerlingdossier import services_loopbaan as loopbaan
from koppel.las.leerlingdossier import services_verzorgers as verzorgers
from koppel.las.leerlingdossier.models import (
    Adres,
    Arrangement,
    LeerlingVerzorger,
    Methodetoets,
    Uitstroom,
    Verzorger,
)
from koppel.las.school import services as school_services
from koppel.las.school.models import Leerling, School
from koppel.las.school.seeding import plan_school
from tests.las.helpers import SCHOOLJAAR

BEGIN = dt.date(2026, 1, 5)
ADRES = verzorgers.AdresVelden(straat="Lindelaan", huisnummer="4", postcode="1234 AB", plaats="Ede")
NIEUW = verzorgers.VerzorgerVelden(
    achternaam="Bakker", voorletters="M.", roepnaam="Mila", telefoon="06-11112222", adres=ADRES
)
MOEDER = verzorgers.RelatieVelden(relatie="moeder")


# --- pure rules ---------------------------------------------------------------------------------


def test_an_uitstroom_before_the_enrolment_is_refused_and_on_the_day_itself_accepted() -> None:
    assert regels.uitstroom_fout(BEGIN, inschrijvingsdatum=BEGIN) is None
    assert regels.uitstroom_fout(dt.date(2026, 1, 4), inschrijvingsdatum=BEGIN) == (
        "De uitstroomdatum ligt voor de inschrijvingsdatum (05-01-2026)."
    )


def test_an_arrangement_may_end_on_its_first_day_or_stay_open_but_not_end_before_it() -> None:
    assert regels.arrangement_fout(BEGIN, None) is None
    assert regels.arrangement_fout(BEGIN, BEGIN) is None
    assert regels.arrangement_fout(BEGIN, dt.date(2026, 1, 1)) == (
        "De einddatum ligt voor de begindatum (05-01-2026)."
    )


@pytest.mark.parametrize(("maximum", "goed"), [(0, False), (1, True), (999, True), (1000, False)])
def test_a_maximum_score_lies_between_one_and_what_a_raw_score_can_hold(
    maximum: int, goed: bool
) -> None:
    assert (regels.maximumscore_fout(maximum) is None) is goed


def test_a_verzorger_without_achternaam_is_refused() -> None:
    assert regels.verzorger_naam_fout("  ") == "Vul de achternaam van de verzorger in."
    assert regels.verzorger_naam_fout("Bakker") is None


# --- verzorgers ---------------------------------------------------------------------------------


def _leerlingen(school: School, n: int = 2) -> list[Leerling]:
    return list(Leerling.objects.filter(school=school).order_by("pk")[:n])


def _oud(*leerlingen: Leerling) -> dt.datetime:
    stamp = timezone.now() - dt.timedelta(days=3)
    Leerling.objects.filter(pk__in=[ll.pk for ll in leerlingen]).update(mutatiedatum=stamp)
    return stamp


def _bumped(leerling: Leerling, oud: dt.datetime) -> bool:
    return Leerling.objects.get(pk=leerling.pk).mutatiedatum > oud


@pytest.mark.django_db
def test_adding_a_verzorger_links_it_with_an_address_and_bumps_the_pupil(school: School) -> None:
    leerling = _leerlingen(school, 1)[0]
    oud = _oud(leerling)
    voor = leerling.relaties.count()
    verzorger = verzorgers.add_verzorger(leerling, NIEUW, relatie=MOEDER)
    relatie = LeerlingVerzorger.objects.get(leerling=leerling, verzorger=verzorger)
    assert (relatie.relatie, relatie.wettelijk_gezag, relatie.volgorde) == (
        "moeder",
        True,
        voor + 1,
    )
    assert verzorger.key.startswith("VZ-") and verzorger.school == school
    assert verzorger.adres is not None and verzorger.adres.straat == "Lindelaan"
    assert _bumped(leerling, oud)


@pytest.mark.django_db
def test_a_verzorger_without_achternaam_is_not_stored(school: School) -> None:
    leerling = _leerlingen(school, 1)[0]
    voor = Verzorger.objects.count()
    with pytest.raises(InvalidState, match="achternaam"):
        verzorgers.add_verzorger(
            leerling, verzorgers.VerzorgerVelden(achternaam=" "), relatie=MOEDER
        )
    assert Verzorger.objects.count() == voor


@pytest.mark.django_db
def test_changing_a_shared_verzorger_bumps_every_linked_pupil(school: School) -> None:
    een, ander = _leerlingen(school)
    verzorger = verzorgers.add_verzorger(een, NIEUW, relatie=MOEDER)
    verzorgers.link_verzorger(ander, verzorger, relatie=MOEDER)
    oud = _oud(een, ander)
    relatie = LeerlingVerzorger.objects.get(leerling=een, verzorger=verzorger)
    nieuw = verzorgers.VerzorgerVelden(achternaam="Bakker", telefoon="06-99990000", adres=ADRES)
    verzorgers.change_verzorger(relatie, nieuw, relatie_velden=MOEDER)
    assert Verzorger.objects.get(pk=verzorger.pk).telefoon == "06-99990000"
    assert _bumped(een, oud) and _bumped(ander, oud)


@pytest.mark.django_db
def test_moving_one_of_two_verzorgers_at_one_address_leaves_the_other_at_home(
    school: School,
) -> None:
    leerling = _leerlingen(school, 1)[0]
    een = verzorgers.add_verzorger(leerling, NIEUW, relatie=MOEDER)
    ander = verzorgers.add_verzorger(leerling, NIEUW, relatie=MOEDER)
    Verzorger.objects.filter(pk=ander.pk).update(adres=een.adres)
    verhuisd = verzorgers.VerzorgerVelden(
        achternaam="Bakker",
        adres=verzorgers.AdresVelden(straat="Dorp", huisnummer="1", plaats="Epe"),
    )
    relatie = LeerlingVerzorger.objects.get(leerling=leerling, verzorger=een)
    verzorgers.change_verzorger(relatie, verhuisd, relatie_velden=MOEDER)
    een.refresh_from_db()
    ander.refresh_from_db()
    assert een.adres is not None and ander.adres is not None
    assert (een.adres.straat, ander.adres.straat) == ("Dorp", "Lindelaan")


@pytest.mark.django_db
def test_clearing_the_only_user_of_an_address_removes_the_address_row(school: School) -> None:
    leerling = _leerlingen(school, 1)[0]
    verzorger = verzorgers.add_verzorger(leerling, NIEUW, relatie=MOEDER)
    adres_id = verzorger.adres_id
    relatie = LeerlingVerzorger.objects.get(leerling=leerling, verzorger=verzorger)
    zonder = verzorgers.VerzorgerVelden(achternaam="Bakker")
    verzorgers.change_verzorger(relatie, zonder, relatie_velden=MOEDER)
    assert Verzorger.objects.get(pk=verzorger.pk).adres is None
    assert not Adres.objects.filter(pk=adres_id).exists()


@pytest.mark.django_db
def test_linking_twice_is_refused(school: School) -> None:
    een, ander = _leerlingen(school)
    verzorger = verzorgers.add_verzorger(een, NIEUW, relatie=MOEDER)
    verzorgers.link_verzorger(ander, verzorger, relatie=MOEDER)
    with pytest.raises(AlreadyExists, match="is al verzorger van"):
        verzorgers.link_verzorger(ander, verzorger, relatie=MOEDER)


@pytest.mark.django_db
def test_another_schools_verzorger_cannot_be_linked(school: School) -> None:
    plan = plan_school(brincode="88YY", leerlingen=5, seed=8, schooljaar=SCHOOLJAAR)
    andere = school_services.seed_school(plan)
    vreemd = Verzorger.objects.filter(school=andere).first()
    with pytest.raises(InvalidState, match="hoort niet bij de school"):
        verzorgers.link_verzorger(_leerlingen(school, 1)[0], vreemd, relatie=MOEDER)


@pytest.mark.django_db
def test_unlinking_keeps_a_verzorger_linked_elsewhere_and_removes_it_after_the_last(
    school: School,
) -> None:
    een, ander = _leerlingen(school)
    verzorger = verzorgers.add_verzorger(een, NIEUW, relatie=MOEDER)
    verzorgers.link_verzorger(ander, verzorger, relatie=MOEDER)
    oud = _oud(een, ander)
    eerste = LeerlingVerzorger.objects.get(leerling=een, verzorger=verzorger)
    assert verzorgers.unlink_verzorger(eerste) is False
    assert Verzorger.objects.filter(pk=verzorger.pk).exists()
    assert _bumped(een, oud) and _bumped(ander, oud)
    laatste = LeerlingVerzorger.objects.get(leerling=ander, verzorger=verzorger)
    assert verzorgers.unlink_verzorger(laatste) is True
    assert not Verzorger.objects.filter(pk=verzorger.pk).exists()
    assert not Adres.objects.filter(pk=verzorger.adres_id).exists()


@pytest.mark.django_db
def test_unlinking_the_first_contact_makes_the_next_one_first(school: School) -> None:
    leerling = _leerlingen(school, 1)[0]
    velden = verzorgers.VerzorgerVelden(achternaam="Smit", roepnaam="Laatste")
    verzorgers.add_verzorger(leerling, velden, relatie=MOEDER)
    voor = list(leerling.relaties.order_by("volgorde"))
    assert len(voor) >= 2 and [r.volgorde for r in voor] == list(range(1, len(voor) + 1))

    verzorgers.unlink_verzorger(voor[0])

    na = list(leerling.relaties.order_by("volgorde"))
    assert [r.pk for r in na] == [r.pk for r in voor[1:]]
    assert [r.volgorde for r in na] == list(range(1, len(voor)))


# --- uitstroom and arrangementen ----------------------------------------------------------------


@pytest.mark.django_db
def test_recording_an_uitstroom_replaces_the_old_one_and_clearing_removes_it(
    school: School,
) -> None:
    leerling = _leerlingen(school, 1)[0]
    oud = _oud(leerling)
    datum = leerling.inschrijvingsdatum + dt.timedelta(days=30)
    velden = loopbaan.UitstroomVelden(datum=datum, bestemming="vo", schooladvies="havo")
    loopbaan.record_uitstroom(leerling, velden)
    loopbaan.record_uitstroom(leerling, loopbaan.UitstroomVelden(datum=datum, bestemming="so"))
    assert Uitstroom.objects.get(leerling=leerling).bestemming == "so"
    assert _bumped(leerling, oud)
    loopbaan.clear_uitstroom(leerling)
    assert not Uitstroom.objects.filter(leerling=leerling).exists()
    with pytest.raises(NotFound, match="geen uitstroom"):
        loopbaan.clear_uitstroom(leerling)


@pytest.mark.django_db
def test_an_uitstroom_before_the_enrolment_is_not_stored(school: School) -> None:
    leerling = _leerlingen(school, 1)[0]
    Uitstroom.objects.filter(leerling=leerling).delete()
    te_vroeg = leerling.inschrijvingsdatum - dt.timedelta(days=1)
    with pytest.raises(InvalidState, match="voor de inschrijvingsdatum"):
        loopbaan.record_uitstroom(
            leerling, loopbaan.UitstroomVelden(datum=te_vroeg, bestemming="vo")
        )
    assert not Uitstroom.objects.filter(leerling=leerling).exists()


@pytest.mark.django_db
def test_an_arrangement_is_added_ended_and_deleted_each_time_bumping_the_pupil(
    school: School,
) -> None:
    leerling = _leerlingen(school, 1)[0]
    velden = loopbaan.ArrangementVelden(soort="lgf-2", begindatum=BEGIN)
    oud = _oud(leerling)
    arrangement = loopbaan.add_arrangement(leerling, velden)
    assert _bumped(leerling, oud)
    oud = _oud(leerling)
    loopbaan.end_arrangement(arrangement, einddatum=dt.date(2026, 7, 10))
    assert Arrangement.objects.get(pk=arrangement.pk).einddatum == dt.date(2026, 7, 10)
    assert _bumped(leerling, oud)
    oud = _oud(leerling)
    loopbaan.delete_arrangement(arrangement)
    assert not Arrangement.objects.filter(pk=arrangement.pk).exists()
    assert _bumped(leerling, oud)


@pytest.mark.django_db
def test_an_arrangement_ending_before_it_begins_is_refused(school: School) -> None:
    leerling = _leerlingen(school, 1)[0]
    te_vroeg = loopbaan.ArrangementVelden(
        soort="lgf-1", begindatum=BEGIN, einddatum=dt.date(2026, 1, 4)
    )
    with pytest.raises(InvalidState, match="voor de begindatum"):
        loopbaan.add_arrangement(leerling, te_vroeg)
    arrangement = loopbaan.add_arrangement(
        leerling, loopbaan.ArrangementVelden(soort="lgf-1", begindatum=BEGIN)
    )
    with pytest.raises(InvalidState, match="voor de begindatum"):
        loopbaan.end_arrangement(arrangement, einddatum=dt.date(2025, 12, 31))
    assert Arrangement.objects.get(pk=arrangement.pk).einddatum is None


# --- methodetoetsen -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_methodetoets_is_added_once_per_methode_and_naam(school: School) -> None:
    kwargs = {"methode": "Wereld in getallen", "naam": "Blok 9", "vakgebied": "rekenen"}
    toets = services.add_methodetoets(school.pk, maximumscore=40, **kwargs)
    assert Methodetoets.objects.get(pk=toets.pk).school == school
    with pytest.raises(AlreadyExists, match="bestaat al"):
        services.add_methodetoets(school.pk, maximumscore=30, **kwargs)
    with pytest.raises(InvalidState, match="tussen 1 en 999"):
        services.add_methodetoets(school.pk, maximumscore=0, **{**kwargs, "naam": "Blok 10"})
