"""The LAS types a school can couple with ("Type koppeling"), and what we know of each one's quirks.

A type fixes how to call that vendor's UWLR services; *where* they live is installation
configuration: ``settings.LAS_ENDPOINTS`` maps a type's code to its Leerlinggegevens endpoint
(``KOPPEL_EA_LAS_<CODE>_URL``). A type without an endpoint is shown but cannot be chosen.

What we know, stated honestly (none of it was verified against a vendor's test environment here):

- **ParnasSys** (Topicus, primary education), **ESIS** (Rovict) and **Somtoday** (Topicus,
  secondary education) speak UWLR 2.2. The endpoint is handed out by the vendor when the test
  centre registers as Koppelpartner; it is not public, hence configuration.
- **SchoolKr8** and **Magister**: UWLR version and quirks unknown to us; we send 2.2, the version
  of the standard this project implements, and change the type when a vendor says otherwise.
- **Koppel LAS**: this project's own LAS (``/uwlr/leerlinggegevens`` and ``/uwlr/leerresultaten``).
- No type is known to require TLS client authentication, extra HTTP headers (such as an
  API-management subscription key), a fixed gegevenssetid or a bare (unquoted) SOAPAction; the
  fields exist so that such a requirement is a one-line change. A type with
  ``client_certificaat`` uses the PEM file of ``settings.LAS_CLIENT_CERT``.
- The Leerresultaten endpoint is derived from the Leerlinggegevens endpoint by replacing its last
  ``leerlinggegevens`` with ``leerresultaten`` (as the two WSDLs name the services), unless the
  type says both services share one endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.conf import settings

from koppel.ea.errors import NotFound

__all__ = [
    "LASTYPES",
    "NIET_INGERICHT",
    "LasType",
    "beschikbaar",
    "keuzes",
    "leerlinggegevens_endpoint",
    "leerresultaten_endpoint",
    "voor",
]

NIET_INGERICHT = "Dit type koppeling is op deze installatie nog niet ingericht."


@dataclass(frozen=True, slots=True, kw_only=True)
class LasType:
    """One kind of LAS and how its UWLR services want to be called."""

    code: str
    naam: str
    xsdversie: str = "2.2"
    client_certificaat: bool = False
    extra_headers: tuple[tuple[str, str], ...] = ()
    gegevenssetid: str | None = None
    soapaction_quoted: bool = True
    #: "afgeleid": …/leerlinggegevens → …/leerresultaten; "zelfde": one endpoint for both
    leerresultaten: Literal["afgeleid", "zelfde"] = "afgeleid"


LASTYPES: tuple[LasType, ...] = (
    LasType(code="parnassys", naam="ParnasSys"),
    LasType(code="esis", naam="ESIS"),
    LasType(code="schoolkr8", naam="SchoolKr8"),
    LasType(code="somtoday", naam="Somtoday"),
    LasType(code="magister", naam="Magister"),
    LasType(code="koppel", naam="Koppel LAS"),
)

_PER_CODE = {t.code: t for t in LASTYPES}


def voor(code: str) -> LasType:
    """The type with this code (``NotFound`` for a code this version does not know)."""
    try:
        return _PER_CODE[code]
    except KeyError:
        raise NotFound(f"Onbekend type koppeling: {code}.") from None


def leerlinggegevens_endpoint(lastype: LasType) -> str | None:
    """The configured Leerlinggegevens endpoint of the type, ``None`` when not configured."""
    if lastype.code not in settings.LAS_TYPES:
        return None
    endpoints: dict[str, str] = settings.LAS_ENDPOINTS
    return endpoints.get(lastype.code) or None


def leerresultaten_endpoint(lastype: LasType) -> str | None:
    """The Leerresultaten endpoint: derived from the Leerlinggegevens one unless shared."""
    endpoint = leerlinggegevens_endpoint(lastype)
    if endpoint is None or lastype.leerresultaten == "zelfde":
        return endpoint
    return derive_leerresultaten(endpoint)


def derive_leerresultaten(endpoint: str) -> str:
    """``…/leerlinggegevens`` → ``…/leerresultaten`` (the last occurrence; else unchanged)."""
    head, found, tail = endpoint.rpartition("leerlinggegevens")
    return f"{head}leerresultaten{tail}" if found else endpoint


def beschikbaar(lastype: LasType) -> bool:
    return leerlinggegevens_endpoint(lastype) is not None


def keuzes() -> list[tuple[str, str]]:
    """(code, naam) of every type, for the "Type koppeling" select."""
    return [(t.code, t.naam) for t in LASTYPES]


def niet_beschikbaar() -> list[LasType]:
    """The types this installation has no endpoint for."""
    return [t for t in LASTYPES if not beschikbaar(t)]
