"""UwlrClient against UwlrService over real HTTP on loopback, with an in-memory fake LAS."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from koppel.uwlr import UwlrClient, faults
from koppel.uwlr import messages as m
from koppel.uwlr.server import (
    LEERLINGGEGEVENS_OPERATIES,
    LEERRESULTATEN_OPERATIES,
    Aanroep,
    HttpResponse,
    UwlrService,
)

KEY = "k" * 88  # real LAS keys are longer than the official 64-character limit
UTC = dt.UTC


@dataclass
class FakeLas:
    """A provider holding one school; records what it was asked."""

    changed: dt.datetime = dt.datetime(2026, 9, 1, 6, 0, tzinfo=UTC)
    calls: list[Aanroep] = field(default_factory=list)
    stored: dict[str, m.Resultaat] = field(default_factory=dict)

    def check_klant(self, aanroep: Aanroep) -> None:
        self.calls.append(aanroep)
        if (aanroep.autorisatie.klantnaam, aanroep.autorisatie.klantcode) != ("Toetsen", "T-1"):
            raise faults.OngeldigeKlantIdentificatie()

    def authorise(self, aanroep: Aanroep, verzoek: m.Verzoek) -> str:
        brin = (
            verzoek.school.brincode
            if isinstance(verzoek, m.LeerresultatenVerzoek)
            else verzoek.brincode
        )
        if aanroep.autorisatie.autorisatiesleutel != KEY or brin != "99XX":
            raise faults.AutorisatieOngeldig()
        return "99XX"

    def _school(self, xsdversie: str) -> m.School:
        return m.School(schooljaar="2026-2027", brincode="99XX", xsdversie=xsdversie)

    def _leerlingen(self) -> tuple[m.Leerling, ...]:
        return (
            m.Leerling(
                key="LL-1",
                achternaam="Jansen",
                voorvoegsel="van",
                roepnaam="Sanne",
                jaargroep="4",
                groep="G-4A",
            ),
            m.Leerling(key="LL-2", achternaam="Bakker", roepnaam="Daan", jaargroep="5"),
        )

    def haal_leerlinggegevens(
        self, toegang: str, verzoek: m.LeerlinggegevensVerzoek
    ) -> m.LeerlinggegevensAntwoord:
        if verzoek.laatstontvangengegevens and verzoek.laatstontvangengegevens >= self.changed:
            return m.LeerlinggegevensAntwoord(inhoud=m.GeenWijzigingen())
        return m.LeerlinggegevensAntwoord(
            inhoud=m.Leerlinggegevens(
                school=self._school(verzoek.xsdversie),
                groepen=(m.Groep(key="G-4A", naam="Groep 4a", jaargroep="4"),),
                leerlingen=self._leerlingen(),
            )
        )

    def haal_structuur(self, toegang: str, verzoek: m.StructuurVerzoek) -> m.StructuurAntwoord:
        return m.StructuurAntwoord(
            inhoud=m.LeerlinggegevensStructuur(
                school=self._school(verzoek.xsdversie),
                groepen=(m.Groep(key="G-4A", naam="Groep 4a", jaargroep="4"),),
            )
        )

    def haal_leerlingen(self, toegang: str, verzoek: m.LeerlingenVerzoek) -> m.LeerlingenAntwoord:
        wanted = {s.key for s in verzoek.groepen}
        chosen = tuple(ll for ll in self._leerlingen() if ll.groep in wanted)
        if not chosen:
            return m.LeerlingenAntwoord(inhoud=m.GeenGegevens())
        return m.LeerlingenAntwoord(
            inhoud=m.LeerlinggegevensLeerlingen(
                school=self._school(verzoek.xsdversie), leerlingen=chosen
            )
        )

    def haal_leerkrachten(
        self, toegang: str, verzoek: m.LeerkrachtenVerzoek
    ) -> m.LeerkrachtenAntwoord:
        raise RuntimeError("database on fire")  # a provider bug: must become Server.InterneFout

    def breng_leerresultaten(
        self, toegang: str, verzoek: m.LeerresultatenVerzoek
    ) -> m.LeerresultatenBevestiging:
        for afname in verzoek.toetsafnames:
            if afname.leerlingid not in {"LL-1", "LL-2"}:
                raise faults.LeerlingOngeldig()
        for afname in verzoek.toetsafnames:
            for resultaat in afname.resultaten:
                self.stored[resultaat.key] = resultaat
        return m.LeerresultatenBevestiging()


Responder = Callable[[bytes, dict[str, str]], HttpResponse]


@dataclass
class Las:
    url: str
    results_url: str
    fake: FakeLas
    headers_seen: list[dict[str, str]]
    override: dict[str, Responder]


@pytest.fixture
def las() -> Iterator[Las]:
    fake = FakeLas()
    services = {
        "/lg": UwlrService(fake, operaties=LEERLINGGEGEVENS_OPERATIES),
        "/lr": UwlrService(fake, operaties=LEERRESULTATEN_OPERATIES),
    }
    headers_seen: list[dict[str, str]] = []
    override: dict[str, Responder] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            headers = dict(self.headers.items())
            headers_seen.append(headers)
            if self.path in override:
                response = override[self.path](body, headers)
            else:
                response = services[self.path].handle(
                    body, soapaction=headers.get("SOAPAction"), remote_addr=self.client_address[0]
                )
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield Las(base + "/lg", base + "/lr", fake, headers_seen, override)
    server.shutdown()
    server.server_close()


def client_for(las: Las, **kwargs: object) -> UwlrClient:
    options: dict[str, object] = {
        "klantcode": "T-1",
        "klantnaam": "Toetsen",
        "autorisatiesleutel": KEY,
        "leerresultaten_endpoint": las.results_url,
        "timeout": 5.0,
    }
    options.update(kwargs)
    return UwlrClient(las.url, **options)  # type: ignore[arg-type]


def test_haal_leerlinggegevens_returns_the_school_as_dataclasses(las: Las) -> None:
    with client_for(las) as client:
        antwoord = client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")
    data = antwoord.bericht.inhoud
    assert isinstance(data, m.Leerlinggegevens)
    assert [ll.key for ll in data.leerlingen] == ["LL-1", "LL-2"]
    assert data.leerlingen[0].voorvoegsel == "van"
    assert antwoord.warnings == ()
    assert las.fake.calls[0].operatie == "HaalLeerlinggegevens"
    assert las.fake.calls[0].remote_addr == "127.0.0.1"


def test_laatstontvangengegevens_after_the_last_change_gives_geenwijzigingen(las: Las) -> None:
    with client_for(las) as client:
        antwoord = client.haal_leerlinggegevens(
            schooljaar="2026-2027",
            brincode="99XX",
            laatstontvangengegevens=dt.datetime(2026, 9, 2, tzinfo=UTC),
        )
    assert antwoord.bericht.inhoud == m.GeenWijzigingen()


def test_getrapt_operations_send_the_wsdl_soapaction_quoted(las: Las) -> None:
    with client_for(las) as client:
        structuur = client.haal_structuur(schooljaar="2026-2027", brincode="99XX")
        leerlingen = client.haal_leerlingen(
            schooljaar="2026-2027", brincode="99XX", groepen=(m.GroepSelectie(key="G-4A"),)
        )
    assert isinstance(structuur.bericht.inhoud, m.LeerlinggegevensStructuur)
    assert isinstance(leerlingen.bericht.inhoud, m.LeerlinggegevensLeerlingen)
    assert [ll.key for ll in leerlingen.bericht.inhoud.leerlingen] == ["LL-1"]
    assert las.headers_seen[0]["SOAPAction"] == (
        '"http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens/structuur_verzoek"'
    )


def test_unquoted_soapaction_and_extra_headers_are_sent_when_configured(las: Las) -> None:
    with client_for(las, soapaction_quoted=False, extra_headers={"X-Abonnement": "abc"}) as c:
        c.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")
    assert las.headers_seen[0]["SOAPAction"] == "HaalLeerlinggegevens"
    assert las.headers_seen[0]["X-Abonnement"] == "abc"


def test_wrong_key_raises_autorisatie_ongeldig_which_is_not_retryable(las: Las) -> None:
    with (
        client_for(las, autorisatiesleutel="fout") as client,
        pytest.raises(faults.AutorisatieOngeldig) as info,
    ):
        client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")
    assert info.value.retryable is False
    assert info.value.faultstring == "Autorisatie is ongeldig"


def test_unknown_klant_raises_ongeldige_klant_identificatie(las: Las) -> None:
    with (
        client_for(las, klantnaam="Iemand") as client,
        pytest.raises(faults.OngeldigeKlantIdentificatie),
    ):
        client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")


def test_unsupported_xsdversie_raises_xsd_versie_ongeldig(las: Las) -> None:
    with client_for(las) as client, pytest.raises(faults.XsdVersieOngeldig):
        client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX", xsdversie="9.9")


def test_a_provider_bug_becomes_a_retryable_interne_fout(las: Las) -> None:
    with client_for(las) as client, pytest.raises(faults.InterneFout) as info:
        client.haal_leerkrachten(
            schooljaar="2026-2027", brincode="99XX", groepen=(m.GroepSelectie(),)
        )
    assert info.value.retryable is True


def test_a_request_for_the_other_service_is_refused_as_ongeldig_bericht(las: Las) -> None:
    with (
        client_for(las, leerresultaten_endpoint=las.url) as client,
        pytest.raises(faults.OngeldigBericht),
    ):
        client.breng_leerresultaten(resultaten_verzoek("LL-1"))


def resultaten_verzoek(leerlingid: str) -> m.LeerresultatenVerzoek:
    return m.LeerresultatenVerzoek(
        school=m.ResultaatSchool(
            schooljaar="2026-2027",
            brincode="99XX",
            aanmaakdatum=dt.datetime(2026, 11, 2, 14, 30, tzinfo=UTC),
        ),
        toetsafnames=(
            m.Toetsafname(
                leerlingid=leerlingid,
                resultaten=(
                    m.Resultaat(
                        key="R-1",
                        afnamedatum=dt.date(2026, 11, 2),
                        toetscode="REK-4",
                        uitslag=m.Score(waarde=34),
                    ),
                ),
            ),
        ),
        toetsen=(
            m.Toets(
                toetscode=m.VocabulaireWaarde(waarde="REK-4"),
                toetsnaam="Rekenen groep 4",
                toetsnormering=m.Normering(
                    normen=(m.Norm(term="Voldoende", beginnormwaarde=0, eindnormwaarde=40),)
                ),
            ),
        ),
    )


def test_breng_leerresultaten_delivers_and_refuses_unknown_pupils(las: Las) -> None:
    with client_for(las) as client:
        antwoord = client.breng_leerresultaten(resultaten_verzoek("LL-1"))
        assert antwoord.bericht == m.LeerresultatenBevestiging()
        with pytest.raises(faults.LeerlingOngeldig):
            client.breng_leerresultaten(resultaten_verzoek("LL-999"))
    assert las.fake.stored["R-1"].uitslag == m.Score(waarde=34)


def test_http_500_with_garbage_is_a_retryable_transport_error(las: Las) -> None:
    las.override["/lg"] = lambda body, headers: HttpResponse(500, b"<html>Proxy error</html>")
    with client_for(las) as client, pytest.raises(faults.TransportError) as info:
        client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")
    assert info.value.retryable is True
    assert info.value.status == 500


def test_http_404_without_a_fault_is_not_retryable(las: Las) -> None:
    las.override["/lg"] = lambda body, headers: HttpResponse(404, b"Not found", "text/plain")
    with client_for(las) as client, pytest.raises(faults.TransportError) as info:
        client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")
    assert info.value.retryable is False


def test_a_slow_las_raises_a_retryable_transport_error(las: Las) -> None:
    def slow(body: bytes, headers: dict[str, str]) -> HttpResponse:
        time.sleep(1.0)
        return HttpResponse(500, b"")

    las.override["/lg"] = slow
    with client_for(las, timeout=0.2) as client, pytest.raises(faults.TransportError) as info:
        client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")
    assert info.value.retryable is True


def test_a_las_that_is_down_raises_a_retryable_transport_error() -> None:
    client = UwlrClient(
        "http://127.0.0.1:9/uwlr",
        klantcode="T-1",
        klantnaam="Toetsen",
        autorisatiesleutel=KEY,
        timeout=1.0,
    )
    with client, pytest.raises(faults.TransportError) as info:
        client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")
    assert info.value.retryable is True


def test_an_oversized_answer_is_refused(las: Las) -> None:
    with (
        client_for(las, max_bytes=200) as client,
        pytest.raises(faults.TransportError, match="groter dan 200 bytes"),
    ):
        client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")


def test_a_lenient_answer_is_accepted_with_warnings(las: Las) -> None:
    tolerated = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
        b'<leerlinggegevens_antwoord xmlns="http://www.edustandaard.nl/leerresultaten/2/'
        b'leerlinggegevens"><leerlinggegevens><school><dependancecode>00</dependancecode>'
        b"<brincode>99XX</brincode><schooljaar>2026-2027</schooljaar></school>"
        b'<leerlingen><leerling key="LL-1"><achternaam>Jansen</achternaam>'
        b"<voorvoegsel></voorvoegsel><roepnaam>Sanne</roepnaam></leerling></leerlingen>"
        b"</leerlinggegevens></leerlinggegevens_antwoord></s:Body></s:Envelope>"
    )
    las.override["/lg"] = lambda body, headers: HttpResponse(200, tolerated)
    with client_for(las) as client:
        antwoord = client.haal_leerlinggegevens(schooljaar="2026-2027", brincode="99XX")
    data = antwoord.bericht.inhoud
    assert isinstance(data, m.Leerlinggegevens)
    assert data.school.brincode == "99XX"
    assert data.leerlingen[0].voorvoegsel is None
    assert len(antwoord.warnings) >= 2


def test_the_client_repr_never_shows_the_key() -> None:
    client = UwlrClient("http://x.invalid/", klantcode="T", klantnaam="N", autorisatiesleutel=KEY)
    assert KEY not in repr(client)
    assert KEY not in repr(m.Autorisatie(autorisatiesleutel=KEY, klantcode="T", klantnaam="N"))
