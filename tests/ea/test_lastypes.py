"""The pure parts of the coupling: the LAS types and their endpoints, the encrypted key, school
years, when a change needs approval again, and the Dutch message for every failure."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import httpx
import pytest

from koppel.ea.errors import NotFound
from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling import crypto, decisions, gateway, lastypes
from koppel.ea.koppeling.models import AFGEWEZEN, GOEDGEKEURD, INGEDIEND, LasKoppeling
from koppel.uwlr import faults

URL = "https://las.example/uwlr/leerlinggegevens"


@pytest.fixture
def endpoints(settings: Any) -> dict[str, str]:
    settings.LAS_ENDPOINTS = {"parnassys": URL}
    return settings.LAS_ENDPOINTS  # type: ignore[no-any-return]


def test_every_type_of_the_settings_is_in_the_registry(settings: Any) -> None:
    assert {t.code for t in lastypes.LASTYPES} == set(settings.LAS_TYPES)
    namen = [naam for _, naam in lastypes.keuzes()]
    assert namen == ["ParnasSys", "ESIS", "SchoolKr8", "Somtoday", "Magister", "Koppel LAS"]


def test_parnassys_esis_and_somtoday_speak_uwlr_2_2() -> None:
    for code in ("parnassys", "esis", "somtoday"):
        assert lastypes.voor(code).xsdversie == "2.2"


def test_an_unknown_type_is_not_found() -> None:
    with pytest.raises(NotFound):
        lastypes.voor("dotcomschool")


def test_a_type_without_a_configured_endpoint_is_not_available(endpoints: object) -> None:
    assert lastypes.beschikbaar(lastypes.voor("parnassys"))
    assert not lastypes.beschikbaar(lastypes.voor("esis"))
    niet = {t.code for t in lastypes.niet_beschikbaar()}
    assert niet == {"esis", "schoolkr8", "somtoday", "magister", "koppel"}


def test_the_leerresultaten_endpoint_is_derived_from_the_leerlinggegevens_one(
    endpoints: object,
) -> None:
    parnassys = lastypes.voor("parnassys")
    assert lastypes.leerresultaten_endpoint(parnassys) == "https://las.example/uwlr/leerresultaten"
    assert lastypes.derive_leerresultaten("https://las.example/soap") == "https://las.example/soap"


def test_the_key_survives_an_encryption_round_trip_and_only_its_end_is_clear() -> None:
    versleuteld = crypto.encrypt("f7i9wVA7--GmYZIIDs5Z")
    assert "f7i9wVA7" not in versleuteld
    assert crypto.decrypt(versleuteld) == "f7i9wVA7--GmYZIIDs5Z"
    assert crypto.masker(crypto.eind("f7i9wVA7--GmYZIIDs5Z")) == "•••• Ds5Z"


def test_a_key_encrypted_under_another_installation_key_is_unreadable(settings: Any) -> None:
    versleuteld = crypto.encrypt("f7i9wVA7--GmYZIIDs5Z")
    settings.SLEUTEL_KEY = "A" * 43 + "="
    with pytest.raises(crypto.SleutelOnleesbaar):
        crypto.decrypt(versleuteld)


@pytest.mark.parametrize(
    ("datum", "schooljaar"),
    [
        (dt.date(2026, 11, 23), "2026-2027"),
        (dt.date(2026, 8, 1), "2026-2027"),
        (dt.date(2026, 7, 31), "2025-2026"),
    ],
)
def test_the_school_year_starts_on_the_first_of_august(datum: dt.date, schooljaar: str) -> None:
    assert decisions.schooljaar_op(datum) == schooljaar


def test_the_form_offers_the_current_and_the_next_school_year() -> None:
    assert decisions.schooljaar_keuzes(dt.date(2026, 11, 23)) == [
        ("2026-2027", "Huidig schooljaar (2026-2027)"),
        ("2027-2028", "Volgend schooljaar (2027-2028)"),
    ]


OUD = decisions.Instellingen(
    lastype="parnassys", brincode="99XX", vestigingsnummer="", schooljaar="2026-2027"
)


@pytest.mark.parametrize(
    ("wijziging", "nieuwe_sleutel", "opnieuw"),
    [
        ({}, False, False),
        ({"schooljaar": "2027-2028"}, False, False),
        ({}, True, True),
        ({"brincode": "99YY"}, False, True),
        ({"vestigingsnummer": "01"}, False, True),
        ({"lastype": "esis"}, False, True),
    ],
)
def test_an_approved_coupling_needs_approval_again_only_when_key_or_school_changes(
    wijziging: dict[str, str], nieuwe_sleutel: bool, opnieuw: bool
) -> None:
    nieuw = dataclasses.replace(OUD, **wijziging)
    gekozen = decisions.opnieuw_goedkeuren(
        OUD, nieuw, status=GOEDGEKEURD, nieuwe_sleutel=nieuwe_sleutel
    )
    assert gekozen is opnieuw


def test_a_first_or_rejected_coupling_always_waits_for_approval() -> None:
    assert decisions.opnieuw_goedkeuren(None, OUD, status=INGEDIEND, nieuwe_sleutel=True)
    assert decisions.opnieuw_goedkeuren(OUD, OUD, status=AFGEWEZEN, nieuwe_sleutel=False)


def test_the_status_reads_as_the_beheerder_expects() -> None:
    op = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    assert decisions.statustekst(INGEDIEND, behandeld_op=None, reden="") == (
        "Wacht op goedkeuring door de klantenservice"
    )
    assert decisions.statustekst(GOEDGEKEURD, behandeld_op=op, reden="") == (
        "Goedgekeurd op 23-11-2026"
    )
    assert decisions.statustekst(AFGEWEZEN, behandeld_op=op, reden="Verkeerde BRIN") == (
        "Afgewezen: Verkeerde BRIN"
    )


def test_approval_needs_a_successful_test_call() -> None:
    assert decisions.waarom_niet_goedkeuren(INGEDIEND, None) is not None
    assert decisions.waarom_niet_goedkeuren(INGEDIEND, {"ok": False}) is not None
    assert decisions.waarom_niet_goedkeuren(INGEDIEND, {"ok": True}) is None
    assert decisions.waarom_niet_goedkeuren(GOEDGEKEURD, {"ok": True}) is not None


def _koppeling() -> LasKoppeling:
    klant = Klant(naam="GKV testschool", brincode="99XX")
    return LasKoppeling(klant=klant, lastype="parnassys", brincode="99XX", schooljaar="2026-2027")


def _transport(cause: BaseException, status: int | None = None) -> faults.TransportError:
    error = faults.TransportError("x", status=status)
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "begin"),
    [
        (faults.AutorisatieOngeldig(), gateway.SLEUTEL_ONGELDIG),
        (faults.OngeldigeKlantIdentificatie(), "Het LAS herkent het testcentrum niet"),
        (faults.TijdelijkNietBeschikbaar(), "Het LAS meldt een storing"),
        (_transport(httpx.ConnectError("refused")), "Het LAS is niet bereikbaar."),
        (_transport(httpx.ReadTimeout("slow")), "Het LAS is niet bereikbaar: het gaf binnen"),
        (_transport(faults.OngeldigBericht("xml")), "Het LAS gaf een antwoord dat geen geldig"),
        (_transport(faults.OngeldigBericht("xml"), 404), "Het LAS gaf een foutpagina (HTTP 404)"),
        (gateway.KoppelingFout(lastypes.NIET_INGERICHT), lastypes.NIET_INGERICHT),
    ],
)
def test_every_failure_has_a_dutch_message(error: Exception, begin: str) -> None:
    assert gateway.foutmelding(error, _koppeling()).startswith(begin)


def test_a_refused_key_names_the_brin_to_check() -> None:
    melding = gateway.foutmelding(faults.AutorisatieOngeldig(), _koppeling())
    assert "BRIN-nummer 99XX" in melding


def test_a_test_result_survives_the_json_round_trip() -> None:
    uitslag = gateway.Testuitslag(
        ok=True,
        melding="Sleutel geeft toegang tot 99XX: 1 leerling, 1 groep, 1 leerkracht",
        tijdstip=dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
        leerlingen=1,
        groepen=1,
        leerkrachten=1,
        waarschuwingen=("volgorde",),
    )
    assert gateway.Testuitslag.from_json(uitslag.to_json()) == uitslag
