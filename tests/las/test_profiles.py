"""Profiles decide which fields are sent: a field the profile forbids never leaves the LAS."""

from __future__ import annotations

import pytest
from lxml import etree

from koppel.las.koppelingen.models import LVS_SET, SMALLE_SET, Koppelpartner
from koppel.las.school.models import School
from koppel.las.uwlr_service import profiles
from tests.las.helpers import LG, Antwoord, Gekoppeld, Post, couple, verzoek

SMALLE_SET_TOEGESTAAN = {
    "school": {
        "schooljaar",
        "brincode",
        "dependancecode",
        "schoolkey",
        "aanmaakdatum",
        "auteur",
        "xsdversie",
    },
    "groepen/groep": {"naam", "jaargroep"},
    "groepen/samengestelde_groep": {"naam"},
    "leerling": {
        "achternaam",
        "voorvoegsel",
        "roepnaam",
        "geboortedatum",
        "jaargroep",
        "groep",
        "samengestelde_groepen",
    },
    "leerkracht": {
        "achternaam",
        "voorvoegsel",
        "voorletters-1",
        "roepnaam",
        "emailadres",
        "groepen",
    },
}


def children(antwoord: Antwoord, path: str) -> list[tuple[set[str], set[str]]]:
    """(child element names, attribute names) of every element at ``path``."""
    found = antwoord.root.iter(f"{{{LG}}}{path.split('/')[-1]}")
    if "/" in path:
        parent = f"{{{LG}}}{path.split('/')[0]}"
        found = (e for e in found if e.getparent().tag == parent)
    return [({etree.QName(c).localname for c in e}, set(e.attrib)) for e in found]


@pytest.mark.django_db
def test_a_smalle_set_answer_holds_no_element_outside_the_profile(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    antwoord = post(verzoek(), gekoppeld.autorisatie())
    assert antwoord.status == 200
    for path, toegestaan in SMALLE_SET_TOEGESTAAN.items():
        elementen = children(antwoord, path)
        assert elementen, path
        for namen, attributen in elementen:
            assert namen <= toegestaan, (path, namen - toegestaan)
            assert attributen <= {"key", "eckid"}
    assert not antwoord.findall(".//lg:vestigingen")


@pytest.mark.django_db
def test_the_lvs_set_sends_gender_initials_and_bsn_digits_but_no_teacher_email(
    post: Post, school: School, partner: Koppelpartner
) -> None:
    gekoppeld = couple(school, partner, profiel=LVS_SET)
    antwoord = post(verzoek(), gekoppeld.autorisatie())
    leerling = children(antwoord, "leerling")[0][0]
    assert {
        "roepnaam",
        "geboortedatum",
        "geslacht",
        "jaargroep",
        "voorletters-1",
        "bsn_ondwnr-4",
    } <= leerling
    assert not antwoord.findall(".//lg:leerkracht/lg:emailadres")
    assert antwoord.findall(".//lg:school/lg:peildatum")


@pytest.mark.django_db
def test_xsdversie_2_1_strips_eckid_and_the_school_echoes_the_version(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    antwoord = post(verzoek(xsdversie="2.1"), gekoppeld.autorisatie())
    assert antwoord.findall(".//lg:school/lg:xsdversie")[0].text == "2.1"
    assert not [e for e in antwoord.root.iter() if "eckid" in e.attrib]


@pytest.mark.django_db
def test_xsdversie_2_3_sends_key_and_eckid_but_no_birth_date_in_the_smalle_set(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    antwoord = post(verzoek(xsdversie="2.3"), gekoppeld.autorisatie())
    leerlingen = antwoord.findall(".//lg:leerling")
    assert all("key" in e.attrib for e in leerlingen)
    assert any("eckid" in e.attrib for e in leerlingen)
    assert not antwoord.findall(".//lg:geboortedatum")
    assert antwoord.findall(".//lg:school/lg:xsdversie")[0].text == "2.3"


def test_the_lvs_set_under_2_3_drops_initials_and_bsn_digits() -> None:
    velden = profiles.leerling_velden(LVS_SET, "2.3")
    assert not velden & {"voorletters_1", "bsn_ondwnr_4"}
    assert {"geboortedatum", "geslacht", "roepnaam", "jaargroep"} <= velden


def test_no_profile_ever_allows_national_ids_or_contact_data_of_pupils() -> None:
    verboden = {
        "bsn",
        "sofinummer",
        "onderwijsnummer",
        "voornamen",
        "emailadres",
        "gebruikersnaam",
        "vestiging",
        "mutatiedatum",
        "postcodenl",
    }
    for profiel in (SMALLE_SET, LVS_SET):
        for versie in ("2.1", "2.2", "2.3"):
            assert not profiles.leerling_velden(profiel, versie) & verboden


def test_select_drops_forbidden_and_empty_values() -> None:
    gekozen = profiles.select(
        {"key": "LL-1", "voorvoegsel": "", "geslacht": "1", "groep": None},
        frozenset({"key", "voorvoegsel", "groep"}),
    )
    assert gekozen == {"key": "LL-1"}
