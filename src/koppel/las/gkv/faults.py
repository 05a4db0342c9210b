"""The SOAP faults of the GKV, in the style of the UWLR faults (``Client.*`` / ``Server.*``).

They extend :class:`koppel.uwlr.faults.ClientFault`, so the one envelope writer of
:mod:`koppel.uwlr.envelope` writes them and a malformed request (``Client.OngeldigBericht`` from
the hardened parser) is handled the same way. Fault strings are Dutch and never contain a key.

    Client.OngeldigBericht             malformed envelope, unknown operation, missing field
    Client.LeveranciersleutelOngeldig  unknown key, other supplier, inactive coupling, other school
    Client.GeenRecht                   the partner has no GKV right for this operation
    Client.RechtNietGeldig             the right does not count today (begin-/einddatum)
    Client.BuitenKantoortijden         office hours, and the right says "GKV tijdens kantooruren: Nee"
    Client.GeenLeerlingen              ``getEdexml`` for a school (or school year) without pupils
    Server.InterneFout                 anything else (logged, audited)
"""

from __future__ import annotations

from koppel.uwlr.faults import ClientFault, InterneFout, OngeldigBericht, UwlrFault

__all__ = [
    "BuitenKantoortijden",
    "GeenLeerlingen",
    "GeenRecht",
    "InterneFout",
    "LeveranciersleutelOngeldig",
    "OngeldigBericht",
    "RechtNietGeldig",
    "UwlrFault",
    "fault_for",
]


class LeveranciersleutelOngeldig(ClientFault):
    code = "Client.LeveranciersleutelOngeldig"
    default_string = "Leveranciersleutel is ongeldig"


class GeenRecht(ClientFault):
    code = "Client.GeenRecht"
    default_string = "Koppelpartij heeft geen recht op deze webservice"


class RechtNietGeldig(ClientFault):
    code = "Client.RechtNietGeldig"
    default_string = "Het recht op deze webservice geldt vandaag niet"


class BuitenKantoortijden(ClientFault):
    code = "Client.BuitenKantoortijden"
    default_string = "Deze webservice mag alleen buiten kantoortijden worden bevraagd"


class GeenLeerlingen(ClientFault):
    code = "Client.GeenLeerlingen"
    default_string = "De school heeft geen ingeschreven leerlingen"


_BY_CODE: dict[str, type[ClientFault]] = {
    cls.code: cls for cls in (GeenRecht, RechtNietGeldig, BuitenKantoortijden)
}


def fault_for(code: str, melding: str) -> UwlrFault:
    """The fault of a refusal code of :mod:`koppel.las.gkv.rechten`, with its detail."""
    return _BY_CODE[code](melding)
