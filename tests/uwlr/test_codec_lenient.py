"""Lenient decoding (an EA reading real LASes): every tolerance is accepted and reported once."""

from __future__ import annotations

import pytest

from koppel.uwlr import messages as m
from koppel.uwlr.codec import decode
from koppel.uwlr.faults import OngeldigBericht
from tests.uwlr.test_codec_support import example, replace

ANTWOORD = "02_haalleerlinggegevens_response.xml"
SCHOOL = """<school>
          <schooljaar>2024-2025</schooljaar>
          <brincode>99XX</brincode>
          <dependancecode>00</dependancecode>"""
SCHOOL_OUT_OF_ORDER = """<school>
          <dependancecode>00</dependancecode>
          <brincode>99XX</brincode>
          <schooljaar>2024-2025</schooljaar>"""


def data_of(bericht: m.Bericht) -> m.Leerlinggegevens:
    assert isinstance(bericht.body, m.LeerlinggegevensAntwoord)
    assert isinstance(bericht.body.inhoud, m.Leerlinggegevens)
    return bericht.body.inhoud


def test_school_children_out_of_schema_order_are_read_with_a_warning() -> None:
    data = replace(ANTWOORD, SCHOOL, SCHOOL_OUT_OF_ORDER)
    bericht = decode(data, strict=False)
    school = data_of(bericht).school
    assert (school.schooljaar, school.brincode, school.dependancecode) == (
        "2024-2025",
        "99XX",
        "00",
    )
    assert any("volgorde" in warning and "school" in warning for warning in bericht.warnings)
    assert data_of(bericht) == data_of(decode(example(ANTWOORD)))


def test_school_children_out_of_schema_order_are_refused_in_strict_mode() -> None:
    with pytest.raises(OngeldigBericht):
        decode(replace(ANTWOORD, SCHOOL, SCHOOL_OUT_OF_ORDER))


def test_an_empty_voorvoegsel_is_treated_as_absent_with_a_warning() -> None:
    data = replace(
        ANTWOORD,
        "<roepnaam>Daan</roepnaam>",
        "<voorvoegsel></voorvoegsel><roepnaam>Daan</roepnaam>",
    )
    bericht = decode(data, strict=False)
    assert data_of(bericht).leerlingen[1].voorvoegsel is None
    assert any("voorvoegsel" in warning and "lege" in warning for warning in bericht.warnings)


def test_an_empty_voorvoegsel_is_refused_in_strict_mode() -> None:
    data = replace(
        ANTWOORD,
        "<roepnaam>Daan</roepnaam>",
        "<voorvoegsel></voorvoegsel><roepnaam>Daan</roepnaam>",
    )
    with pytest.raises(OngeldigBericht):
        decode(data)


def test_an_unknown_element_is_ignored_with_a_warning() -> None:
    data = replace(
        ANTWOORD, "<roepnaam>Daan</roepnaam>", "<roepnaam>Daan</roepnaam><hobby>Voetbal</hobby>"
    )
    bericht = decode(data, strict=False)
    assert data_of(bericht).leerlingen[1].roepnaam == "Daan"
    assert any("hobby" in warning for warning in bericht.warnings)


def test_a_warning_is_given_once_however_often_the_tolerance_occurs() -> None:
    data = replace(ANTWOORD, "<jaargroep>", "<hobby>x</hobby><jaargroep>")
    bericht = decode(data, strict=False)
    assert sum("hobby" in warning and "'leerling'" in warning for warning in bericht.warnings) == 1


def test_teacher_children_out_of_order_are_read() -> None:
    data = replace(
        ANTWOORD,
        "<roepnaam>Petra</roepnaam>\n            <emailadres>p.devries@school.example</emailadres>",
        "<emailadres>p.devries@school.example</emailadres><roepnaam>Petra</roepnaam>",
    )
    leerkracht = data_of(decode(data, strict=False)).leerkrachten[0]
    assert (leerkracht.roepnaam, leerkracht.emailadres) == ("Petra", "p.devries@school.example")


def test_an_empty_gegevenssetid_in_a_request_is_treated_as_absent() -> None:
    data = replace(
        "01_haalleerlinggegevens_request.xml",
        "<lg:gegevenssetid>Smalle-set</lg:gegevenssetid>",
        "<lg:gegevenssetid></lg:gegevenssetid>",
    )
    bericht = decode(data, strict=False)
    assert isinstance(bericht.body, m.LeerlinggegevensVerzoek)
    assert bericht.body.gegevenssetid is None
    assert bericht.warnings


def test_missing_required_data_is_still_refused() -> None:
    data = replace(ANTWOORD, "<schooljaar>2024-2025</schooljaar>", "<schooljaar></schooljaar>")
    with pytest.raises(OngeldigBericht, match="schooljaar"):
        decode(data, strict=False)


def test_a_pupil_without_any_name_is_refused() -> None:
    data = replace(
        ANTWOORD, "<achternaam>Bakker</achternaam>\n            <roepnaam>Daan</roepnaam>", ""
    )
    with pytest.raises(OngeldigBericht, match="achternaam of een roepnaam"):
        decode(data, strict=False)


def test_a_dangling_group_reference_is_reported_in_lenient_mode() -> None:
    data = replace(ANTWOORD, '<groep key="G-45"/>', '<groep key="G-99"/>')
    bericht = decode(data, strict=False)
    assert any("G-99" in warning for warning in bericht.warnings)


def test_a_valid_message_has_no_warnings() -> None:
    assert decode(example(ANTWOORD), strict=False).warnings == ()


def test_comments_inside_values_do_not_cut_them() -> None:
    data = replace(
        ANTWOORD, "<achternaam>Bakker</achternaam>", "<achternaam>Bak<!-- x -->ker</achternaam>"
    )
    assert data_of(decode(data)).leerlingen[1].achternaam == "Bakker"
