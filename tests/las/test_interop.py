"""The LAS over real HTTP: a standard SOAP client (zeep, loaded with the official 2.2 WSDL), the
project's own UwlrClient, and XML attacks that must be answered with a fault while the LAS keeps
serving."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import zeep
from django.db import DEFAULT_DB_ALIAS, connections
from lxml import etree

from koppel.las.school.models import School
from koppel.uwlr import UwlrClient, faults
from koppel.uwlr import messages as m
from koppel.uwlr.codec import encode
from tests.las.helpers import KLANTCODE, KLANTNAAM, SCHOOLJAAR, Gekoppeld
from tests.support.official import shared_dir, validate_envelope_official

LG = "{http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens}"
AUT = "{http://www.edustandaard.nl/leerresultaten/2/autorisatie}"
SOAP = "{http://schemas.xmlsoap.org/soap/envelope/}"
HEADERS = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"HaalLeerlinggegevens"'}


@pytest.fixture
def endpoint(live_server: Any, transactional_db: None, gekoppeld: Gekoppeld) -> Iterator[str]:
    # The live server's request threads must not keep database sessions open past a request
    # (a kept-alive HTTP connection would), or PostgreSQL refuses to drop the test database.
    database = connections.settings[DEFAULT_DB_ALIAS]
    max_age, database["CONN_MAX_AGE"] = database["CONN_MAX_AGE"], 0
    yield f"{live_server.url}/uwlr/leerlinggegevens"
    database["CONN_MAX_AGE"] = max_age


@pytest.fixture
def official_client() -> Iterator[zeep.Client]:
    wsdl = shared_dir() / "uwlr-xsd" / "v2p2" / "wsdl" / "UWLR_Leerlinggegevens_v2p2.wsdl"
    client = zeep.Client(str(wsdl))
    yield client
    client.transport.session.close()


def zeep_header(client: zeep.Client, gekoppeld: Gekoppeld) -> Any:
    autorisatie = client.get_element(f"{AUT}autorisatie")
    return autorisatie(
        autorisatiesleutel=gekoppeld.sleutel, klantcode=KLANTCODE, klantnaam=KLANTNAAM
    )


def zeep_call(
    client: zeep.Client, binding: str, address: str, operation: str, **kwargs: Any
) -> httpx.Response:
    service = client.create_service(f"{LG}{binding}", address)
    with client.settings(raw_response=True):
        response = getattr(service, operation)(**kwargs)
    assert response.status_code == 200, response.content[:400]
    assert validate_envelope_official(response.content) == []
    return response


def test_zeep_with_the_official_wsdl_fetches_all_pupils(
    endpoint: str, official_client: zeep.Client, gekoppeld: Gekoppeld, school: School
) -> None:
    response = zeep_call(
        official_client, "bndLeerlinggegevens", endpoint, "HaalLeerlinggegevens",
        schooljaar=SCHOOLJAAR, brincode="99XX", xsdversie="2.2",
        _soapheaders=[zeep_header(official_client, gekoppeld)],
    )  # fmt: skip
    pupils = etree.fromstring(response.content).findall(f".//{LG}leerlingen/{LG}leerling")
    assert len(pupils) == school.leerlingen.count()


def test_zeep_with_the_official_wsdl_uses_the_getrapt_operations(
    endpoint: str, official_client: zeep.Client, gekoppeld: Gekoppeld
) -> None:
    header = [zeep_header(official_client, gekoppeld)]
    structuur = zeep_call(
        official_client, "bndLeerlinggegevens-getrapt", endpoint, "HaalStructuur",
        schooljaar=SCHOOLJAAR, brincode="99XX", xsdversie="2.2", _soapheaders=header,
    )  # fmt: skip
    groepen = etree.fromstring(structuur.content).findall(f".//{LG}groepen/{LG}groep")
    assert groepen
    first = groepen[0].get("key")
    leerlingen = zeep_call(
        official_client, "bndLeerlinggegevens-getrapt", endpoint, "HaalLeerlingen",
        schooljaar=SCHOOLJAAR, brincode="99XX", xsdversie="2.2", _soapheaders=header,
        groepen={"_value_1": [{"groep": {"key": first}}]},
    )  # fmt: skip
    pupils = etree.fromstring(leerlingen.content).findall(f".//{LG}leerling")
    assert pupils
    assert {p.find(f"{LG}groep").get("key") for p in pupils} == {first}  # type: ignore[union-attr]


def test_zeep_can_load_the_wsdl_the_las_serves(endpoint: str) -> None:
    client = zeep.Client(endpoint + "?wsdl")
    operations = {
        name
        for service in client.wsdl.services.values()
        for port in service.ports.values()
        for name in port.binding._operations
    }
    assert operations == {"HaalLeerlinggegevens", "HaalStructuur", "HaalLeerlingen",
                          "HaalLeerkrachten"}  # fmt: skip


def test_uwlr_client_fetches_the_school_over_http(endpoint: str, gekoppeld: Gekoppeld) -> None:
    with UwlrClient(
        endpoint, klantcode=KLANTCODE, klantnaam=KLANTNAAM, autorisatiesleutel=gekoppeld.sleutel
    ) as client:
        antwoord = client.haal_leerlinggegevens(schooljaar=SCHOOLJAAR, brincode="99XX")
        assert isinstance(antwoord.bericht.inhoud, m.Leerlinggegevens)
        assert antwoord.warnings == ()
        with pytest.raises(faults.AutorisatieOngeldig):
            client.haal_leerlinggegevens(schooljaar=SCHOOLJAAR, brincode="98XX")


# --- XML attacks --------------------------------------------------------------------------------


class Listener:
    """A TCP listener on loopback that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def valid_request(gekoppeld: Gekoppeld) -> bytes:
    verzoek = m.LeerlinggegevensVerzoek(schooljaar=SCHOOLJAAR, brincode="99XX")
    return encode(verzoek, autorisatie=gekoppeld.autorisatie())


def with_doctype(doctype: str, gekoppeld: Gekoppeld, entity: str = "") -> bytes:
    body = valid_request(gekoppeld).decode()
    body = body.split("?>", 1)[1]
    if entity:
        body = body.replace("<lg:schooljaar>", f"<lg:schooljaar>{entity}", 1)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n{body}'.encode()


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def attacks(gekoppeld: Gekoppeld, port: int) -> dict[str, bytes]:
    deep = "<a>" * 10_000 + "</a>" * 10_000
    nested = valid_request(gekoppeld).replace(
        b"</lg:leerlinggegevens_verzoek>", deep.encode() + b"</lg:leerlinggegevens_verzoek>"
    )
    return {
        "xxe-file": with_doctype(
            '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', gekoppeld, "&e;"
        ),
        "xxe-http": with_doctype(
            f'<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:{port}/e">]>', gekoppeld, "&e;"
        ),
        "external-dtd": with_doctype(
            f'<!DOCTYPE x SYSTEM "http://127.0.0.1:{port}/evil.dtd">', gekoppeld
        ),
        "parameter-entity": with_doctype(
            f'<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p.dtd"> %p;]>', gekoppeld
        ),
        "billion-laughs": with_doctype(LAUGHS, gekoppeld, "&lol9;"),
        "deep-nesting": nested,
    }


ATTACKS = ["xxe-file", "xxe-http", "external-dtd", "parameter-entity", "billion-laughs",
           "deep-nesting"]  # fmt: skip


@pytest.mark.parametrize("attack", ATTACKS)
def test_xml_attack_is_answered_with_a_fault_and_the_las_keeps_serving(
    attack: str, endpoint: str, gekoppeld: Gekoppeld, listener: Listener
) -> None:
    payload = attacks(gekoppeld, listener.port)[attack]
    started = time.monotonic()
    response = httpx.post(endpoint, content=payload, headers=HEADERS, timeout=10.0)
    assert time.monotonic() - started < 5.0
    assert response.status_code == 500
    fault = etree.fromstring(response.content).find(f".//{SOAP}Fault/faultcode")
    assert fault is not None
    assert fault.text == "soapenv:Client.OngeldigBericht"
    assert b"root:" not in response.content
    assert listener.connections == 0
    again = httpx.post(endpoint, content=valid_request(gekoppeld), headers=HEADERS, timeout=10.0)
    assert again.status_code == 200


def test_an_oversized_body_is_refused_without_reading_it_all(
    endpoint: str, gekoppeld: Gekoppeld, settings: Any
) -> None:
    settings.UWLR_MAX_REQUEST_BYTES = 100_000
    padding = b"<!--" + b"x" * 200_000 + b"-->"
    payload = valid_request(gekoppeld).replace(b"<soapenv:Body>", b"<soapenv:Body>" + padding)
    response = httpx.post(endpoint, content=payload, headers=HEADERS, timeout=10.0)
    assert response.status_code == 500
    assert b"Client.OngeldigBericht" in response.content
    again = httpx.post(endpoint, content=valid_request(gekoppeld), headers=HEADERS, timeout=10.0)
    assert again.status_code == 200
