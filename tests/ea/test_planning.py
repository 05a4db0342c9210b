"""The import plan: categories, every matching rule and its reden, conflicts, re-imports, verdwenen
pupils, and the JSON round trips (property-tested). Pure: no database, no LAS."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from koppel.ea.importeren import planning as p

KOP = p.Kop(schooljaar="2026-2027", brincode="99XX")
GEBOREN = dt.date(2017, 3, 14)


def las(**kwargs: Any) -> p.LasGegevens:
    return p.LasGegevens(kop=KOP, **kwargs)


def leerling(key: str = "LL-1", **kwargs: Any) -> p.LasLeerling:
    velden = {"achternaam": "Jansen", "roepnaam": "Sanne", "geboortedatum": GEBOREN, **kwargs}
    return p.LasLeerling(key=key, **velden)


def bestaande_leerling(id: int = 1, **kwargs: Any) -> p.BestaandeLeerling:
    velden = {"achternaam": "Jansen", "roepnaam": "Sanne", "geboortedatum": GEBOREN, **kwargs}
    return p.BestaandeLeerling(id=id, **velden)


def leerkracht(key: str = "LK-1", **kwargs: Any) -> p.LasLeerkracht:
    return p.LasLeerkracht(key=key, **{"achternaam": "Vries", "roepnaam": "Jan", **kwargs})


def rijen(plan: p.Plan, soort: str) -> dict[str, p.Rij]:
    return {r.las_key: r for r in plan.rijen[soort]}


def een(plan: p.Plan, soort: str) -> p.Rij:
    (rij,) = plan.rijen[soort]
    return rij


# --- categories and matching rules ---------------------------------------------------------------


def test_everything_is_new_for_a_test_centre_without_records() -> None:
    plan = p.plan_import(
        las(
            groepen=(p.LasGroep(key="G-1", naam="Groep 5a"),),
            leerkrachten=(leerkracht(),),
            leerlingen=(leerling(),),
        ),
        p.Bestaand(),
    )
    for soort in p.SOORTEN:
        rij = een(plan, soort)
        assert (rij.categorie, rij.bestaand_id, rij.reden, rij.conflict) == (p.NIEUW, None, "", "")
    assert plan.kop == KOP
    assert plan.verdwenen == []


def test_a_pupil_is_linked_on_eckid_before_anything_else() -> None:
    bestaand = p.Bestaand(
        leerlingen=(
            bestaande_leerling(1, las_key="LL-1"),
            bestaande_leerling(2, eckid="https://ketenid.nl/201703/abc", las_key="LL-OUD"),
        )
    )
    plan = p.plan_import(
        las(leerlingen=(leerling(eckid="https://ketenid.nl/201703/abc"),)), bestaand
    )
    rij = een(plan, p.LEERLINGEN)
    assert (rij.categorie, rij.bestaand_id, rij.reden) == (p.BESTAAND, 2, p.OP_ECKID)


def test_a_pupil_is_linked_on_its_las_key() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(7, las_key="LL-1", achternaam="Anders"),))
    rij = een(p.plan_import(las(leerlingen=(leerling(),)), bestaand), p.LEERLINGEN)
    assert (rij.categorie, rij.bestaand_id, rij.reden) == (p.BESTAAND, 7, p.OP_LAS_KEY)
    assert rij.bestaand_naam == "Anders, Sanne"


def test_a_pupil_is_linked_on_name_and_birth_date_ignoring_case_and_spaces() -> None:
    bestaand = p.Bestaand(
        leerlingen=(bestaande_leerling(3, achternaam=" jansen ", roepnaam="SANNE"),)
    )
    rij = een(p.plan_import(las(leerlingen=(leerling(),)), bestaand), p.LEERLINGEN)
    assert (rij.categorie, rij.bestaand_id, rij.reden) == (p.BESTAAND, 3, p.OP_NAAM_GEBOORTEDATUM)


def test_a_pupil_with_the_same_name_but_another_birth_date_is_new() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(3, geboortedatum=dt.date(2016, 1, 1)),))
    rij = een(p.plan_import(las(leerlingen=(leerling(),)), bestaand), p.LEERLINGEN)
    assert rij.categorie == p.NIEUW


def test_name_alone_without_birth_dates_links_nothing() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(3, geboortedatum=None),))
    rij = een(
        p.plan_import(las(leerlingen=(leerling(geboortedatum=None),)), bestaand), p.LEERLINGEN
    )
    assert rij.categorie == p.NIEUW


def test_teachers_are_linked_on_eckid_las_key_and_email_address_in_any_case() -> None:
    bestaand = p.Bestaand(
        leerkrachten=(
            p.BestaandeLeerkracht(id=1, achternaam="A", eckid="E-1"),
            p.BestaandeLeerkracht(id=2, achternaam="B", las_key="LK-2"),
            p.BestaandeLeerkracht(id=3, achternaam="C", emailadres="C.Bakker@School.nl"),
        )
    )
    gegevens = las(
        leerkrachten=(
            leerkracht("LK-1", eckid="E-1"),
            leerkracht("LK-2"),
            leerkracht("LK-3", emailadres="c.bakker@school.nl "),
            leerkracht("LK-4", emailadres="nieuw@school.nl"),
        )
    )
    per_key = rijen(p.plan_import(gegevens, bestaand), p.LEERKRACHTEN)
    assert {k: (r.bestaand_id, r.reden) for k, r in per_key.items()} == {
        "LK-1": (1, p.OP_ECKID),
        "LK-2": (2, p.OP_LAS_KEY),
        "LK-3": (3, p.OP_EMAILADRES),
        "LK-4": (None, ""),
    }


def test_a_teacher_keeps_the_las_email_address_or_else_the_existing_one() -> None:
    bestaand = p.Bestaand(
        leerkrachten=(
            p.BestaandeLeerkracht(
                id=1, achternaam="Vries", roepnaam="Jan", las_key="LK-1", emailadres="oud@school.nl"
            ),
            p.BestaandeLeerkracht(id=2, achternaam="B", las_key="LK-2", emailadres="b@school.nl"),
        )
    )
    gegevens = las(
        leerkrachten=(leerkracht("LK-1", emailadres="nieuw@school.nl"), leerkracht("LK-2"))
    )
    per_key = rijen(p.plan_import(gegevens, bestaand), p.LEERKRACHTEN)
    assert per_key["LK-1"].emailadres == "nieuw@school.nl"
    assert per_key["LK-1"].wijzigingen == (
        "e-mailadres gewijzigd: oud@school.nl → nieuw@school.nl",
    )
    assert per_key["LK-2"].emailadres == "b@school.nl"


def test_groups_are_linked_on_las_key_then_on_name() -> None:
    bestaand = p.Bestaand(
        groepen=(
            p.BestaandeGroep(id=1, naam="Groep 3", las_key="G-1"),
            p.BestaandeGroep(id=2, naam="groep  4B"),
        )
    )
    gegevens = las(
        groepen=(
            p.LasGroep(key="G-1", naam="Groep 3a"),
            p.LasGroep(key="G-2", naam="Groep 4b"),
            p.LasGroep(key="G-3", naam="Groep 5"),
        )
    )
    per_key = rijen(p.plan_import(gegevens, bestaand), p.GROEPEN)
    assert {k: (r.bestaand_id, r.reden) for k, r in per_key.items()} == {
        "G-1": (1, p.OP_LAS_KEY),
        "G-2": (2, p.OP_NAAM),
        "G-3": (None, ""),
    }
    assert per_key["G-1"].wijzigingen == ("naam gewijzigd: Groep 3 → Groep 3a",)


def test_rows_are_ordered_by_name_with_numbers_in_natural_order() -> None:
    groepen = tuple(p.LasGroep(key=f"G-{n}", naam=n) for n in ("Groep 10", "groep 2", "Groep 1"))
    leerlingen = (
        leerling("1", achternaam="Visser"),
        leerling("2", achternaam="Bakker", roepnaam="Tess"),
        leerling("3", achternaam="Bakker", roepnaam="Daan"),
    )
    plan = p.plan_import(las(groepen=groepen, leerlingen=leerlingen), p.Bestaand())
    assert [r.naam for r in plan.rijen[p.GROEPEN]] == ["Groep 1", "groep 2", "Groep 10"]
    assert [r.naam for r in plan.rijen[p.LEERLINGEN]] == [
        "Bakker, Daan",
        "Bakker, Tess",
        "Visser, Sanne",
    ]


def test_rows_show_names_and_the_names_of_their_groups() -> None:
    gegevens = las(
        groepen=(
            p.LasGroep(key="G-1", naam="Groep 5a"),
            p.LasGroep(key="SG-1", naam="Rekengroep plus", samengesteld=True),
        ),
        leerkrachten=(leerkracht(voorvoegsel="de", groep_keys=("G-1", "SG-1")),),
        leerlingen=(leerling(groep_key="G-1", samengestelde_groep_keys=("SG-1",)),),
    )
    plan = p.plan_import(gegevens, p.Bestaand())
    assert een(plan, p.LEERKRACHTEN).naam == "Vries, Jan de"
    assert een(plan, p.LEERKRACHTEN).groepen == ("Groep 5a", "Rekengroep plus")
    assert een(plan, p.LEERLINGEN).groepen == ("Groep 5a", "Rekengroep plus")


# --- conflicts ----------------------------------------------------------------------------------


def test_two_pupils_claiming_one_existing_record_equally_are_both_left_new() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(5),))
    plan = p.plan_import(las(leerlingen=(leerling("LL-1"), leerling("LL-2"))), bestaand)
    for rij in plan.rijen[p.LEERLINGEN]:
        assert (rij.categorie, rij.bestaand_id) == (p.NIEUW, None)
        assert "Jansen, Sanne" in rij.conflict
        assert "bestaande leerling" in rij.conflict


def test_the_stronger_rule_wins_a_claim_on_one_existing_record() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(5, eckid="E-1"),))
    gegevens = las(leerlingen=(leerling("LL-1"), leerling("LL-2", eckid="E-1")))
    per_key = rijen(p.plan_import(gegevens, bestaand), p.LEERLINGEN)
    assert (per_key["LL-2"].categorie, per_key["LL-2"].reden) == (p.BESTAAND, p.OP_ECKID)
    assert (per_key["LL-1"].categorie, per_key["LL-1"].conflict) == (p.NIEUW, "")


def test_a_pupil_fitting_two_existing_records_is_left_new_with_a_conflict() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(5), bestaande_leerling(6)))
    rij = een(p.plan_import(las(leerlingen=(leerling(),)), bestaand), p.LEERLINGEN)
    assert rij.categorie == p.NIEUW
    assert rij.conflict.startswith("Meerdere bestaande leerlingen passen op naam en geboortedatum")


def test_a_name_never_takes_a_record_that_belongs_to_another_pupil_the_las_still_sends() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(5, las_key="LL-1", achternaam="Bos"),))
    gegevens = las(leerlingen=(leerling("LL-1", achternaam="Bos", eckid=""), leerling("LL-2")))
    per_key = rijen(p.plan_import(gegevens, bestaand), p.LEERLINGEN)
    assert per_key["LL-1"].bestaand_id == 5
    assert per_key["LL-2"].categorie == p.NIEUW


def test_an_existing_record_claimed_equally_twice_is_not_given_to_a_weaker_claim() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(5, eckid="E-1"),))
    gegevens = las(
        leerlingen=(
            leerling("LL-1", achternaam="Bos", eckid="E-1"),
            leerling("LL-2", achternaam="Dekker", eckid="E-1"),
            leerling("LL-3"),  # Jansen, Sanne: fits on name and birth date
        )
    )
    per_key = rijen(p.plan_import(gegevens, bestaand), p.LEERLINGEN)
    assert all(r.categorie == p.NIEUW for r in per_key.values())
    assert per_key["LL-1"].conflict == per_key["LL-2"].conflict != ""
    assert per_key["LL-3"].conflict == ""


def test_a_pupil_losing_to_a_stronger_claim_may_still_link_elsewhere() -> None:
    bestaand = p.Bestaand(
        leerlingen=(
            bestaande_leerling(5, eckid="E-1"),
            bestaande_leerling(6, achternaam="Jansen", las_key="LL-1"),
        )
    )
    gegevens = las(leerlingen=(leerling("LL-1"), leerling("LL-2", eckid="E-1")))
    per_key = rijen(p.plan_import(gegevens, bestaand), p.LEERLINGEN)
    assert (per_key["LL-2"].bestaand_id, per_key["LL-2"].reden) == (5, p.OP_ECKID)
    assert (per_key["LL-1"].bestaand_id, per_key["LL-1"].reden) == (6, p.OP_LAS_KEY)


kleine_tekst = st.sampled_from(["", "a", "b"])
kleine_datum = st.sampled_from([None, dt.date(2017, 1, 1), dt.date(2017, 1, 2)])


@settings(max_examples=150)
@given(
    st.lists(
        st.builds(
            p.LasLeerling,
            key=st.sampled_from(["K1", "K2", "K3", "K4"]),
            achternaam=kleine_tekst,
            roepnaam=kleine_tekst,
            geboortedatum=kleine_datum,
            eckid=kleine_tekst,
        ),
        max_size=4,
        unique_by=lambda ll: ll.key,
    ),
    st.lists(
        st.builds(
            p.BestaandeLeerling,
            id=st.integers(min_value=1, max_value=6),
            achternaam=kleine_tekst,
            roepnaam=kleine_tekst,
            geboortedatum=kleine_datum,
            las_key=st.sampled_from(["", "K1", "K2", "K5"]),
            eckid=kleine_tekst,
            actief=st.booleans(),
        ),
        max_size=6,
        unique_by=lambda b: b.id,
    ),
)
def test_every_las_pupil_gets_one_row_and_no_existing_pupil_is_linked_twice(
    leerlingen: list[p.LasLeerling], bestaande: list[p.BestaandeLeerling]
) -> None:
    plan = p.plan_import(las(leerlingen=tuple(leerlingen)), p.Bestaand(leerlingen=tuple(bestaande)))
    rows = plan.rijen[p.LEERLINGEN]
    assert sorted(r.las_key for r in rows) == sorted(ll.key for ll in leerlingen)
    gekoppeld = [r.bestaand_id for r in rows if r.categorie == p.BESTAAND]
    assert len(gekoppeld) == len(set(gekoppeld))
    assert all((r.categorie == p.BESTAAND) == bool(r.reden) for r in rows)
    verzonden = {ll.key for ll in leerlingen}
    for b in bestaande:
        weg = b.actief and b.las_key and b.las_key not in verzonden and b.id not in gekoppeld
        assert (b.id in plan.verdwenen) == bool(weg)


# --- re-import ----------------------------------------------------------------------------------


def test_a_pupil_moved_to_another_group_shows_the_move() -> None:
    bestaand = p.Bestaand(
        leerlingen=(
            bestaande_leerling(5, las_key="LL-1", groep_naam="Groep 5a", groep_las_key="G-5"),
        )
    )
    gegevens = las(
        groepen=(p.LasGroep(key="G-6", naam="Groep 6a"),), leerlingen=(leerling(groep_key="G-6"),)
    )
    rij = een(p.plan_import(gegevens, bestaand), p.LEERLINGEN)
    assert rij.wijzigingen == ("verhuisd van Groep 5a naar Groep 6a",)


def test_a_renamed_pupil_and_a_corrected_birth_date_are_shown() -> None:
    bestaand = p.Bestaand(
        leerlingen=(bestaande_leerling(5, las_key="LL-1", geboortedatum=dt.date(2017, 3, 13)),)
    )
    rij = een(
        p.plan_import(las(leerlingen=(leerling(achternaam="Jansen-Bos"),)), bestaand), p.LEERLINGEN
    )
    assert rij.wijzigingen == (
        "naam gewijzigd: Jansen, Sanne → Jansen-Bos, Sanne",
        "geboortedatum gewijzigd: 13-03-2017 → 14-03-2017",
    )


def test_an_unchanged_pupil_in_the_same_group_has_no_changes() -> None:
    bestaand = p.Bestaand(
        leerlingen=(
            bestaande_leerling(5, las_key="LL-1", groep_naam="Groep 5a", groep_las_key="G-5"),
        )
    )
    gegevens = las(
        groepen=(p.LasGroep(key="G-5", naam="Groep 5A"),), leerlingen=(leerling(groep_key="G-5"),)
    )
    assert een(p.plan_import(gegevens, bestaand), p.LEERLINGEN).wijzigingen == ()


def test_pupils_the_las_no_longer_sends_are_to_be_deactivated() -> None:
    bestaand = p.Bestaand(
        leerlingen=(
            bestaande_leerling(1, las_key="LL-1"),
            bestaande_leerling(2, las_key="LL-WEG", achternaam="Weg"),
            bestaande_leerling(3, las_key="", achternaam="Handmatig"),
            bestaande_leerling(4, las_key="LL-AL-WEG", achternaam="Oud", actief=False),
            bestaande_leerling(5, las_key="LL-OUDE-SLEUTEL", achternaam="Bos", eckid="E-5"),
        )
    )
    gegevens = las(
        leerlingen=(leerling("LL-1"), leerling("LL-NIEUW", achternaam="Bos", eckid="E-5"))
    )
    plan = p.plan_import(gegevens, bestaand)
    assert plan.verdwenen == [2]
    assert rijen(plan, p.LEERLINGEN)["LL-NIEUW"].bestaand_id == 5


def test_an_inactive_pupil_linked_again_is_marked_as_coming_back() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(5, las_key="LL-1", actief=False),))
    rij = een(p.plan_import(las(leerlingen=(leerling(),)), bestaand), p.LEERLINGEN)
    assert rij.categorie == p.BESTAAND
    assert rij.wijzigingen == ("was niet meer actief, wordt weer actief",)


def test_a_row_as_planned_is_not_marked_as_changed() -> None:
    bestaand = p.Bestaand(leerlingen=(bestaande_leerling(5, las_key="LL-1"),))
    rij = een(p.plan_import(las(leerlingen=(leerling(),)), bestaand), p.LEERLINGEN)
    assert rij.automatisch is None
    assert not rij.aangepast


# --- JSON ---------------------------------------------------------------------------------------

tekst = st.text(max_size=12)
datum = st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
keys = st.lists(tekst, max_size=3).map(tuple)
kop = st.builds(p.Kop, schooljaar=tekst, brincode=tekst, dependancecode=tekst, schoolkey=tekst)
gegevens = st.builds(
    p.LasGegevens,
    kop=kop,
    groepen=st.lists(
        st.builds(p.LasGroep, key=tekst, naam=tekst, jaargroep=tekst, samengesteld=st.booleans()),
        max_size=3,
    ).map(tuple),
    leerkrachten=st.lists(
        st.builds(
            p.LasLeerkracht,
            key=tekst,
            achternaam=tekst,
            voorvoegsel=tekst,
            voorletters=tekst,
            roepnaam=tekst,
            emailadres=tekst,
            eckid=tekst,
            groep_keys=keys,
        ),
        max_size=3,
    ).map(tuple),
    leerlingen=st.lists(
        st.builds(
            p.LasLeerling,
            key=tekst,
            achternaam=tekst,
            roepnaam=tekst,
            voorvoegsel=tekst,
            voorletters=tekst,
            geboortedatum=datum,
            geslacht=tekst,
            jaargroep=tekst,
            eckid=tekst,
            groep_key=tekst,
            samengestelde_groep_keys=keys,
        ),
        max_size=3,
    ).map(tuple),
)
ids = st.none() | st.integers(min_value=1, max_value=10**9)
categorie = st.sampled_from(p.CATEGORIEEN)
automatisch = st.builds(
    p.Automatisch,
    categorie=categorie,
    bestaand_id=ids,
    bestaand_naam=tekst,
    reden=tekst,
    conflict=tekst,
    wijzigingen=keys,
)
rij = st.builds(
    p.Rij,
    soort=st.sampled_from(p.SOORTEN),
    las_key=tekst,
    naam=tekst,
    categorie=categorie,
    bestaand_id=ids,
    reden=tekst,
    emailadres=tekst,
    groepen=keys,
    conflict=tekst,
    wijzigingen=keys,
    bestaand_naam=tekst,
    automatisch=st.none() | automatisch,
)
plannen = st.builds(
    p.Plan,
    kop=kop,
    rijen=st.dictionaries(st.sampled_from(p.SOORTEN), st.lists(rij, max_size=3)),
    verdwenen=st.lists(st.integers(min_value=1, max_value=10**9), max_size=3),
    buiten_las=st.lists(st.integers(min_value=1, max_value=10**9), max_size=3),
)


def via_json(data: dict[str, Any]) -> Any:
    return json.loads(json.dumps(data))


@settings(max_examples=80)
@given(gegevens)
def test_las_data_survive_a_json_round_trip(value: p.LasGegevens) -> None:
    assert p.gegevens_from_json(via_json(p.gegevens_to_json(value))) == value


@settings(max_examples=80)
@given(plannen)
def test_a_plan_survives_a_json_round_trip(value: p.Plan) -> None:
    assert p.from_json(via_json(p.to_json(value))) == value


def test_dates_are_stored_as_iso_strings() -> None:
    data = p.gegevens_to_json(las(leerlingen=(leerling(),)))
    assert data["leerlingen"][0]["geboortedatum"] == "2017-03-14"


def test_a_planned_import_survives_a_json_round_trip() -> None:
    bestaand = p.Bestaand(
        leerlingen=(bestaande_leerling(5, las_key="LL-1"), bestaande_leerling(6, las_key="X"))
    )
    plan = p.plan_import(las(leerlingen=(leerling(), leerling("LL-2", achternaam="Bos"))), bestaand)
    assert p.from_json(via_json(p.to_json(plan))) == plan
