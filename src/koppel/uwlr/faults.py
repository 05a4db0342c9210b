"""Errors of the UWLR library, with one class per fault code of the standard.

The hierarchy::

    UwlrError                      anything this library raises
    ├── UwlrFault                  a SOAP fault (received, or to be sent by a server)
    │   ├── ClientFault            Client.*: the request is wrong; retrying will not help
    │   │   ├── OngeldigBericht, AutorisatieOngeldig, OngeldigeKlantIdentificatie,
    │   │   │   XsdVersieOngeldig, LeerlingOngeldig, ScoreOngeldig, ToetsNormeringOngeldig,
    │   │   │   VocabulaireTermOngeldig, EldResultaatOngeldig
    │   └── ServerFault            Server.*: the LAS failed; retry later
    │       ├── InterneFout, TijdelijkNietBeschikbaar
    └── TransportError             no usable answer (timeout, refused, HTTP 5xx, garbage); retry later

``retryable`` tells a caller whether a later attempt may succeed. Fault strings are the generic Dutch
texts of the standard; the optional ``detail`` says more but never contains the autorisatiesleutel.
"""

from __future__ import annotations

from typing import ClassVar

from koppel.uwlr.messages import Fault

__all__ = [
    "AutorisatieOngeldig",
    "ClientFault",
    "EldResultaatOngeldig",
    "InterneFout",
    "LeerlingOngeldig",
    "OngeldigBericht",
    "OngeldigeKlantIdentificatie",
    "ScoreOngeldig",
    "ServerFault",
    "TijdelijkNietBeschikbaar",
    "ToetsNormeringOngeldig",
    "TransportError",
    "UwlrError",
    "UwlrFault",
    "VocabulaireTermOngeldig",
    "XsdVersieOngeldig",
    "fault_from_message",
]


class UwlrError(Exception):
    """Base of every error raised by ``koppel.uwlr``."""

    #: whether a later attempt with the same request may succeed
    retryable: bool = False


class TransportError(UwlrError):
    """No usable SOAP answer: connection refused, timeout, HTTP error without a fault, garbage.

    Retryable, except for HTTP 4xx answers other than 408 and 429 (a wrong address stays wrong).
    """

    retryable = True

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        if status is not None and 400 <= status < 500 and status not in (408, 429):
            self.retryable = False


class UwlrFault(UwlrError):
    """A SOAP fault. Subclasses fix ``code`` and the standard's Dutch ``default_string``."""

    code: ClassVar[str] = "Server.InterneFout"
    default_string: ClassVar[str] = "Er is een interne fout opgetreden"

    def __init__(
        self, detail: str | None = None, *, faultstring: str | None = None, code: str | None = None
    ) -> None:
        self.detail = detail
        self.faultstring = faultstring or self.default_string
        if code is not None:
            self.code = code  # type: ignore[misc]  # an unknown code received from a peer
        super().__init__(f"{self.code}: {self.faultstring}" + (f" ({detail})" if detail else ""))

    def to_message(self) -> Fault:
        return Fault(faultcode=self.code, faultstring=self.faultstring, detail=self.detail)


class ClientFault(UwlrFault):
    """``Client.*``: the request was refused; sending it again will not help."""

    code = "Client"
    default_string = "Het verzoek is ongeldig"


class ServerFault(UwlrFault):
    """``Server.*``: the LAS could not answer now; a later attempt may succeed."""

    retryable = True
    code = "Server"
    default_string = "Er is een interne fout opgetreden"


class OngeldigBericht(ClientFault):
    code = "Client.OngeldigBericht"
    default_string = "Inhoud van het bericht is ongeldig"


class AutorisatieOngeldig(ClientFault):
    code = "Client.AutorisatieOngeldig"
    default_string = "Autorisatie is ongeldig"


class OngeldigeKlantIdentificatie(ClientFault):
    code = "Client.OngeldigeKlantIdentificatie"
    default_string = "Klantidentificatie onjuist"


class XsdVersieOngeldig(ClientFault):
    code = "Client.XsdVersieOngeldig"
    default_string = "De opgegeven XSD-versie is onjuist"


class LeerlingOngeldig(ClientFault):
    code = "Client.LeerlingOngeldig"
    default_string = "Leerling ongeldig"


class ScoreOngeldig(ClientFault):
    code = "Client.ScoreOngeldig"
    default_string = "Score ongeldig"


class ToetsNormeringOngeldig(ClientFault):
    code = "Client.ToetsNormeringOngeldig"
    default_string = "Toetsnormering ongeldig"


class VocabulaireTermOngeldig(ClientFault):
    code = "Client.VocabulaireTermOngeldig"
    default_string = "Vocabulaireterm ongeldig"


class EldResultaatOngeldig(ClientFault):
    code = "Client.EldResultaatOngeldig"
    default_string = "ELD-resultaat ongeldig"


class InterneFout(ServerFault):
    code = "Server.InterneFout"
    default_string = "Er is een interne fout opgetreden"


class TijdelijkNietBeschikbaar(ServerFault):
    code = "Server.TijdelijkNietBeschikbaar"
    default_string = "Server is tijdelijk niet beschikbaar"


FAULT_CLASSES: dict[str, type[UwlrFault]] = {
    cls.code: cls
    for cls in (
        OngeldigBericht,
        AutorisatieOngeldig,
        OngeldigeKlantIdentificatie,
        XsdVersieOngeldig,
        LeerlingOngeldig,
        ScoreOngeldig,
        ToetsNormeringOngeldig,
        VocabulaireTermOngeldig,
        EldResultaatOngeldig,
        InterneFout,
        TijdelijkNietBeschikbaar,
    )
}


def fault_from_message(fault: Fault) -> UwlrFault:
    """The typed exception for a received fault; an unknown code keeps its text and its class
    (``Client...`` permanent, anything else retryable)."""
    cls = FAULT_CLASSES.get(fault.faultcode)
    if cls is not None:
        return cls(fault.detail, faultstring=fault.faultstring)
    base: type[UwlrFault] = ClientFault if fault.faultcode.startswith("Client") else ServerFault
    return base(fault.detail, faultstring=fault.faultstring, code=fault.faultcode)
