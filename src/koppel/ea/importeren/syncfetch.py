"""Fetching for the sync: the school's data from its LAS, or ``None`` when the LAS says
``geenwijzigingen`` since the last fetch (``laatstontvangengegevens``).

The first call carries the coupling's ``laatst_opgehaald_op`` when the last fetch was of the same
``grondslag`` (type, BRIN, vestiging, schooljaar; a new school year starts from nothing). For
alles-in-één that one answer is the whole school; getrapt asks HaalStructuur first and, when the
LAS has changes, fetches the batches with :func:`.fetch.fetch` (which asks for the structure
again: one extra small call). The whole answer is in memory before the caller writes anything;
UWLR faults, transport errors and :class:`~koppel.ea.koppeling.gateway.KoppelingFout` propagate,
as in :mod:`.fetch`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from koppel.ea.errors import InvalidState
from koppel.ea.importeren import fetch, selectors
from koppel.ea.importeren import planning as p
from koppel.ea.importeren.models import Synchronisatie
from koppel.ea.koppeling import gateway, lastypes
from koppel.ea.koppeling.models import LasKoppeling
from koppel.uwlr import UwlrClient
from koppel.uwlr import messages as m

__all__ = ["GETRAPT_VANAF", "haal_op", "laatstontvangen"]

#: as a manual import: getrapt once the school's last import had more pupils than this
GETRAPT_VANAF = 1000


def laatstontvangen(koppeling: LasKoppeling, *, grondslag: str) -> dt.datetime | None:
    """The last fetch time to send, if that fetch had the same ``grondslag`` as now."""
    laatst = koppeling.laatst_opgehaald_op
    if laatst is None:
        return None
    zelfde = Synchronisatie.objects.filter(
        koppeling=koppeling, gestart_op=laatst, grondslag=grondslag
    ).exists()
    return laatst if zelfde else None


def haal_op(koppeling: LasKoppeling, *, grondslag: str) -> p.LasGegevens | None:
    """The school as the LAS has it now, or ``None`` for ``geenwijzigingen``."""
    laatst = laatstontvangen(koppeling, grondslag=grondslag)
    vorig_aantal = selectors.vorig_aantal(koppeling.klant)
    with gateway.client_for(koppeling) as client:
        school: dict[str, Any] = {
            "brincode": koppeling.brincode,
            "schooljaar": koppeling.schooljaar,
            "xsdversie": lastypes.voor(koppeling.lastype).xsdversie,
        }
        if laatst is not None:
            getrapt = fetch.getrapt_nodig(
                getrapt=False, vorig_aantal=vorig_aantal, getrapt_vanaf=GETRAPT_VANAF
            )
            inhoud = _sinds(client, school, koppeling.vestigingsnummer, laatst, getrapt=getrapt)
            if isinstance(inhoud, m.GeenWijzigingen):
                return None
            if isinstance(inhoud, m.GeenGegevens):
                raise InvalidState(fetch.GEEN_GEGEVENS)
            if isinstance(inhoud, m.Leerlinggegevens):  # alles-in-één: this is the school
                return fetch.gegevens(
                    inhoud.school, inhoud.groepen, inhoud.leerkrachten, inhoud.leerlingen
                )
        return fetch.fetch(
            client,
            **school,
            dependancecode=koppeling.vestigingsnummer,
            vorig_aantal=vorig_aantal,
            getrapt_vanaf=GETRAPT_VANAF,
        )


def _sinds(
    client: UwlrClient,
    school: dict[str, Any],
    vestiging: str,
    laatst: dt.datetime,
    *,
    getrapt: bool,
) -> object:
    """The first call, with ``laatstontvangengegevens``: the whole school (alles-in-één) or its
    structure (getrapt)."""
    vraag = client.haal_structuur if getrapt else client.haal_leerlinggegevens
    antwoord = vraag(**school, dependancecode=vestiging or None, laatstontvangengegevens=laatst)
    return antwoord.bericht.inhoud
