"""Teachers no longer in the LAS: deactivated by the import like pupils, reactivated when they
come back; nothing is deleted.

The rule (:func:`verdwenen_leerkrachten`, pure) mirrors the pupils' ``planning.bereken_verdwenen``:
an active teacher linked to the LAS (a ``las_key``) whose key the LAS no longer sends, and that no
BESTAAND row of the plan links to. The plan has a row for every teacher the LAS sent, so the rows
are the keys sent. A LAS answer is always a whole school (:mod:`.fetch` asks every batch of a
getrapt retrieval and fails as a whole), but the ``leerkrachten`` part of an answer is optional in
UWLR: an answer without any teacher is no proof that they left, so it deactivates nobody.

The review shows the list that :func:`lijst` stores next to the plan (``leerkrachten_weg``); the
import deactivates those of them still matching the rule when it runs (:func:`deactiveer`): the
teacher's ``actief`` off and their user's ``is_active`` off, so they can no longer log in, unless
that user is a beheerder of a school. A teacher linked again is reactivated with their user
(:func:`heractiveer`). Like the pupils, the nightly sync never does this without the beheerder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import User

from koppel.ea.accounts.models import BEHEERDER
from koppel.ea.importeren import planning as p
from koppel.ea.klanten.models import Klant, Leerkracht

__all__ = ["SLEUTEL", "deactiveer", "heractiveer", "lijst", "uit_opslag", "verdwenen_leerkrachten"]

#: the key of the stored list in ``Importplan.plan``
SLEUTEL = "leerkrachten_weg"


def verdwenen_leerkrachten(plan: p.Plan, bestaande: Sequence[p.BestaandeLeerkracht]) -> list[int]:
    """The ids of the teachers to deactivate (the rule of the module docstring), sorted."""
    rijen = plan.rijen.get(p.LEERKRACHTEN, [])
    if not rijen:
        return []
    verzonden = {r.las_key for r in rijen}
    gekoppeld = {r.bestaand_id for r in rijen if r.categorie == p.BESTAAND}
    return sorted(
        b.id
        for b in bestaande
        if b.actief and b.las_key and b.las_key not in verzonden and b.id not in gekoppeld
    )


def _bestaande(klant: Klant) -> list[p.BestaandeLeerkracht]:
    rijen = Leerkracht.objects.filter(klant=klant, actief=True).exclude(las_key="")
    return [
        p.BestaandeLeerkracht(**row)
        for row in rijen.values("id", "achternaam", "roepnaam", "emailadres", "las_key", "actief")
    ]


def lijst(klant: Klant, plan: p.Plan) -> list[dict[str, Any]]:
    """The teachers the import would deactivate, as stored next to the plan and shown."""
    bestaande = {b.id: b for b in _bestaande(klant)}
    return [
        {
            "id": pk,
            "naam": p.persoonsnaam(bestaande[pk].achternaam, bestaande[pk].roepnaam),
            "emailadres": bestaande[pk].emailadres,
        }
        for pk in verdwenen_leerkrachten(plan, list(bestaande.values()))
    ]


def uit_opslag(opgeslagen: dict[str, Any]) -> list[int]:
    """The ids in a stored ``Importplan.plan`` (none for a plan stored before this rule)."""
    return [rij["id"] for rij in opgeslagen.get(SLEUTEL, [])]


def deactiveer(klant: Klant, plan: p.Plan, *, getoond: Iterable[int], now: dt.datetime) -> int:
    """Deactivate the teachers shown to the beheerder that still match the rule; how many."""
    ids = set(getoond) & set(verdwenen_leerkrachten(plan, _bestaande(klant)))
    if not ids:
        return 0
    leerkrachten = Leerkracht.objects.filter(klant=klant, pk__in=ids, actief=True)
    users = list(leerkrachten.exclude(user=None).values_list("user_id", flat=True))
    aantal = leerkrachten.update(actief=False, mutatiedatum=now)
    User.objects.filter(pk__in=users).exclude(ea_rollen__rol=BEHEERDER).update(is_active=False)
    return aantal


def heractiveer(leerkracht: Leerkracht) -> None:
    """A teacher linked again by an import can log in again."""
    if leerkracht.user_id is not None:
        User.objects.filter(pk=leerkracht.user_id, is_active=False).update(is_active=True)
