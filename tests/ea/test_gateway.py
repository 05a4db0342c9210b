"""The klantenservice test call over real HTTP: against a real LAS process (a good key, a wrong
key, a BRIN the key does not open, another school year, an unknown klantcode), a port nobody
listens on, and a tiny local server that answers garbage, an HTML error page, or too late.

Every outcome is stored in ``laatste_test`` and nothing else of the coupling changes.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.utils import timezone

from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling import crypto, decisions, gateway, services
from koppel.ea.koppeling.models import INGEDIEND, LasKoppeling
from tests.support.las_process import LasProcess, free_port

pytestmark = [pytest.mark.django_db, pytest.mark.interop, pytest.mark.slow]

LEERLINGEN = 60


@pytest.fixture(scope="module")
def las() -> Iterator[tuple[LasProcess, str]]:
    """A LAS with school 99XX (60 pupils) that activated Boom testcentrum UWLR; and its key."""
    with LasProcess() as proces:
        output = proces.run_many(
            ("seed", "--brin", "99XX", "--leerlingen", str(LEERLINGEN), "--seed", "1"),
            ("partner", "add", "--naam", "Boom testcentrum UWLR", "--klantcode", "BOOM-UWLR"),
            ("koppeling", "activeer", "--brin", "99XX", "--klantcode", "BOOM-UWLR"),
        )
        yield proces, output.splitlines()[-1].strip()


class _Nep(BaseHTTPRequestHandler):
    """Answers every POST by path: /rommel garbage, /fout an HTML 404, /traag too late."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            if self.path.startswith("/traag"):
                time.sleep(1.0)
            status, body = (404, b"<html>Not found</html>") if "fout" in self.path else (200, b"")
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            body = body or b"\x00 dit is geen SOAP <<<"
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def nep_las() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nep)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _koppeling(klant: Klant, sleutel: str, **velden: str) -> LasKoppeling:
    gegevens = {
        "lastype": "koppel",
        "brincode": "99XX",
        "schooljaar": decisions.schooljaar_op(timezone.localdate()),
    } | velden
    return LasKoppeling.objects.create(
        klant=klant,
        sleutel_versleuteld=crypto.encrypt(sleutel),
        sleutel_eind=crypto.eind(sleutel),
        aangevraagd_op=timezone.now(),
        **gegevens,
    )


def _velden(koppeling: LasKoppeling) -> dict[str, Any]:
    return {
        f.attname: getattr(koppeling, f.attname)
        for f in LasKoppeling._meta.concrete_fields
        if f.attname != "laatste_test"
    }


def _test(koppeling: LasKoppeling) -> gateway.Testuitslag:
    """Run the test call as klantenservice does; check only ``laatste_test`` was stored."""
    voor = _velden(koppeling)
    uitslag = services.run_test(koppeling, now=timezone.now())
    na = LasKoppeling.objects.get(pk=koppeling.pk)
    assert _velden(na) == voor
    assert na.laatste_test == uitslag.to_json()
    return uitslag


@pytest.fixture
def endpoint(settings: Any, las: tuple[LasProcess, str]) -> str:
    url = f"{las[0].base_url}/uwlr/leerlinggegevens"
    settings.LAS_ENDPOINTS = {"koppel": url, "parnassys": url}
    return url


def test_a_good_key_gives_access_with_the_counts(
    klant: Klant, las: tuple[LasProcess, str], endpoint: str
) -> None:
    uitslag = _test(_koppeling(klant, las[1]))
    assert uitslag.ok, uitslag.melding
    assert uitslag.leerlingen == LEERLINGEN and uitslag.groepen > 0 and uitslag.leerkrachten > 0
    assert re.fullmatch(
        rf"Sleutel geeft toegang tot 99XX: {LEERLINGEN} leerlingen, \d+ groepen?, \d+ leerkrachten?",
        uitslag.melding,
    )
    assert LasKoppeling.objects.get(klant=klant).status == INGEDIEND


def test_the_parnassys_type_calls_the_same_way(
    klant: Klant, las: tuple[LasProcess, str], endpoint: str
) -> None:
    assert _test(_koppeling(klant, las[1], lastype="parnassys")).ok


def test_a_wrong_key_is_refused(klant: Klant, las: object, endpoint: str) -> None:
    uitslag = _test(_koppeling(klant, "dit-is-niet-de-sleutel"))
    assert not uitslag.ok
    assert uitslag.melding.startswith(
        "De autorisatiesleutel geeft geen toegang tot deze school. "
        "Stel in het LAS een nieuwe sleutel in en plak die hier."
    )


def test_a_brin_the_key_does_not_open_is_refused(
    klant: Klant, las: tuple[LasProcess, str], endpoint: str
) -> None:
    uitslag = _test(_koppeling(klant, las[1], brincode="77ZZ"))
    assert not uitslag.ok
    assert uitslag.melding.startswith(gateway.SLEUTEL_ONGELDIG)
    assert "BRIN-nummer 77ZZ" in uitslag.melding


def test_a_school_year_without_data_says_so(
    klant: Klant, las: tuple[LasProcess, str], endpoint: str
) -> None:
    jaar = decisions.volgend_schooljaar(decisions.schooljaar_op(timezone.localdate()))
    uitslag = _test(_koppeling(klant, las[1], schooljaar=jaar))
    assert not uitslag.ok
    assert f"heeft geen leerlinggegevens voor schooljaar {jaar}" in uitslag.melding


def test_an_unknown_klantcode_is_reported(
    klant: Klant, las: tuple[LasProcess, str], endpoint: str, settings: Any
) -> None:
    settings.UWLR_KLANTCODE = "ONBEKEND"
    uitslag = _test(_koppeling(klant, las[1]))
    assert uitslag.melding.startswith("Het LAS herkent het testcentrum niet als koppelpartij")


def test_a_port_nobody_listens_on_is_not_reachable(klant: Klant, settings: Any) -> None:
    settings.LAS_ENDPOINTS = {"koppel": f"http://127.0.0.1:{free_port()}/uwlr/leerlinggegevens"}
    uitslag = _test(_koppeling(klant, "een-sleutel-1234"))
    assert not uitslag.ok
    assert uitslag.melding.startswith("Het LAS is niet bereikbaar.")


@pytest.mark.parametrize(
    ("pad", "melding"),
    [
        ("/rommel", "Het LAS gaf een antwoord dat geen geldig UWLR-bericht is."),
        ("/fout", "Het LAS gaf een foutpagina (HTTP 404) in plaats van een UWLR-antwoord."),
        ("/traag", "Het LAS is niet bereikbaar: het gaf binnen 0.3 seconden geen antwoord."),
    ],
)
def test_a_malformed_or_late_answer_gets_a_clear_message(
    klant: Klant, nep_las: str, settings: Any, pad: str, melding: str
) -> None:
    settings.LAS_ENDPOINTS = {"koppel": f"{nep_las}{pad}/leerlinggegevens"}
    settings.UWLR_TIMEOUT = 0.3
    uitslag = _test(_koppeling(klant, "een-sleutel-1234"))
    assert not uitslag.ok
    assert uitslag.melding.startswith(melding)


def test_a_type_without_an_endpoint_is_not_called(klant: Klant, settings: Any) -> None:
    settings.LAS_ENDPOINTS = {}
    uitslag = _test(_koppeling(klant, "een-sleutel-1234"))
    assert uitslag.melding == "Dit type koppeling is op deze installatie nog niet ingericht."
