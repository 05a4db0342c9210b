"""Every message survives encode -> decode unchanged, and the shared examples decode."""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koppel.uwlr import messages as m
from koppel.uwlr.codec import decode, encode
from tests.uwlr.test_codec_samples import (
    AUTORISATIE,
    EXAMPLES,
    encode_any,
    every_message,
    is_request,
    leerlinggegevens,
    school,
)


@pytest.mark.parametrize("body", [pytest.param(b, id=n) for n, b in every_message()])
def test_every_message_type_round_trips(body: m.Body) -> None:
    bericht = decode(encode_any(body))
    assert bericht.body == body
    assert bericht.autorisatie == (AUTORISATIE if is_request(body) else None)
    assert bericht.warnings == ()


@pytest.mark.parametrize("body", [pytest.param(b, id=n) for n, b in every_message()])
def test_every_message_type_round_trips_in_lenient_mode_without_warnings(body: m.Body) -> None:
    assert decode(encode_any(body), strict=False) == decode(encode_any(body))


def test_a_bericht_can_be_encoded_with_its_own_autorisatie() -> None:
    verzoek = m.StructuurVerzoek(schooljaar="2024-2025", schoolkey="S-1")
    bericht = m.Bericht(autorisatie=AUTORISATIE, body=verzoek)
    assert decode(encode(bericht)) == bericht


EXAMPLE_BODIES = {
    "01": m.LeerlinggegevensVerzoek,
    "02": m.LeerlinggegevensAntwoord,
    "03": m.LeerlinggegevensAntwoord,
    "04": m.StructuurVerzoek,
    "05": m.StructuurAntwoord,
    "06": m.LeerlingenVerzoek,
    "07": m.LeerlingenAntwoord,
    "08": m.LeerkrachtenVerzoek,
    "09": m.LeerkrachtenAntwoord,
    "10": m.LeerresultatenVerzoek,
    "11": m.LeerresultatenBevestiging,
    "12": m.Fault,
    "13": m.LeerlinggegevensAntwoord,
}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.xml")), ids=lambda p: p.name)
def test_each_shared_example_decodes_strictly_and_round_trips(path: Path) -> None:
    bericht = decode(path.read_bytes())
    assert type(bericht.body) is EXAMPLE_BODIES[path.name[:2]]
    assert bericht.warnings == ()
    assert decode(encode(bericht)) == bericht


def test_the_lvs_set_example_carries_its_pupil_details() -> None:
    body = decode(
        (EXAMPLES / "13_haalleerlinggegevens_response_lvs_set_v2p2.xml").read_bytes()
    ).body
    assert isinstance(body, m.LeerlinggegevensAntwoord)
    assert isinstance(body.inhoud, m.Leerlinggegevens)
    leerling = body.inhoud.leerlingen[0]
    assert (leerling.voorletters_1, leerling.bsn_ondwnr_4, leerling.geslacht) == (
        "S.M.",
        "1234",
        "2",
    )
    assert leerling.geboortedatum == dt.date(2016, 3, 14)
    assert body.inhoud.school.aanmaakdatum == dt.datetime(2024, 10, 1, 4, tzinfo=dt.UTC)


def test_the_fault_example_decodes_to_its_code_and_detail() -> None:
    body = decode((EXAMPLES / "12_fault.xml").read_bytes()).body
    assert body == m.Fault(
        faultcode="Client.AutorisatieOngeldig",
        faultstring="Autorisatie is ongeldig",
        detail="Autorisatiesleutel geeft geen toegang tot school 99XX00",
    )


def test_decoded_datetimes_are_aware_utc() -> None:
    body = decode((EXAMPLES / "01_haalleerlinggegevens_request.xml").read_bytes()).body
    assert isinstance(body, m.LeerlinggegevensVerzoek)
    assert body.laatstontvangengegevens == dt.datetime(2024, 9, 1, 4, tzinfo=dt.UTC)
    assert (
        body.laatstontvangengegevens is not None and body.laatstontvangengegevens.tzinfo is dt.UTC
    )


def test_a_naive_datetime_cannot_be_encoded() -> None:
    verzoek = m.StructuurVerzoek(
        schooljaar="2024-2025", brincode="99XX", laatstontvangengegevens=dt.datetime(2024, 9, 1, 6)
    )
    with pytest.raises(ValueError, match="naive"):
        encode(verzoek, autorisatie=AUTORISATIE)


def test_decimals_are_written_without_exponent() -> None:
    verzoek = decode(encode_any(every_message()[4][1])).body
    assert isinstance(verzoek, m.LeerresultatenVerzoek)
    toets = verzoek.toetsen[0]
    assert toets.toetsnormering is not None
    assert b"<lr:wegingsfactor>2</lr:wegingsfactor>" in encode_any(verzoek)
    norm = m.Norm(term="A", beginnormwaarde=0, eindnormwaarde=1, schoolcijfer_vanaf=Decimal("1E+1"))
    changed = m.Normering(normen=(norm,))
    data = encode_any(
        m.LeerresultatenVerzoek(
            school=verzoek.school,
            toetsafnames=verzoek.toetsafnames,
            toetsen=(m.Toets(toetscode=toets.toetscode, toetsnormering=changed),),
        )
    )
    assert b"<lr:schoolcijfer_vanaf>10</lr:schoolcijfer_vanaf>" in data


def test_empty_optional_values_are_left_out() -> None:
    data = encode(
        m.LeerlinggegevensAntwoord(
            inhoud=m.Leerlinggegevens(
                school=m.School(schooljaar="2024-2025", brincode="99XX", auteur=""),
                leerlingen=(m.Leerling(key="L-1", roepnaam="Sam", voorvoegsel=""),),
            )
        )
    )
    assert b"auteur" not in data and b"voorvoegsel" not in data and b"groepen" not in data


def test_a_school_of_1500_pupils_round_trips() -> None:
    antwoord = m.LeerlinggegevensAntwoord(inhoud=leerlinggegevens(1500))
    assert decode(encode(antwoord)).body == antwoord


# --- property-based -----------------------------------------------------------------------------

_text = st.text(alphabet=string.ascii_letters + string.digits + " .-'éëï", min_size=1, max_size=20)
_short = st.text(alphabet=string.ascii_lowercase + " '", min_size=1, max_size=10)
_key = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=1, max_size=30)
_date = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
_digits = lambda n: st.text(alphabet=string.digits, min_size=n, max_size=n)  # noqa: E731

_leerling = st.builds(
    m.Leerling,
    key=_key,
    eckid=st.none() | _key,
    achternaam=_text,
    voorvoegsel=st.none() | _short,
    voornamen=st.none() | _text,
    roepnaam=st.none() | _text,
    geboortedatum=st.none() | _date,
    geslacht=st.none() | st.sampled_from("0129"),
    jaargroep=st.none() | st.sampled_from(["1", "8", "C", "S"]),
    emailadres=st.none() | _text,
    bsn=st.none() | _digits(9),
    postcodenl=st.none() | st.just("1234AB"),
    instroomdatum=st.none() | _date,
    mutatiedatum=st.none()
    | st.datetimes(timezones=st.just(dt.UTC), min_value=dt.datetime(2000, 1, 1)),
)
_rol = st.builds(m.Rol, code=st.sampled_from(["LRK", "IB", "DIR"])) | st.builds(
    m.Rolomschrijving, omschrijving=_text
)
_leerkracht = st.builds(
    m.Leerkracht,
    key=_key,
    eckid=st.none() | _key,
    roepnaam=_text,
    emailadres=st.none() | _text,
    rollen=st.lists(_rol, max_size=3).map(tuple),
)


@settings(max_examples=60)
@given(
    leerlingen=st.lists(
        _leerling, min_size=1, max_size=5, unique_by=(lambda x: x.key, lambda x: x.eckid)
    ),
    leerkrachten=st.lists(_leerkracht, max_size=3, unique_by=(lambda x: x.key, lambda x: x.eckid)),
)
def test_any_valid_pupils_and_teachers_round_trip(
    leerlingen: list[m.Leerling], leerkrachten: list[m.Leerkracht]
) -> None:
    antwoord = m.LeerlinggegevensAntwoord(
        inhoud=m.Leerlinggegevens(
            school=school(),
            leerlingen=tuple(leerlingen),
            leerkrachten=tuple(leerkrachten),
        )
    )
    assert decode(encode(antwoord)).body == antwoord


_resultaat = st.builds(
    m.Resultaat,
    key=_key,
    afnamedatum=_date,
    toetscode=st.just("T-1"),
    toetsonderdeelcode=st.none() | st.just("T-1-A"),
    uitslag=st.builds(m.Score, waarde=st.integers(min_value=0, max_value=10**6)),
    infourl=st.none() | _text,
)


@settings(max_examples=60)
@given(resultaten=st.lists(_resultaat, min_size=1, max_size=5, unique_by=lambda r: r.key))
def test_any_valid_results_round_trip(resultaten: list[m.Resultaat]) -> None:
    toets = m.Toets(
        toetscode=m.VocabulaireWaarde(waarde="T-1"),
        toetsonderdelen=(
            m.Toetsonderdeel(
                toetsonderdeelvolgnummer=1, toetsonderdeelcode=m.VocabulaireWaarde(waarde="T-1-A")
            ),
        ),
    )
    verzoek = m.LeerresultatenVerzoek(
        school=m.ResultaatSchool(
            schooljaar="2024-2025",
            schoolkey="S",
            aanmaakdatum=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        ),
        toetsafnames=(m.Toetsafname(leerlingid="L-1", resultaten=tuple(resultaten)),),
        toetsen=(toets,),
    )
    assert decode(encode(verzoek, autorisatie=AUTORISATIE)).body == verzoek
