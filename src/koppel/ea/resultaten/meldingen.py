"""The Dutch reason stored with an entry that could not be delivered (``laatste_fout``), as the
beheerder and klantenservice read it next to the "Opnieuw versturen" button.

Faults about results get their own text; everything else is the coupling's message from
:func:`koppel.ea.koppeling.gateway.foutmelding`. Never contains the autorisatiesleutel.
"""

from __future__ import annotations

from koppel.ea.koppeling import gateway
from koppel.ea.koppeling.models import LasKoppeling
from koppel.ea.resultaten.bericht import LeerlingNietGekoppeld
from koppel.uwlr.faults import (
    LeerlingOngeldig,
    ScoreOngeldig,
    ToetsNormeringOngeldig,
    UwlrFault,
    VocabulaireTermOngeldig,
)

__all__ = ["reden"]

NIET_GEKOPPELD = (
    "De leerling is niet gekoppeld aan een leerling in het LAS. Importeer de gegevens uit het "
    "LAS opnieuw en verstuur het resultaat daarna opnieuw."
)
LEERLING_ONBEKEND = (
    "Het LAS kent deze leerling niet. Controleer of de leerling nog in het LAS staat, importeer "
    "de gegevens opnieuw en verstuur het resultaat daarna opnieuw."
)
SCORE_ONGELDIG = (
    "Het LAS weigert de score: die ligt buiten het bereik van de toets. Controleer de score."
)
TOETS_ONGELDIG = (
    "Het LAS weigert de toetsgegevens (normering of vakgebied). Neem contact op met de "
    "klantenservice."
)

_PER_FOUT: tuple[tuple[type[Exception], str], ...] = (
    (LeerlingNietGekoppeld, NIET_GEKOPPELD),
    (LeerlingOngeldig, LEERLING_ONBEKEND),
    (ScoreOngeldig, SCORE_ONGELDIG),
    (ToetsNormeringOngeldig, TOETS_ONGELDIG),
    (VocabulaireTermOngeldig, TOETS_ONGELDIG),
)


def reden(error: Exception, koppeling: LasKoppeling) -> str:
    """Why this delivery failed, in Dutch, with the fault code when the LAS sent one."""
    tekst = next((t for soort, t in _PER_FOUT if isinstance(error, soort)), None)
    if tekst is None and isinstance(error, ValueError):
        tekst = f"Het resultaat kan niet als UWLR-bericht worden verstuurd: {error}"
    if tekst is None:
        tekst = gateway.foutmelding(error, koppeling)
    return f"{tekst} ({error.code})" if isinstance(error, UwlrFault) else tekst
