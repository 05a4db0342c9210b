"""A framework-free UWLR server: request bytes and SOAPAction in, response bytes and HTTP status out.

The dispatcher does what the standard prescribes for every call, in the standard's order, and leaves
the data to a *provider* (the LAS):

1. well-formed SOAP 1.1 envelope with a known body element       else ``Client.OngeldigBericht``
2. ``autorisatie`` header present with three non-empty values     else ``Client.AutorisatieOngeldig``
3. body valid against the schema                                  else ``Client.OngeldigBericht``
4. ``xsdversie`` supported                                        else ``Client.XsdVersieOngeldig``
5. klantnaam and klantcode known (``provider.check_klant``)       else ``Client.OngeldigeKlantIdentificatie``
6. key valid for this school (``provider.authorise``)             else ``Client.AutorisatieOngeldig``

Steps 1–3 happen in :func:`koppel.uwlr.codec.decode`. The operation is chosen by the body element, so
any SOAPAction (quoted, unquoted, empty, absent) is accepted. A fault is answered with HTTP 500 as SOAP
1.1 requires, with the generic Dutch faultstring; an unexpected error in the provider is logged and
answered with ``Server.InterneFout``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, cast

from koppel.uwlr import messages as m
from koppel.uwlr.codec import DEFAULT_MAX_BYTES, decode, encode
from koppel.uwlr.faults import OngeldigBericht, UwlrFault, XsdVersieOngeldig

__all__ = [
    "LEERLINGGEGEVENS_OPERATIES",
    "LEERRESULTATEN_OPERATIES",
    "Aanroep",
    "HttpResponse",
    "Provider",
    "UwlrService",
    "xsdversie_of",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

CONTENT_TYPE = "text/xml; charset=utf-8"

# operation name -> body class; the name is what the WSDL calls the operation.
LEERLINGGEGEVENS_OPERATIES: dict[str, type[m.Verzoek]] = {
    "HaalLeerlinggegevens": m.LeerlinggegevensVerzoek,
    "HaalStructuur": m.StructuurVerzoek,
    "HaalLeerlingen": m.LeerlingenVerzoek,
    "HaalLeerkrachten": m.LeerkrachtenVerzoek,
}
LEERRESULTATEN_OPERATIES: dict[str, type[m.Verzoek]] = {
    "BrengLeerresultaten": m.LeerresultatenVerzoek,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Aanroep:
    """What the provider learns about a call besides its body."""

    operatie: str
    autorisatie: m.Autorisatie
    remote_addr: str | None = None


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    body: bytes
    content_type: str = CONTENT_TYPE


class Provider(Protocol[T]):
    """The LAS behind the dispatcher. ``T`` is whatever ``authorise`` grants (e.g. a coupling).

    Methods raise :class:`~koppel.uwlr.faults.UwlrFault` subclasses to refuse a call. The four
    ``haal_*`` methods and ``breng_leerresultaten`` are only called for operations the service offers.
    """

    def check_klant(self, aanroep: Aanroep) -> None: ...

    def authorise(self, aanroep: Aanroep, verzoek: m.Verzoek) -> T: ...

    def haal_leerlinggegevens(
        self, toegang: T, verzoek: m.LeerlinggegevensVerzoek
    ) -> m.LeerlinggegevensAntwoord: ...

    def haal_structuur(self, toegang: T, verzoek: m.StructuurVerzoek) -> m.StructuurAntwoord: ...

    def haal_leerlingen(self, toegang: T, verzoek: m.LeerlingenVerzoek) -> m.LeerlingenAntwoord: ...

    def haal_leerkrachten(
        self, toegang: T, verzoek: m.LeerkrachtenVerzoek
    ) -> m.LeerkrachtenAntwoord: ...

    def breng_leerresultaten(
        self, toegang: T, verzoek: m.LeerresultatenVerzoek
    ) -> m.LeerresultatenBevestiging: ...


def xsdversie_of(verzoek: m.Verzoek) -> str:
    """The ``xsdversie`` a request states (for results it sits in ``school``)."""
    if isinstance(verzoek, m.LeerresultatenVerzoek):
        return verzoek.school.xsdversie
    return verzoek.xsdversie


class UwlrService(Generic[T]):
    """One UWLR endpoint: the pupil-data service or the results service.

    ``operaties`` maps the operation names this endpoint offers to their request classes
    (:data:`LEERLINGGEGEVENS_OPERATIES` or :data:`LEERRESULTATEN_OPERATIES`).
    """

    def __init__(
        self,
        provider: Provider[T],
        *,
        operaties: dict[str, type[m.Verzoek]],
        xsdversies: frozenset[str] = frozenset({"2.1", "2.2", "2.3"}),
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.provider = provider
        self.xsdversies = xsdversies
        self.max_bytes = max_bytes
        self._operaties = {cls: naam for naam, cls in operaties.items()}
        self._handlers: dict[type[m.Verzoek], Callable[[T, m.Verzoek], m.Antwoord]] = {
            m.LeerlinggegevensVerzoek: provider.haal_leerlinggegevens,  # type: ignore[dict-item]
            m.StructuurVerzoek: provider.haal_structuur,  # type: ignore[dict-item]
            m.LeerlingenVerzoek: provider.haal_leerlingen,  # type: ignore[dict-item]
            m.LeerkrachtenVerzoek: provider.haal_leerkrachten,  # type: ignore[dict-item]
            m.LeerresultatenVerzoek: provider.breng_leerresultaten,  # type: ignore[dict-item]
        }

    def handle(
        self, body: bytes, *, soapaction: str | None = None, remote_addr: str | None = None
    ) -> HttpResponse:
        """Answer one POSTed request. Never raises for bad input."""
        try:
            antwoord = self._dispatch(body, remote_addr=remote_addr)
        except UwlrFault as fault:
            return HttpResponse(500, encode(fault.to_message()))
        except Exception:  # process edge: any provider bug becomes Server.InterneFout
            log.exception("UWLR request failed")
            return HttpResponse(
                500,
                encode(
                    m.Fault(
                        faultcode="Server.InterneFout",
                        faultstring="Er is een interne fout opgetreden",
                    )
                ),
            )
        return HttpResponse(200, encode(antwoord))

    def _dispatch(self, body: bytes, *, remote_addr: str | None) -> m.Antwoord:
        bericht = decode(body, strict=True, max_bytes=self.max_bytes)
        operatie = self._operaties.get(type(bericht.body))  # type: ignore[arg-type]
        if operatie is None or bericht.autorisatie is None:
            raise OngeldigBericht("Dit bericht hoort niet bij deze webservice")
        # the lookup above matched the body's exact class against this service's requests
        verzoek = cast(m.Verzoek, bericht.body)
        if xsdversie_of(verzoek) not in self.xsdversies:
            raise XsdVersieOngeldig("Ondersteunde versies: " + ", ".join(sorted(self.xsdversies)))
        aanroep = Aanroep(
            operatie=operatie, autorisatie=bericht.autorisatie, remote_addr=remote_addr
        )
        self.provider.check_klant(aanroep)
        toegang = self.provider.authorise(aanroep, verzoek)
        return self._handlers[type(verzoek)](toegang, verzoek)
