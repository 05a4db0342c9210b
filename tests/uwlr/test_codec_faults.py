"""Every way decode refuses a message, with the fault code the conformance test expects."""

from __future__ import annotations

import time

import pytest

from koppel.uwlr import messages as m
from koppel.uwlr.codec import decode, encode
from koppel.uwlr.faults import AutorisatieOngeldig, OngeldigBericht
from tests.uwlr.test_codec_samples import AUTORISATIE, leerlinggegevens, leerresultaten, school
from tests.uwlr.test_codec_support import example, replace

REQUEST = "01_haalleerlinggegevens_request.xml"


def refused(data: bytes, *, strict: bool = True) -> str:
    with pytest.raises(OngeldigBericht) as caught:
        decode(data, strict=strict)
    return caught.value.detail or ""


def test_malformed_xml_is_an_ongeldig_bericht() -> None:
    refused(b"<soapenv:Envelope><rommel")


def test_a_body_over_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(OngeldigBericht, match="groter"):
        decode(example(REQUEST), max_bytes=100)


def test_a_deeply_nested_message_is_refused_fast() -> None:
    start = time.perf_counter()
    refused(b"<a>" * 10_000 + b"</a>" * 10_000)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("old", "new", "element"),
    [
        ("<lg:schooljaar>2024-2025<", "<lg:schooljaar>2011-2012-FOUT<", "schooljaar"),
        ("<lg:brincode>99XX<", "<lg:brincode>ONGELDIGEBRINCODE<", "brincode"),
        ("<lg:dependancecode>00<", "<lg:dependancecode>0A<", "dependancecode"),
        (
            "<lg:laatstontvangengegevens>2024-09-01T06:00:00+02:00<",
            "<lg:laatstontvangengegevens>ONGELDIGEDATUM<",
            "laatstontvangengegevens",
        ),
    ],
)
def test_a_malformed_request_value_is_an_ongeldig_bericht_naming_the_element(
    old: str, new: str, element: str
) -> None:
    detail = refused(replace(REQUEST, old, new))
    assert detail == f"Het element '{element}' heeft een ongeldige waarde"


def test_a_missing_header_is_checked_before_the_schema() -> None:
    data = replace(REQUEST, "<lg:schooljaar>2024-2025<", "<lg:schooljaar>FOUT<")
    start, end = data.index(b"<soapenv:Header>"), data.index(b"</soapenv:Header>") + 17
    with pytest.raises(AutorisatieOngeldig):
        decode(data[:start] + data[end:])


def test_an_incomplete_header_is_an_autorisatie_ongeldig() -> None:
    data = replace(
        REQUEST, "<aut:klantnaam>UitgeverX</aut:klantnaam>", "<aut:klantnaam></aut:klantnaam>"
    )
    with pytest.raises(AutorisatieOngeldig):
        decode(data)


def test_a_header_with_an_unknown_element_fails_the_schema() -> None:
    data = replace(REQUEST, "<aut:klantnaam>", "<aut:extra>x</aut:extra><aut:klantnaam>")
    refused(data)


def test_a_missing_required_element_is_an_ongeldig_bericht() -> None:
    detail = refused(replace(REQUEST, "<lg:xsdversie>2.3</lg:xsdversie>", ""))
    assert "xsdversie" in detail or "verwacht" in detail


def _antwoord(data: m.Leerlinggegevens) -> bytes:
    return encode(m.LeerlinggegevensAntwoord(inhoud=data))


def _with(data: m.Leerlinggegevens, **changes: object) -> m.Leerlinggegevens:
    values = {name: getattr(data, name) for name in data.__dataclass_fields__}
    return m.Leerlinggegevens(**{**values, **changes})  # type: ignore[arg-type]


def test_a_duplicate_group_key_across_groep_and_samengestelde_groep_is_refused() -> None:
    data = leerlinggegevens()
    groepen = (*data.groepen, m.SamengesteldeGroep(key="G-1", naam="Dubbel"))
    assert (
        refused(_antwoord(_with(data, groepen=groepen)))
        == "De key 'G-1' komt meer dan eens voor in 'groepen'"
    )


@pytest.mark.parametrize("what", ["leerlingen", "leerkrachten", "vestigingen"])
def test_a_duplicate_key_is_refused(what: str) -> None:
    data = leerlinggegevens()
    items = getattr(data, what)
    assert "komt meer dan eens voor" in refused(
        _antwoord(_with(data, **{what: (*items, items[0])}))
    )


@pytest.mark.parametrize("what", ["leerlingen", "leerkrachten"])
def test_a_duplicate_eckid_is_refused_without_naming_it(what: str) -> None:
    data = leerlinggegevens()
    first = getattr(data, what)[0]
    twin = type(first)(
        **{**{f: getattr(first, f) for f in first.__dataclass_fields__}, "key": "ANDER"}
    )
    detail = refused(_antwoord(_with(data, **{what: (*getattr(data, what), twin)})))
    assert "eckid" in detail and "ketenid" not in detail


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("groep", "G-99"),
        ("samengestelde_groepen", ("SG-99",)),
        ("vestiging", "V-99"),
    ],
)
def test_a_pupil_referring_to_an_undefined_group_or_vestiging_is_refused(
    field: str, value: object
) -> None:
    data = leerlinggegevens()
    first = data.leerlingen[0]
    changed = type(first)(
        **{**{f: getattr(first, f) for f in first.__dataclass_fields__}, field: value}
    )
    assert "onbekende" in refused(
        _antwoord(_with(data, leerlingen=(changed, *data.leerlingen[1:])))
    )


def test_a_teacher_referring_to_an_undefined_group_is_refused() -> None:
    data = leerlinggegevens()
    leerkracht = m.Leerkracht(key="LK-1", roepnaam="Jo", groepen=(m.GroepReferentie(key="G-99"),))
    assert "onbekende groep" in refused(_antwoord(_with(data, leerkrachten=(leerkracht,))))


def test_references_are_not_checked_in_a_getrapt_answer_without_groups() -> None:
    data = leerlinggegevens()
    antwoord = m.LeerlingenAntwoord(
        inhoud=m.LeerlinggegevensLeerlingen(school=data.school, leerlingen=data.leerlingen)
    )
    assert decode(encode(antwoord)).body == antwoord


def test_a_pupil_with_two_national_ids_is_refused_strictly_and_reported_leniently() -> None:
    leerling = m.Leerling(key="L", roepnaam="Jo", bsn="123456789", onderwijsnummer="123456789")
    data = _antwoord(_with(leerlinggegevens(1), leerlingen=(leerling,)))
    refused(data)  # the schema's xs:choice already refuses it
    assert any("nationaal" in warning for warning in decode(data, strict=False).warnings)


def test_a_keyless_pupil_is_refused_under_2_2() -> None:
    leerling = m.Leerling(key=None, eckid="https://ketenid.nl/201703/aa", roepnaam="Jo")
    data = m.Leerlinggegevens(school=school("2.2"), leerlingen=(leerling,))
    assert "geen key" in refused(_antwoord(data))


def test_a_keyless_pupil_with_an_eckid_is_accepted_under_2_3() -> None:
    leerling = m.Leerling(key=None, eckid="https://ketenid.nl/201703/aa", roepnaam="Jo")
    antwoord = m.LeerlinggegevensAntwoord(
        inhoud=m.Leerlinggegevens(school=school("2.3"), leerlingen=(leerling,))
    )
    assert decode(encode(antwoord)).body == antwoord


def test_a_keyless_pupil_without_eckid_is_refused_under_2_3() -> None:
    leerling = m.Leerling(key=None, roepnaam="Jo")
    data = m.Leerlinggegevens(school=school("2.3"), leerlingen=(leerling,))
    assert "geen key" in refused(_antwoord(data))


def _resultaten(**changes: object) -> bytes:
    verzoek = leerresultaten()
    values = {name: getattr(verzoek, name) for name in verzoek.__dataclass_fields__}
    return encode(m.LeerresultatenVerzoek(**{**values, **changes}), autorisatie=AUTORISATIE)  # type: ignore[arg-type]


def test_a_duplicate_resultaat_key_is_refused() -> None:
    afname = leerresultaten().toetsafnames[0]
    tweede = m.Toetsafname(leerlingid="LL-2", resultaten=afname.resultaten[:1])
    refused(_resultaten(toetsafnames=(afname, tweede)))


def test_a_resultaat_for_an_undefined_toets_is_refused() -> None:
    afname = leerresultaten().toetsafnames[0]
    r = afname.resultaten[0]
    vreemd = m.Resultaat(
        key="R-9", afnamedatum=r.afnamedatum, toetscode="ONBEKEND", uitslag=r.uitslag
    )
    changed = m.Toetsafname(leerlingid="LL-1", resultaten=(*afname.resultaten, vreemd))
    refused(_resultaten(toetsafnames=(changed,)))


def test_a_resultaat_for_an_undefined_toetsonderdeel_is_refused() -> None:
    afname = leerresultaten().toetsafnames[0]
    r = afname.resultaten[0]
    vreemd = m.Resultaat(
        key="R-9",
        afnamedatum=r.afnamedatum,
        toetscode=r.toetscode,
        toetsonderdeelcode="ONBEKEND",
        uitslag=r.uitslag,
    )
    changed = m.Toetsafname(leerlingid="LL-1", resultaten=(*afname.resultaten, vreemd))
    assert "toetsonderdeelcode" in refused(_resultaten(toetsafnames=(changed,)))


def test_a_duplicate_toetscode_or_volgnummer_is_refused() -> None:
    toets = leerresultaten().toetsen[0]
    refused(_resultaten(toetsen=(toets, toets)))
    dubbel = m.Toets(toetscode=toets.toetscode, toetsonderdelen=(toets.toetsonderdelen[0],) * 2)
    refused(_resultaten(toetsen=(dubbel,)))
