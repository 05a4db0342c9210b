"""Pure decisions: group selection of getrapt requests and the score bounds of results."""

from __future__ import annotations

import datetime as dt

import pytest

from koppel.las.resultaten import rules
from koppel.las.uwlr_service.decisions import selectie
from koppel.las.uwlr_service.selectors import GroepRij, Structuur
from koppel.uwlr import messages as m
from koppel.uwlr.faults import LeerlingOngeldig, OngeldigBericht

STRUCTUUR = Structuur(
    groepen=[GroepRij(1, "G-4", "Groep 4", "4", ""), GroepRij(2, "G-56", "Groep 5/6", "C", "")],
    samengestelde_groepen=[GroepRij(3, "SG-1", "Rekengroep", "", "")],
)


def test_keyed_and_keyless_selections_are_combined() -> None:
    gekozen = selectie(
        (m.GroepSelectie(key="G-56"), m.SamengesteldeGroepSelectie(key="SG-1"), m.GroepSelectie()),
        STRUCTUUR,
    )
    assert (gekozen.groepen, gekozen.samengestelde_groepen) == ({2}, {3})
    assert (gekozen.zonder_groep, gekozen.zonder_samengestelde_groep) == (True, False)


def test_a_group_key_of_the_wrong_kind_is_unknown() -> None:
    with pytest.raises(OngeldigBericht):
        selectie((m.SamengesteldeGroepSelectie(key="G-4"),), STRUCTUUR)


def test_the_maximum_score_is_the_highest_eindnormwaarde() -> None:
    normering = m.Normering(
        normen=(
            m.Norm(term="A", beginnormwaarde=0, eindnormwaarde=10),
            m.Norm(term="B", beginnormwaarde=11, eindnormwaarde=25),
        )
    )
    assert rules.max_score(normering) == 25
    assert rules.max_score(None) is None


def test_without_normering_any_score_is_accepted() -> None:
    toets = m.Toets(toetscode=m.VocabulaireWaarde(waarde="T"))
    resultaat = m.Resultaat(
        key="R", afnamedatum=dt.date(2026, 1, 1), toetscode="T", uitslag=m.Score(waarde=999)
    )
    rules.check_resultaat(resultaat, {"T": toets})


def test_an_unknown_pupil_is_leerling_ongeldig() -> None:
    afname = m.Toetsafname(leerlingid="LL-9", resultaten=())
    with pytest.raises(LeerlingOngeldig):
        rules.match_leerling(afname, {}, {})
