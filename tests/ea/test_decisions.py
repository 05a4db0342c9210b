"""The beheerder's decisions on an import plan: each action, the summary and what blocks the
import. Pure: no database."""

from __future__ import annotations

import datetime as dt

import pytest

from koppel.ea.errors import NotFound
from koppel.ea.importeren import decisions as d
from koppel.ea.importeren import planning as p

GEBOREN = dt.date(2017, 3, 14)


@pytest.fixture
def plan() -> p.Plan:
    """Sanne is linked on her key, Daan is new, Bos left the LAS; two teachers, one group."""
    gegevens = p.LasGegevens(
        kop=p.Kop(schooljaar="2026-2027", brincode="99XX"),
        groepen=(p.LasGroep(key="G-1", naam="Groep 5a"),),
        leerkrachten=(
            p.LasLeerkracht(key="LK-1", achternaam="Vries", roepnaam="Jan", emailadres="j@s.nl"),
            p.LasLeerkracht(key="LK-2", achternaam="Smit", roepnaam="Eva"),
        ),
        leerlingen=(
            p.LasLeerling(key="LL-1", achternaam="Jansen", roepnaam="Sanne", groep_key="G-1"),
            p.LasLeerling(key="LL-2", achternaam="Dekker", roepnaam="Daan", geboortedatum=GEBOREN),
        ),
    )
    bestaand = p.Bestaand(
        leerlingen=(
            p.BestaandeLeerling(
                id=1, achternaam="Jansen", roepnaam="Sane", las_key="LL-1", groep_naam="Groep 5a"
            ),
            p.BestaandeLeerling(id=2, achternaam="Bos", roepnaam="Tim", las_key="LL-WEG"),
        )
    )
    return p.plan_import(gegevens, bestaand)


def rij(plan: p.Plan, soort: str, las_key: str) -> p.Rij:
    return next(r for r in plan.rijen[soort] if r.las_key == las_key)


def test_linking_by_hand_moves_a_new_row_to_the_existing_ones(plan: p.Plan) -> None:
    nieuw = d.koppel(plan, p.LEERLINGEN, "LL-2", 2, "Bos, Tim")
    daan = rij(nieuw, p.LEERLINGEN, "LL-2")
    assert (daan.categorie, daan.bestaand_id, daan.bestaand_naam) == (p.BESTAAND, 2, "Bos, Tim")
    assert daan.reden == p.HANDMATIG
    assert daan.aangepast
    assert daan.automatisch == p.Automatisch(categorie=p.NIEUW)


def test_a_decision_leaves_the_given_plan_alone(plan: p.Plan) -> None:
    d.koppel(plan, p.LEERLINGEN, "LL-2", 2)
    assert rij(plan, p.LEERLINGEN, "LL-2").categorie == p.NIEUW
    assert plan.verdwenen == [2]


def test_linking_a_pupil_that_left_the_las_keeps_it_from_being_deactivated(plan: p.Plan) -> None:
    assert plan.verdwenen == [2]
    assert d.koppel(plan, p.LEERLINGEN, "LL-2", 2).verdwenen == []


def test_linking_to_the_automatic_record_keeps_its_reden_and_changes(plan: p.Plan) -> None:
    los = d.niet_importeren(plan, p.LEERLINGEN, "LL-1")
    terug = rij(d.koppel(los, p.LEERLINGEN, "LL-1", 1), p.LEERLINGEN, "LL-1")
    assert terug.reden == p.OP_LAS_KEY
    assert terug.wijzigingen == ("naam gewijzigd: Jansen, Sane → Jansen, Sanne",)
    assert terug.bestaand_naam == "Jansen, Sane"


def test_not_importing_a_row_drops_its_link(plan: p.Plan) -> None:
    sanne = rij(d.niet_importeren(plan, p.LEERLINGEN, "LL-1"), p.LEERLINGEN, "LL-1")
    assert (sanne.categorie, sanne.bestaand_id, sanne.reden, sanne.wijzigingen) == (
        p.NIET,
        None,
        "",
        (),
    )


def test_resetting_a_row_restores_the_automatic_decision(plan: p.Plan) -> None:
    veranderd = d.koppel(d.niet_importeren(plan, p.LEERLINGEN, "LL-1"), p.LEERLINGEN, "LL-1", 2)
    terug = d.terugzetten(veranderd, p.LEERLINGEN, "LL-1")
    assert rij(terug, p.LEERLINGEN, "LL-1") == rij(plan, p.LEERLINGEN, "LL-1")
    assert terug.verdwenen == [2]


def test_resetting_keeps_a_typed_email_address(plan: p.Plan) -> None:
    veranderd = d.niet_importeren(
        d.zet_emailadres(plan, "LK-2", "eva@s.nl"), p.LEERKRACHTEN, "LK-2"
    )
    eva = rij(d.terugzetten(veranderd, p.LEERKRACHTEN, "LK-2"), p.LEERKRACHTEN, "LK-2")
    assert (eva.categorie, eva.emailadres) == (p.NIEUW, "eva@s.nl")


def test_a_decision_on_an_unknown_row_is_refused(plan: p.Plan) -> None:
    with pytest.raises(NotFound):
        d.niet_importeren(plan, p.LEERLINGEN, "LL-ONBEKEND")
    with pytest.raises(NotFound):
        d.zet_emailadres(plan, "LL-1", "x@s.nl")  # a pupil, not a teacher


def test_the_summary_counts_per_soort(plan: p.Plan) -> None:
    assert d.samenvatting(plan) == {
        p.GROEPEN: {"toevoegen": 1, "koppelen": 0, "niet": 0},
        p.LEERKRACHTEN: {"toevoegen": 2, "koppelen": 0, "niet": 0},
        p.LEERLINGEN: {"toevoegen": 1, "koppelen": 1, "niet": 0, "deactiveren": 1},
    }
    later = d.niet_importeren(d.koppel(plan, p.LEERLINGEN, "LL-2", 2), p.GROEPEN, "G-1")
    assert d.samenvatting(later)[p.GROEPEN] == {"toevoegen": 0, "koppelen": 0, "niet": 1}
    assert d.samenvatting(later)[p.LEERLINGEN]["deactiveren"] == 0


def test_a_teacher_without_an_email_address_blocks_the_import(plan: p.Plan) -> None:
    assert d.blokkades(plan) == ["Leerkracht Smit, Eva heeft nog geen e-mailadres."]


def test_an_invalid_email_address_blocks_the_import_until_it_is_corrected(plan: p.Plan) -> None:
    fout = d.zet_emailadres(plan, "LK-2", "eva@")
    assert d.blokkades(fout) == ["Leerkracht Smit, Eva heeft geen geldig e-mailadres (eva@)."]
    goed = d.zet_emailadres(fout, "LK-2", "  eva@school.nl ")
    assert rij(goed, p.LEERKRACHTEN, "LK-2").emailadres == "eva@school.nl"
    assert d.blokkades(goed) == []


def test_a_teacher_left_out_needs_no_email_address(plan: p.Plan) -> None:
    assert d.blokkades(d.niet_importeren(plan, p.LEERKRACHTEN, "LK-2")) == []


def test_two_rows_linked_to_one_existing_record_block_the_import(plan: p.Plan) -> None:
    dubbel = d.koppel(d.zet_emailadres(plan, "LK-2", "eva@s.nl"), p.LEERLINGEN, "LL-2", 1)
    assert d.blokkades(dubbel) == [
        "Dekker, Daan en Jansen, Sanne zijn allebei gekoppeld aan de bestaande leerling "
        "Jansen, Sane. Koppel er maar één aan."
    ]
