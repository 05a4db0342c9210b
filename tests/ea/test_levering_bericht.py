"""Building the BrengLeerresultaten message from plain values (pure), and the message checked
against the official UWLR 2.2 schemas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from koppel.ea.resultaten import bericht as b
from koppel.uwlr import messages as m
from koppel.uwlr.codec import encode
from koppel.uwlr.vocabulaires import VAKGEBIEDEN_PO
from tests.support.official import official_available, validate_envelope_official

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
SCHOOL = b.SchoolGegevens(brincode="99XX", schooljaar="2026-2027")
NORMEN = (
    b.NormGegevens(
        term="V", begin=0, eind=11, kleur="#d7191c",
        schoolcijfer_vanaf=Decimal("1.0"), schoolcijfer_totenmet=Decimal("5.5"),
    ),
    b.NormGegevens(term="I", omschrijving="Ruim boven het gemiddelde", begin=12, eind=30),
)  # fmt: skip
REKENEN = b.ToetsGegevens(
    code="KOPPEL-RW-M5",
    naam="Rekenen-Wiskunde midden groep 5",
    versie="2024",
    leerjaar="5",
    vakgebied="Rekenen en wiskunde",
    hierarchie=((1, "Koppel toetsen"), (2, "Rekenen")),
    onderdelen=(
        b.OnderdeelGegevens(volgnummer=1, code="BEW", naam="Bewerkingen", normen=NORMEN),
        b.OnderdeelGegevens(volgnummer=2, code="MET", naam="Meten"),
    ),
)
LEZEN = b.ToetsGegevens(code="KOPPEL-LV-M5", vakgebied="Technisch lezen")
TOETSEN = {t.code: t for t in (REKENEN, LEZEN)}


def _resultaat(key: str, leerling: str, **velden: object) -> b.ResultaatGegevens:
    gegevens: dict[str, object] = {
        "afnamedatum": dt.date(2026, 11, 20), "toetscode": "KOPPEL-RW-M5",
        "onderdeelcode": "BEW", "score": 17, "eckid": "",
    } | velden  # fmt: skip
    return b.ResultaatGegevens(key=key, leerling_key=leerling, **gegevens)  # type: ignore[arg-type]


def _verzoek(*resultaten: b.ResultaatGegevens) -> m.LeerresultatenVerzoek:
    return b.leerresultaten_verzoek(
        school=SCHOOL, resultaten=resultaten, toetsen=TOETSEN, aanmaakdatum=NOW
    )


def test_results_are_grouped_per_pupil_in_the_order_they_come() -> None:
    verzoek = _verzoek(
        _resultaat("R1", "LL-1", eckid="https://ketenid.nl/1"),
        _resultaat("R2", "LL-2"),
        _resultaat("R3", "LL-1", eckid="https://ketenid.nl/1", onderdeelcode="MET", score=3),
    )
    assert [(a.leerlingid, a.eckid) for a in verzoek.toetsafnames] == [
        ("LL-1", "https://ketenid.nl/1"),
        ("LL-2", None),
    ]
    assert [r.key for r in verzoek.toetsafnames[0].resultaten] == ["R1", "R3"]
    derde = verzoek.toetsafnames[0].resultaten[1]
    assert (derde.toetsonderdeelcode, derde.uitslag, derde.versie) == (
        "MET",
        m.Score(waarde=3),
        m.VocabulaireWaarde(waarde="2024"),
    )


def test_the_school_is_named_as_the_coupling_names_it() -> None:
    school = _verzoek(_resultaat("R1", "LL-1")).school
    assert school == m.ResultaatSchool(
        schooljaar="2026-2027", brincode="99XX", dependancecode=None, aanmaakdatum=NOW
    )
    vestiging = b.SchoolGegevens(brincode="99XX", dependancecode="01", schooljaar="2026-2027")
    verzoek = b.leerresultaten_verzoek(
        school=vestiging, resultaten=[_resultaat("R1", "LL-1")], toetsen=TOETSEN, aanmaakdatum=NOW
    )
    assert verzoek.school.dependancecode == "01"


def test_every_test_a_result_uses_is_defined_once_and_no_other() -> None:
    verzoek = _verzoek(
        _resultaat("R1", "LL-1"),
        _resultaat("R2", "LL-2", toetscode="KOPPEL-LV-M5", onderdeelcode=""),
        _resultaat("R3", "LL-2"),
    )
    assert [t.toetscode.waarde for t in verzoek.toetsen] == ["KOPPEL-RW-M5", "KOPPEL-LV-M5"]
    alleen_rekenen = _verzoek(_resultaat("R1", "LL-1"))
    assert [t.toetscode.waarde for t in alleen_rekenen.toetsen] == ["KOPPEL-RW-M5"]


def test_a_result_without_onderdeel_is_the_result_of_the_whole_test() -> None:
    verzoek = _verzoek(_resultaat("R1", "LL-1", toetscode="KOPPEL-LV-M5", onderdeelcode=""))
    assert verzoek.toetsafnames[0].resultaten[0].toetsonderdeelcode is None


def test_the_test_definition_carries_its_onderdelen_normering_and_hierarchy() -> None:
    toets = b.toets(REKENEN)
    assert toets.toetsnaam == "Rekenen-Wiskunde midden groep 5"
    assert toets.leerjaar == m.VocabulaireWaarde(waarde="5")
    assert [(i.niveau, i.waarde) for i in toets.toetshierarchie] == [
        (1, "Koppel toetsen"),
        (2, "Rekenen"),
    ]
    bewerkingen, meten = toets.toetsonderdelen
    assert (bewerkingen.toetsonderdeelvolgnummer, bewerkingen.toetsonderdeelcode.waarde) == (
        1,
        "BEW",
    )
    assert meten.toetsonderdeelnormering is None  # no bands: no normering at all
    assert bewerkingen.toetsonderdeelnormering is not None
    laag, hoog = bewerkingen.toetsonderdeelnormering.normen
    assert laag == m.Norm(
        term="V",
        beginnormwaarde=0,
        eindnormwaarde=11,
        normkleur=m.Normkleur(
            rood_code=0xD7, groen_code=0x19, blauw_code=0x1C, transparantie=Decimal("1.00")
        ),
        schoolcijfer_vanaf=Decimal("1.0"),
        schoolcijfer_totenmet=Decimal("5.5"),
    )
    assert (hoog.omschrijving, hoog.normkleur, hoog.schoolcijfer_vanaf) == (
        "Ruim boven het gemiddelde",
        None,
        None,
    )


def test_a_vakgebied_of_the_edustandaard_list_names_its_vocabulary() -> None:
    assert b.toets(REKENEN).vakgebied == m.VocabulaireWaarde(
        waarde="Rekenen en wiskunde", vocabulaire=VAKGEBIEDEN_PO.uri
    )
    assert b.toets(LEZEN).vakgebied == m.VocabulaireWaarde(waarde="Technisch lezen")


def test_empty_optional_values_are_left_out_rather_than_sent_empty() -> None:
    toets = b.toets(b.ToetsGegevens(code="X"))
    assert (toets.toetsnaam, toets.versie, toets.leerjaar, toets.vakgebied) == (None,) * 4


@pytest.mark.parametrize(
    ("kleur", "rgb"),
    [("#000000", (0, 0, 0)), ("#FFffFF", (255, 255, 255)), ("#1a9641", (26, 150, 65))],
)
def test_a_hex_colour_becomes_opaque_rgb_codes(kleur: str, rgb: tuple[int, int, int]) -> None:
    normkleur = b.normkleur(kleur)
    assert normkleur is not None
    assert (normkleur.rood_code, normkleur.groen_code, normkleur.blauw_code) == rgb
    assert normkleur.transparantie == 1


@pytest.mark.parametrize("kleur", ["1a9641", "#1a96", "#gg0000"])
def test_a_colour_that_is_not_rrggbb_is_refused(kleur: str) -> None:
    with pytest.raises(ValueError):
        b.normkleur(kleur)


def test_a_pupil_without_a_las_key_cannot_be_sent() -> None:
    with pytest.raises(b.LeerlingNietGekoppeld):
        _verzoek(_resultaat("R1", "LL-1"), _resultaat("R2", ""))


def test_a_message_needs_results_and_the_definitions_of_their_tests() -> None:
    with pytest.raises(ValueError, match="minstens één"):
        _verzoek()
    with pytest.raises(ValueError, match="ONBEKEND"):
        _verzoek(_resultaat("R1", "LL-1", toetscode="ONBEKEND"))


@pytest.mark.skipif(not official_available(), reason="official UWLR schemas not present")
def test_the_message_is_valid_against_the_official_schema() -> None:
    verzoek = _verzoek(
        _resultaat("R1", "LL-1", eckid="https://ketenid.nl/1"),
        _resultaat("R2", "LL-1", onderdeelcode="MET", score=0),
        _resultaat("R3", "LL-2", toetscode="KOPPEL-LV-M5", onderdeelcode=""),
    )
    autorisatie = m.Autorisatie(
        autorisatiesleutel="sleutel", klantcode="BOOM-UWLR", klantnaam="Boom testcentrum UWLR"
    )
    assert validate_envelope_official(encode(verzoek, autorisatie=autorisatie)) == []
