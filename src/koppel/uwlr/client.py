"""The EA side of UWLR: a client for the Leerlinggegevens and Leerresultaten services of an LAS.

Answers are decoded leniently (real LASes send children out of schema order, empty elements, faultcodes
without a prefix); what was tolerated is returned as ``warnings``. A SOAP fault is raised as the typed
exception of :mod:`koppel.uwlr.faults`; anything else that leaves no usable answer (timeout, refused
connection, HTTP 5xx without a fault, garbage) raises :class:`~koppel.uwlr.faults.TransportError`.
``exc.retryable`` tells the caller whether to try again later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

import httpx

from koppel.uwlr import messages as m
from koppel.uwlr.codec import DEFAULT_MAX_BYTES, decode, encode
from koppel.uwlr.faults import OngeldigBericht, TransportError, fault_from_message

__all__ = ["SOAPACTIONS", "Antwoord", "UwlrClient"]

T = TypeVar("T")

_LG = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens/"

#: the soapAction of every operation, exactly as the 2.2 WSDLs declare them
SOAPACTIONS: dict[type[m.Verzoek], str] = {
    m.LeerlinggegevensVerzoek: "HaalLeerlinggegevens",
    m.StructuurVerzoek: _LG + "structuur_verzoek",
    m.LeerlingenVerzoek: _LG + "leerlingen_verzoek",
    m.LeerkrachtenVerzoek: _LG + "leerkrachten_verzoek",
    m.LeerresultatenVerzoek: "BrengLeerresultaten",
}

ClientCert = str | tuple[str, str]


@dataclass(frozen=True, slots=True)
class Antwoord(Generic[T]):
    """A decoded answer: the message, what lenient decoding tolerated, and the HTTP status."""

    bericht: T
    warnings: tuple[str, ...] = ()
    status: int = 200


class UwlrClient:
    """Calls one LAS on behalf of one school's coupling.

    ``endpoint`` is the Leerlinggegevens service; ``leerresultaten_endpoint`` the Leerresultaten
    service (defaults to ``endpoint``). ``client_cert`` is a PEM file (or ``(cert, key)`` pair) for
    LASes that require TLS client authentication; ``extra_headers`` are sent with every request
    (e.g. an API-management subscription key). ``soapaction_quoted`` follows SOAP 1.1; some LASes
    want the bare value.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        klantcode: str,
        klantnaam: str,
        autorisatiesleutel: str,
        timeout: float = 30.0,
        client_cert: ClientCert | None = None,
        extra_headers: dict[str, str] | None = None,
        leerresultaten_endpoint: str | None = None,
        soapaction_quoted: bool = True,
        max_bytes: int = DEFAULT_MAX_BYTES,
        verify: bool | str = True,
    ) -> None:
        self.endpoint = endpoint
        self.leerresultaten_endpoint = leerresultaten_endpoint or endpoint
        self._autorisatie = m.Autorisatie(
            autorisatiesleutel=autorisatiesleutel, klantcode=klantcode, klantnaam=klantnaam
        )
        self._quoted = soapaction_quoted
        self._max_bytes = max_bytes
        self._http = httpx.Client(
            timeout=timeout, cert=client_cert, verify=verify, headers=extra_headers or {}
        )

    def __repr__(self) -> str:  # never show the key
        return f"UwlrClient({self.endpoint!r}, klantcode={self._autorisatie.klantcode!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> UwlrClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the five operations ---------------------------------------------------------------------

    def haal_leerlinggegevens(
        self,
        *,
        schooljaar: str,
        brincode: str | None = None,
        dependancecode: str | None = None,
        schoolkey: str | None = None,
        xsdversie: str = "2.2",
        gegevenssetid: str | None = None,
        laatstontvangengegevens: dt.datetime | None = None,
    ) -> Antwoord[m.LeerlinggegevensAntwoord]:
        """HaalLeerlinggegevens: the whole school at once (or geenwijzigingen / geengegevens)."""
        verzoek = m.LeerlinggegevensVerzoek(
            schooljaar=schooljaar,
            brincode=brincode,
            dependancecode=dependancecode,
            schoolkey=schoolkey,
            xsdversie=xsdversie,
            gegevenssetid=gegevenssetid,
            laatstontvangengegevens=laatstontvangengegevens,
        )
        return self.send(verzoek, m.LeerlinggegevensAntwoord)

    def haal_structuur(
        self,
        *,
        schooljaar: str,
        brincode: str | None = None,
        dependancecode: str | None = None,
        schoolkey: str | None = None,
        xsdversie: str = "2.2",
        gegevenssetid: str | None = None,
        laatstontvangengegevens: dt.datetime | None = None,
    ) -> Antwoord[m.StructuurAntwoord]:
        """HaalStructuur: the school and its groups (first step of getrapt retrieval)."""
        verzoek = m.StructuurVerzoek(
            schooljaar=schooljaar,
            brincode=brincode,
            dependancecode=dependancecode,
            schoolkey=schoolkey,
            xsdversie=xsdversie,
            gegevenssetid=gegevenssetid,
            laatstontvangengegevens=laatstontvangengegevens,
        )
        return self.send(verzoek, m.StructuurAntwoord)

    def haal_leerlingen(
        self,
        *,
        schooljaar: str,
        groepen: tuple[m.GroepSelectie | m.SamengesteldeGroepSelectie, ...],
        brincode: str | None = None,
        dependancecode: str | None = None,
        schoolkey: str | None = None,
        xsdversie: str = "2.2",
        gegevenssetid: str | None = None,
    ) -> Antwoord[m.LeerlingenAntwoord]:
        """HaalLeerlingen: the pupils of the given groups (``GroepSelectie()``: in no group)."""
        verzoek = m.LeerlingenVerzoek(
            schooljaar=schooljaar,
            brincode=brincode,
            dependancecode=dependancecode,
            schoolkey=schoolkey,
            xsdversie=xsdversie,
            gegevenssetid=gegevenssetid,
            groepen=groepen,
        )
        return self.send(verzoek, m.LeerlingenAntwoord)

    def haal_leerkrachten(
        self,
        *,
        schooljaar: str,
        groepen: tuple[m.GroepSelectie | m.SamengesteldeGroepSelectie, ...],
        brincode: str | None = None,
        dependancecode: str | None = None,
        schoolkey: str | None = None,
        xsdversie: str = "2.2",
        gegevenssetid: str | None = None,
    ) -> Antwoord[m.LeerkrachtenAntwoord]:
        """HaalLeerkrachten: the teachers of the given groups."""
        verzoek = m.LeerkrachtenVerzoek(
            schooljaar=schooljaar,
            brincode=brincode,
            dependancecode=dependancecode,
            schoolkey=schoolkey,
            xsdversie=xsdversie,
            gegevenssetid=gegevenssetid,
            groepen=groepen,
        )
        return self.send(verzoek, m.LeerkrachtenAntwoord)

    def breng_leerresultaten(
        self, verzoek: m.LeerresultatenVerzoek
    ) -> Antwoord[m.LeerresultatenBevestiging]:
        """BrengLeerresultaten: deliver results; the LAS stores the whole message or nothing."""
        return self.send(verzoek, m.LeerresultatenBevestiging)

    # --- plumbing --------------------------------------------------------------------------------

    def send(self, verzoek: m.Verzoek, expected: type[T]) -> Antwoord[T]:
        """Send any request and return the answer of the ``expected`` class."""
        url = (
            self.leerresultaten_endpoint
            if isinstance(verzoek, m.LeerresultatenVerzoek)
            else self.endpoint
        )
        action = SOAPACTIONS[type(verzoek)]
        status, content = self._post(url, encode(verzoek, autorisatie=self._autorisatie), action)
        bericht = self._decode(status, content)
        if isinstance(bericht.body, m.Fault):
            raise fault_from_message(bericht.body)
        if not isinstance(bericht.body, expected) or status != 200:
            raise TransportError(
                f"Onverwacht antwoord van het LAS (HTTP {status}, {type(bericht.body).__name__})",
                status=status,
            )
        return Antwoord(bericht.body, bericht.warnings, status)

    def _post(self, url: str, body: bytes, action: str) -> tuple[int, bytes]:
        headers = {
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{action}"' if self._quoted else action,
        }
        try:
            with self._http.stream("POST", url, content=body, headers=headers) as response:
                return response.status_code, self._read_limited(response)
        except httpx.TimeoutException as exc:
            raise TransportError(f"Het LAS antwoordde niet op tijd ({url})") from exc
        except httpx.HTTPError as exc:
            raise TransportError(f"Het LAS is niet bereikbaar ({url}): {exc}") from exc

    def _read_limited(self, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self._max_bytes:
                raise TransportError(
                    f"Het antwoord van het LAS is groter dan {self._max_bytes} bytes",
                    status=response.status_code,
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _decode(self, status: int, content: bytes) -> m.Bericht:
        try:
            return decode(content, strict=False, max_bytes=self._max_bytes)
        except OngeldigBericht as exc:
            raise TransportError(
                f"Het LAS gaf een onleesbaar antwoord (HTTP {status}): {exc.detail or exc}",
                status=status if status != 200 else None,
            ) from exc
