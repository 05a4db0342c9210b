"""Writes on the outbox by people: putting failed results back in the queue ("Opnieuw versturen").

The relay writes its own outcomes (:mod:`~koppel.ea.resultaten.claims`); this is the one action a
beheerder (for the own school) or klantenservice (for any school) takes. Every resend is logged,
and written to each school's logboek, with who did it and how many entries (never result keys).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction

from koppel.ea.klanten.models import Klant
from koppel.ea.logboek import models as log
from koppel.ea.logboek import services as logboek
from koppel.ea.resultaten.models import IN_WACHTRIJ, MISLUKT, Uitgaand

__all__ = ["opnieuw_versturen"]

logger = logging.getLogger(__name__)


@transaction.atomic
def opnieuw_versturen(
    uitgaand_ids: Iterable[int],
    door: User,
    now: dt.datetime,
    *,
    klant: Klant | None = None,
) -> int:
    """Put the Mislukt entries among ``uitgaand_ids`` back In wachtrij, due at once.

    With ``klant`` only that school's entries (a beheerder); other ids and entries in another
    state are left alone. The attempt count starts again, so the backoff does too; the last
    error stays visible until the next attempt. Returns how many entries went back.
    """
    rows = Uitgaand.objects.filter(pk__in=list(uitgaand_ids), status=MISLUKT)
    if klant is not None:
        rows = rows.filter(klant=klant)
    gekozen = list(rows.select_for_update().values_list("pk", "klant_id"))
    aantal = Uitgaand.objects.filter(pk__in=[pk for pk, _ in gekozen]).update(
        status=IN_WACHTRIJ, volgende_poging_op=now, pogingen=0, geclaimd_tot=None, geclaimd_door=""
    )
    per_klant = Counter(klant_id for _, klant_id in gekozen)
    for klant_id, n in sorted(per_klant.items()):
        omschrijving = (
            f"{logboek.aantal(n, 'resultaat', 'resultaten')} weer in de wachtrij naar het LAS."
        )
        logboek.vastleggen(klant_id, log.RESULTATEN_OPNIEUW, omschrijving, door=door, now=now)
    logger.info(
        "User %s put %d failed results back in the queue%s",
        door.pk,
        aantal,
        f" (klant {klant.pk})" if klant is not None else "",
    )
    return aantal
