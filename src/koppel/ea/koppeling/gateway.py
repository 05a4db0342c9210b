"""The EA's door to a school's LAS: a :class:`koppel.uwlr.UwlrClient` built from a
:class:`~koppel.ea.koppeling.models.LasKoppeling`, the klantenservice test call, and one Dutch
message for every way a call can fail.

``client_for`` raises :class:`KoppelingFout` when the coupling cannot be called at all (type not
configured here, key unreadable, client certificate missing); a call raises
:class:`~koppel.uwlr.faults.UwlrError`. Catch :data:`FOUTEN` and show :func:`foutmelding`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx
from django.conf import settings
from django.utils import timezone

from koppel.ea.errors import EaError
from koppel.ea.koppeling import crypto, lastypes
from koppel.ea.koppeling.models import LasKoppeling
from koppel.uwlr import UwlrClient
from koppel.uwlr import messages as m
from koppel.uwlr.client import Antwoord
from koppel.uwlr.faults import (
    AutorisatieOngeldig,
    ClientFault,
    OngeldigBericht,
    OngeldigeKlantIdentificatie,
    ServerFault,
    TransportError,
    UwlrError,
    UwlrFault,
    XsdVersieOngeldig,
)

__all__ = ["FOUTEN", "KoppelingFout", "Testuitslag", "client_for", "foutmelding", "test_call"]

logger = logging.getLogger(__name__)

SLEUTEL_ONGELDIG = (
    "De autorisatiesleutel geeft geen toegang tot deze school. "
    "Stel in het LAS een nieuwe sleutel in en plak die hier."
)


class KoppelingFout(EaError):
    """The coupling cannot be called from this installation; the message says why (Dutch)."""


#: everything a call through :func:`client_for` may raise
FOUTEN: tuple[type[Exception], ...] = (UwlrError, KoppelingFout)


def schoolcode(koppeling: LasKoppeling) -> str:
    """``99XX``, or ``99XX01`` with a vestigingsnummer."""
    return f"{koppeling.brincode}{koppeling.vestigingsnummer}"


def _endpoint(lastype: lastypes.LasType) -> str:
    endpoint = lastypes.leerlinggegevens_endpoint(lastype)
    if endpoint is None:
        raise KoppelingFout(lastypes.NIET_INGERICHT)
    try:
        scheme = httpx.URL(endpoint).scheme
    except httpx.InvalidURL:
        scheme = ""
    if scheme not in ("http", "https"):
        raise KoppelingFout(f"Het adres van het LAS ({lastype.naam}) is ongeldig: {endpoint}")
    return endpoint


def client_for(koppeling: LasKoppeling) -> UwlrClient:
    """A client for the school's LAS, with the type's quirks; close it after use."""
    try:
        lastype = lastypes.voor(koppeling.lastype)
        sleutel = crypto.decrypt(koppeling.sleutel_versleuteld)
    except EaError as error:
        raise KoppelingFout(str(error)) from error
    endpoint = _endpoint(lastype)
    cert = settings.LAS_CLIENT_CERT if lastype.client_certificaat else None
    if lastype.client_certificaat and not cert:
        raise KoppelingFout(
            f"{lastype.naam} vraagt een clientcertificaat; stel KOPPEL_EA_LAS_CLIENT_CERT in."
        )
    try:
        return UwlrClient(
            endpoint,
            klantcode=settings.UWLR_KLANTCODE,
            klantnaam=settings.UWLR_KLANTNAAM,
            autorisatiesleutel=sleutel,
            timeout=settings.UWLR_TIMEOUT,
            client_cert=cert,
            extra_headers=dict(lastype.extra_headers),
            leerresultaten_endpoint=lastypes.leerresultaten_endpoint(lastype),
            soapaction_quoted=lastype.soapaction_quoted,
        )
    except OSError as error:  # the certificate file is missing or not a PEM (ssl.SSLError)
        raise KoppelingFout(
            f"Het clientcertificaat voor {lastype.naam} kan niet worden gelezen."
        ) from error


def haal_leerlinggegevens(
    client: UwlrClient, koppeling: LasKoppeling
) -> Antwoord[m.LeerlinggegevensAntwoord]:
    """HaalLeerlinggegevens for the coupling's school and school year."""
    lastype = lastypes.voor(koppeling.lastype)
    return client.haal_leerlinggegevens(
        schooljaar=koppeling.schooljaar,
        brincode=koppeling.brincode,
        dependancecode=koppeling.vestigingsnummer or None,
        xsdversie=lastype.xsdversie,
        gegevenssetid=lastype.gegevenssetid,
    )


# --- messages ------------------------------------------------------------------------------------


def _transportmelding(error: TransportError) -> str:
    cause = error.__cause__
    if isinstance(cause, httpx.TimeoutException):
        return (
            "Het LAS is niet bereikbaar: het gaf binnen "
            f"{settings.UWLR_TIMEOUT:g} seconden geen antwoord. Probeer het later opnieuw."
        )
    if isinstance(cause, httpx.HTTPError):
        return (
            "Het LAS is niet bereikbaar. Controleer het adres van het LAS "
            "of probeer het later opnieuw."
        )
    if isinstance(cause, OngeldigBericht) and error.status:
        return (
            f"Het LAS gaf een foutpagina (HTTP {error.status}) in plaats van een UWLR-antwoord. "
            "Controleer het adres van het LAS."
        )
    if isinstance(cause, OngeldigBericht):
        return (
            "Het LAS gaf een antwoord dat geen geldig UWLR-bericht is. Controleer het adres van "
            "het LAS of meld dit bij de leverancier van het LAS."
        )
    return f"Het LAS gaf geen bruikbaar antwoord: {error}"


def _faultmelding(error: UwlrFault, koppeling: LasKoppeling) -> str:
    if isinstance(error, AutorisatieOngeldig):
        return f"{SLEUTEL_ONGELDIG} Controleer ook of BRIN-nummer {schoolcode(koppeling)} klopt."
    if isinstance(error, OngeldigeKlantIdentificatie):
        return (
            "Het LAS herkent het testcentrum niet als koppelpartij (klantcode "
            f"{settings.UWLR_KLANTCODE}). Neem contact op met de leverancier van het LAS."
        )
    if isinstance(error, XsdVersieOngeldig):
        return "Het LAS ondersteunt de UWLR-versie van dit type koppeling niet."
    if isinstance(error, OngeldigBericht):
        detail = f" ({error.detail})" if error.detail else ""
        return f"Het LAS vond het verzoek ongeldig{detail}. Controleer BRIN en vestigingsnummer."
    if isinstance(error, ServerFault):
        return f"Het LAS meldt een storing ({error.faultstring}). Probeer het later opnieuw."
    kind = "weigerde het verzoek" if isinstance(error, ClientFault) else "meldt een fout"
    return f"Het LAS {kind}: {error.faultstring}."


def foutmelding(error: Exception, koppeling: LasKoppeling) -> str:
    """The Dutch message for anything in :data:`FOUTEN` (never contains the key)."""
    if isinstance(error, KoppelingFout):
        return str(error)
    if isinstance(error, TransportError):
        return _transportmelding(error)
    if isinstance(error, UwlrFault):
        return _faultmelding(error, koppeling)
    return f"Het LAS gaf een onverwachte fout: {type(error).__name__}."


# --- the test call -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Testuitslag:
    """The outcome of a test call, as klantenservice sees it (and stored as JSON)."""

    __test__ = False  # not a pytest test class, despite the name

    ok: bool
    melding: str
    tijdstip: dt.datetime
    leerlingen: int = 0
    groepen: int = 0
    leerkrachten: int = 0
    waarschuwingen: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "melding": self.melding,
            "tijdstip": self.tijdstip.isoformat(),
            "leerlingen": self.leerlingen,
            "groepen": self.groepen,
            "leerkrachten": self.leerkrachten,
            "waarschuwingen": list(self.waarschuwingen),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Testuitslag:
        return cls(
            ok=bool(data["ok"]),
            melding=str(data["melding"]),
            tijdstip=dt.datetime.fromisoformat(data["tijdstip"]),
            leerlingen=int(data.get("leerlingen", 0)),
            groepen=int(data.get("groepen", 0)),
            leerkrachten=int(data.get("leerkrachten", 0)),
            waarschuwingen=tuple(data.get("waarschuwingen", ())),
        )


def _aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def uitslag(
    antwoord: Antwoord[m.LeerlinggegevensAntwoord], koppeling: LasKoppeling, *, now: dt.datetime
) -> Testuitslag:
    """The outcome of an answer: counts, or why an empty answer is not good enough."""
    inhoud = antwoord.bericht.inhoud
    if not isinstance(inhoud, m.Leerlinggegevens):
        return Testuitslag(
            ok=False,
            melding=(
                f"De sleutel geeft toegang tot {schoolcode(koppeling)}, maar het LAS heeft geen "
                f"leerlinggegevens voor schooljaar {koppeling.schooljaar}. "
                "Controleer het schooljaar."
            ),
            tijdstip=now,
        )
    aantallen = ", ".join(
        (
            _aantal(len(inhoud.leerlingen), "leerling", "leerlingen"),
            _aantal(len(inhoud.groepen), "groep", "groepen"),
            _aantal(len(inhoud.leerkrachten), "leerkracht", "leerkrachten"),
        )
    )
    return Testuitslag(
        ok=True,
        melding=f"Sleutel geeft toegang tot {schoolcode(koppeling)}: {aantallen}",
        tijdstip=now,
        leerlingen=len(inhoud.leerlingen),
        groepen=len(inhoud.groepen),
        leerkrachten=len(inhoud.leerkrachten),
        waarschuwingen=antwoord.warnings,
    )


def test_call(koppeling: LasKoppeling, *, now: dt.datetime | None = None) -> Testuitslag:
    """HaalLeerlinggegevens with the coupling's settings; every failure becomes a message."""
    now = now or timezone.now()
    try:
        with client_for(koppeling) as client:
            antwoord = haal_leerlinggegevens(client, koppeling)
    except FOUTEN as error:
        logger.info("Test call of koppeling %s failed: %s", koppeling.pk, type(error).__name__)
        return Testuitslag(ok=False, melding=foutmelding(error, koppeling), tijdstip=now)
    return uitslag(antwoord, koppeling, now=now)
