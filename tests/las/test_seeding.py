"""The demo school generator: deterministic, realistic in shape, fast and idempotent per BRIN."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from koppel.las.errors import AlreadyExists
from koppel.las.koppelingen import services as koppelingen
from koppel.las.school import services
from koppel.las.school.models import Leerkracht, Leerling, School
from koppel.las.school.seeding import huidig_schooljaar, plan_school

ECKID = re.compile(r"https://ketenid\.nl/201703/[0-9a-f]{128}")


def plan(seed: int = 1, leerlingen: int = 400, brincode: str = "99XX") -> object:
    return plan_school(brincode=brincode, leerlingen=leerlingen, seed=seed, schooljaar="2026-2027")


def test_the_same_seed_gives_the_same_school() -> None:
    assert plan(seed=5) == plan(seed=5)


def test_another_seed_or_brin_gives_another_school() -> None:
    assert plan(seed=5).leerlingen != plan(seed=6).leerlingen
    assert plan(brincode="98AB").leerlingen[0].eckid != plan().leerlingen[0].eckid


def test_the_school_has_groups_1_to_8_with_combination_groups() -> None:
    school = plan()
    assert len(school.leerlingen) == 400
    assert {ll.jaargroep for ll in school.leerlingen} == {str(j) for j in range(1, 9)}
    combinatie = {g.key for g in school.groepen if g.jaargroep == "C"}
    assert combinatie
    in_combinatie = {ll.jaargroep for ll in school.leerlingen if ll.groep in combinatie}
    assert "C" not in in_combinatie and len(in_combinatie) >= 2


def test_birth_dates_fit_the_jaargroep() -> None:
    for leerling in plan().leerlingen:
        leeftijd = (dt.date(2026, 10, 1) - leerling.geboortedatum).days / 365.25
        assert 3 + int(leerling.jaargroep) <= leeftijd <= 6 + int(leerling.jaargroep)
        assert leerling.inschrijvingsdatum >= leerling.geboortedatum


def test_about_nine_in_ten_people_have_a_well_formed_eckid() -> None:
    school = plan()
    eckids = [p.eckid for p in (*school.leerlingen, *school.leerkrachten) if p.eckid]
    assert all(ECKID.fullmatch(e) for e in eckids)
    assert 0.8 < len(eckids) / (len(school.leerlingen) + len(school.leerkrachten)) < 0.97
    assert len(set(eckids)) == len(eckids)


def test_names_use_voorvoegsels_initials_and_valid_codes() -> None:
    school = plan()
    assert Counter(bool(ll.voorvoegsel) for ll in school.leerlingen)[True] > 20
    assert all(ll.voorletters and len(ll.voorletters) <= 6 for ll in school.leerlingen)
    assert {ll.geslacht for ll in school.leerlingen} <= {"0", "1", "2", "9"}
    assert all(re.fullmatch(r"\d{4}", ll.bsn_laatste_vier) for ll in school.leerlingen)


def test_teachers_have_unique_email_addresses_and_roles() -> None:
    leerkrachten = plan().leerkrachten
    assert len({lk.emailadres for lk in leerkrachten}) == len(leerkrachten)
    assert {"LRK", "IB", "DIR"} <= {lk.rol for lk in leerkrachten}
    assert all(lk.groepen for lk in leerkrachten if lk.rol == "LRK")


def test_some_pupils_are_in_samengestelde_groepen() -> None:
    school = plan()
    assert school.samengestelde_groepen
    assert 0.15 < sum(bool(ll.samengestelde_groepen) for ll in school.leerlingen) / 400 < 0.45


def test_the_school_year_starts_on_the_first_of_august() -> None:
    assert huidig_schooljaar(dt.date(2026, 7, 31)) == "2025-2026"
    assert huidig_schooljaar(dt.date(2026, 8, 1)) == "2026-2027"


@pytest.mark.django_db
def test_seeding_stores_the_planned_school() -> None:
    gepland = plan(leerlingen=120)
    school = services.seed_school(gepland)
    assert Leerling.objects.filter(school=school).count() == 120
    assert Leerkracht.objects.filter(school=school).count() == len(gepland.leerkrachten)
    assert Leerling.samengestelde_groepen.through.objects.count() == sum(
        len(ll.samengestelde_groepen) for ll in gepland.leerlingen
    )


@pytest.mark.django_db
def test_seeding_a_brin_twice_is_refused_unless_replacing_and_replacing_keeps_couplings() -> None:
    school = services.seed_school(plan(leerlingen=50))
    partner = koppelingen.add_partner(naam="UitgeverX", klantcode="UX-01")
    koppelingen.suggest(school=school, partner=partner)
    with pytest.raises(AlreadyExists):
        services.seed_school(plan(leerlingen=50))
    services.seed_school(plan(seed=2, leerlingen=30), vervang=True)
    assert Leerling.objects.count() == 30
    assert School.objects.get().koppelingen.count() == 1


@pytest.mark.django_db
def test_the_seed_command_reports_what_it_made(capsys: pytest.CaptureFixture[str]) -> None:
    call_command(
        "seed", "--brin", "99XX", "--leerlingen", "30", "--seed", "3", "--schooljaar", "2026-2027"
    )
    assert "30 leerlingen" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--vervang"):
        call_command("seed", "--brin", "99XX", "--leerlingen", "30")
