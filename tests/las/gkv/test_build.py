"""Writing answers (pure, from plain values): only elements of the right's data set are written,
secret addresses and phone numbers never, and every answer is valid against our XSD."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from koppel.las.gkv import datasets as d
from koppel.las.gkv import gegevens as g
from koppel.las.gkv import wire
from koppel.las.gkv.build import Knoop
from koppel.las.gkv.operations import OPERATIES
from koppel.las.koppelingen.models import GKV_BASIS, GKV_UITGEBREID
from tests.las.gkv.support import assert_schema_valid, paden

GEHEIM_TEL = g.Telefoon(id="T1", nummer="06-GEHEIM-11", geheim=True)
OPEN_TEL = g.Telefoon(id="T2", nummer="020-OPEN-22", geheim=False)
GEHEIM_ADRES = g.Adres(
    id="A1", geheim=True, straat="Geheimstraat", huisnummer="1", plaats="Nergens", telefoon=OPEN_TEL
)
OPEN_ADRES = g.Adres(
    id="A2",
    geheim=False,
    straat="Dorpsstraat",
    huisnummer="2",
    plaats="Ergens",
    telefoon=GEHEIM_TEL,
)
GROEP = g.Groep(
    id="G1", naam="3A", jaargroep="3", omschrijving="Groep drie",
    mutatiedatum=dt.datetime(2026, 9, 1, 8, tzinfo=dt.UTC), leerlingen=("L1", "L2"),
    medewerkers=("M1",),
)  # fmt: skip


def _leerling(id_: str, adres: g.Adres | None) -> g.Leerling:
    return g.Leerling(
        id=id_, leerlingnummer=id_, achternaam="Jansen", tussenvoegsel="van", voornamen="Piet",
        voorletters="P.", roepnaam="Piet", geboortedatum=dt.date(2018, 5, 1), geslacht="1",
        jaargroep="3", groep="G1", inschrijvingsdatum=dt.date(2022, 8, 20),
        uitschrijvingsdatum=None, adres=adres,
    )  # fmt: skip


MEDEWERKER = g.Medewerker(
    id="M1", achternaam="Bakker", tussenvoegsel="", voorletters="A.", roepnaam="Anna",
    gebruikersnaam="anna.bakker", email="anna@school.example", functie="Leerkracht",
    groepen=("G1",), adres=GEHEIM_ADRES, mobiel=GEHEIM_TEL, telefoon_werk=OPEN_TEL,
)  # fmt: skip
GEGEVENS = g.Schoolgegevens(
    schooljaar="2026-2027",
    groepen=(GROEP,),
    leerlingen=(_leerling("L1", GEHEIM_ADRES), _leerling("L2", OPEN_ADRES)),
    medewerkers=(MEDEWERKER,),
)
ALLE = [(op, recht) for op in OPERATIES for recht in OPERATIES[op].datasets]


def _antwoord(operatie: str, recht: str) -> etree._Element:
    root, ret = wire.nieuw_antwoord(operatie)
    op = OPERATIES[operatie]
    op.schrijf(Knoop(ret, "", op.datasets[recht]), GEGEVENS)
    return root


def _ret(root: etree._Element) -> etree._Element:
    return root.find(".//return")  # type: ignore[return-value]


@pytest.mark.parametrize(("operatie", "recht"), ALLE)
def test_every_written_element_is_in_the_data_set_of_the_right(operatie: str, recht: str) -> None:
    geschreven = paden(_ret(_antwoord(operatie, recht)))
    assert geschreven and geschreven <= OPERATIES[operatie].datasets[recht]


@pytest.mark.parametrize(("operatie", "recht"), ALLE)
def test_every_answer_is_valid_against_the_gkv_xsd(operatie: str, recht: str) -> None:
    assert_schema_valid(_ret(_antwoord(operatie, recht)).getparent())


@pytest.mark.parametrize(("operatie", "recht"), ALLE)
def test_secret_addresses_and_phone_numbers_are_never_written(operatie: str, recht: str) -> None:
    xml = etree.tostring(_antwoord(operatie, recht)).decode()
    for geheim in ("Geheimstraat", "Nergens", "06-GEHEIM-11", ">A1<", ">T1<", "<geheim>true"):
        assert geheim not in xml
    assert "<geheimadres>true" not in xml


def test_uitgebreid_writes_the_open_address_and_phone_with_references() -> None:
    ret = _ret(_antwoord("getLeerlingen", GKV_UITGEBREID))
    assert ret.xpath("adressen/adres/straat/text()") == ["Dorpsstraat"]
    assert ret.xpath("adressen/adres/telefoon") == []  # that address's phone is secret
    assert ret.xpath("leerlingen/leerling/leerlingAdres/text()") == ["A2"]
    medewerkers = _ret(_antwoord("getMedewerkers", GKV_UITGEBREID))
    assert medewerkers.xpath("medewerkers/medewerker/telefoonWerk/nummer/text()") == ["020-OPEN-22"]
    assert medewerkers.xpath("medewerkers/medewerker/mobile | adressen") == []


def test_basis_writes_no_address_no_phone_and_no_pupil_number() -> None:
    for operatie in ("getLeerlingen", "getMedewerkers"):
        xml = etree.tostring(_antwoord(operatie, GKV_BASIS)).decode()
        for buiten in ("Dorpsstraat", "020-OPEN-22", "<leerlingNummer>", "<functie>", "adres"):
            assert buiten not in xml


def test_basis_writes_names_birth_date_gender_and_group_assignments() -> None:
    ret = _ret(_antwoord("getLeerlingen", GKV_BASIS))
    leerling = ret.find("leerlingen/leerling")
    assert leerling is not None
    assert [c.tag for c in leerling][:7] == [
        "id", "achternaam", "tussenvoegsel", "voornamen", "roepNaam", "geboortedatum", "geslacht",
    ]  # fmt: skip
    assert leerling.findtext("geslacht") == "MAN"
    assert leerling.xpath("groepsindelingen/groepsindeling/groep/text()") == ["G1"]
    assert ret.xpath("schooljaren/schooljaar/naam/text()") == ["2026 / 2027"]


def test_get_groepen_lists_the_group_assignments_of_pupils_and_teachers() -> None:
    ret = _ret(_antwoord("getGroepen", GKV_BASIS))
    assert ret.xpath("groepen/groep/leerlingen/leerling/text()") == ["L1", "L2"]
    assert ret.xpath("groepen/groep/medewerkers/medewerker/text()") == ["M1"]
    assert ret.findtext("groepen/groep/mutatiedatum") == "2026-09-01T08:00:00Z"


def test_data_set_lines_expand_to_paths_with_their_ancestors() -> None:
    assert d.paden("a/b/{x, y}", "c") == frozenset({"a", "a/b", "a/b/x", "a/b/y", "c"})


def test_the_basis_data_sets_are_part_of_the_uitgebreid_ones() -> None:
    basis = [op for op in OPERATIES.values() if GKV_BASIS in op.datasets]
    assert len(basis) == 3  # getLeerlingen, getMedewerkers, getGroepen
    for operatie in basis:
        assert operatie.datasets[GKV_BASIS] <= operatie.datasets[GKV_UITGEBREID]
