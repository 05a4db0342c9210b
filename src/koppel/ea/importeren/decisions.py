"""The beheerder's decisions on an import plan, row by row, as pure functions.

Each action takes a :class:`~koppel.ea.importeren.planning.Plan` and returns a new one (the given
plan is not changed): "Koppel met bestaande ..." (:func:`koppel`), "Niet importeren"
(:func:`niet_importeren`), back to the automatic category (:func:`terugzetten`) and a teacher's
e-mail address (:func:`zet_emailadres`). :func:`samenvatting` counts what the import will do and
:func:`blokkades` says, in Dutch, why it cannot be confirmed yet.

The functions do not know the test centre's records: the caller checks that ``bestaand_id``
belongs to the school before calling :func:`koppel`.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from koppel.ea.errors import NotFound
from koppel.ea.importeren.planning import (
    BESTAAND,
    HANDMATIG,
    LEERKRACHTEN,
    LEERLINGEN,
    NIET,
    NIEUW,
    SOORTEN,
    SOORTNAMEN,
    Automatisch,
    Plan,
    Rij,
    bereken_verdwenen,
)

__all__ = [
    "blokkades",
    "geldig_emailadres",
    "koppel",
    "niet_importeren",
    "samenvatting",
    "terugzetten",
    "zet_emailadres",
]


def koppel(plan: Plan, soort: str, las_key: str, bestaand_id: int, bestaand_naam: str = "") -> Plan:
    """Link the row to an existing record by hand ("Koppel met bestaande ...")."""
    rij = _rij(plan, soort, las_key)
    auto = _automatisch(rij)
    zelfde = auto.bestaand_id == bestaand_id
    return _vervang(
        plan,
        dataclasses.replace(
            rij,
            categorie=BESTAAND,
            bestaand_id=bestaand_id,
            bestaand_naam=bestaand_naam or (auto.bestaand_naam if zelfde else ""),
            reden=auto.reden if zelfde else HANDMATIG,
            wijzigingen=auto.wijzigingen if zelfde else (),
            conflict="",
            automatisch=auto,
        ),
    )


def niet_importeren(plan: Plan, soort: str, las_key: str) -> Plan:
    """Leave the LAS record out of the import ("Niet importeren")."""
    rij = _rij(plan, soort, las_key)
    return _vervang(
        plan,
        dataclasses.replace(
            rij,
            categorie=NIET,
            bestaand_id=None,
            bestaand_naam="",
            reden="",
            wijzigingen=(),
            conflict="",
            automatisch=_automatisch(rij),
        ),
    )


def terugzetten(plan: Plan, soort: str, las_key: str) -> Plan:
    """Back to what the planning decided by itself; a typed e-mail address stays."""
    rij = _rij(plan, soort, las_key)
    auto = rij.automatisch
    if auto is None:  # never changed
        return _vervang(plan, rij)
    velden = {f.name: getattr(auto, f.name) for f in dataclasses.fields(auto)}
    return _vervang(plan, dataclasses.replace(rij, **velden, automatisch=None))


def zet_emailadres(plan: Plan, las_key: str, emailadres: str) -> Plan:
    """The e-mail address a teacher is invited at (checked by :func:`blokkades`)."""
    rij = _rij(plan, LEERKRACHTEN, las_key)
    return _vervang(plan, dataclasses.replace(rij, emailadres=emailadres.strip()))


def samenvatting(plan: Plan) -> dict[str, dict[str, int]]:
    """Per soort how many records are added (``toevoegen``), linked (``koppelen``) and left out
    (``niet``); for pupils also how many existing ones are deactivated (``deactiveren``)."""
    telling: dict[str, dict[str, int]] = {}
    for soort in SOORTEN:
        rijen = plan.rijen.get(soort, [])
        per = defaultdict(int, {c: 0 for c in (NIEUW, BESTAAND, NIET)})
        for r in rijen:
            per[r.categorie] += 1
        telling[soort] = {"toevoegen": per[NIEUW], "koppelen": per[BESTAAND], "niet": per[NIET]}
    telling[LEERLINGEN]["deactiveren"] = len(plan.verdwenen)
    return telling


def blokkades(plan: Plan) -> list[str]:
    """Why the import cannot be confirmed, in Dutch; empty when it can."""
    redenen = [
        _email_blokkade(r)
        for r in plan.rijen.get(LEERKRACHTEN, [])
        if r.categorie != NIET and not geldig_emailadres(r.emailadres)
    ]
    for soort in SOORTEN:
        redenen.extend(_dubbel_gekoppeld(soort, plan.rijen.get(soort, [])))
    return redenen


def geldig_emailadres(emailadres: str) -> bool:
    """Whether ``emailadres`` is an address the EA accepts (the rules of Django's EmailField)."""
    try:
        validate_email(emailadres)
    except ValidationError:
        return False
    return True


# --- helpers ------------------------------------------------------------------------------------


def _rij(plan: Plan, soort: str, las_key: str) -> Rij:
    for rij in plan.rijen.get(soort, []):
        if rij.las_key == las_key:
            return rij
    raise NotFound(f"De {SOORTNAMEN.get(soort, ('rij', ''))[0]} staat niet in het importplan.")


def _automatisch(rij: Rij) -> Automatisch:
    """The row's automatic decision: kept on the row once changed, else the row as it is."""
    if rij.automatisch is not None:
        return rij.automatisch
    return Automatisch(
        categorie=rij.categorie,
        bestaand_id=rij.bestaand_id,
        bestaand_naam=rij.bestaand_naam,
        reden=rij.reden,
        conflict=rij.conflict,
        wijzigingen=rij.wijzigingen,
    )


def _vervang(plan: Plan, nieuw: Rij) -> Plan:
    """A copy of ``plan`` with ``nieuw`` in place of the row with its soort and las_key."""
    rijen = {
        soort: [nieuw if r.las_key == nieuw.las_key and soort == nieuw.soort else r for r in lijst]
        for soort, lijst in plan.rijen.items()
    }
    kopie = dataclasses.replace(plan, rijen=rijen)
    kopie.verdwenen = bereken_verdwenen(kopie)
    return kopie


def _email_blokkade(rij: Rij) -> str:
    if not rij.emailadres:
        return f"Leerkracht {rij.naam} heeft nog geen e-mailadres."
    return f"Leerkracht {rij.naam} heeft geen geldig e-mailadres ({rij.emailadres})."


def _dubbel_gekoppeld(soort: str, rijen: list[Rij]) -> list[str]:
    per_bestaand: dict[int, list[Rij]] = defaultdict(list)
    for r in rijen:
        if r.categorie == BESTAAND and r.bestaand_id is not None:
            per_bestaand[r.bestaand_id].append(r)
    enkel = SOORTNAMEN[soort][0]
    redenen = []
    for dubbel in (d for d in per_bestaand.values() if len(d) > 1):
        namen = ", ".join(r.naam for r in dubbel[:-1]) + f" en {dubbel[-1].naam}"
        doel = next((r.bestaand_naam for r in dubbel if r.bestaand_naam), "")
        wie = f"de bestaande {enkel} {doel}" if doel else f"dezelfde bestaande {enkel}"
        allen = "allebei" if len(dubbel) == 2 else "allemaal"
        redenen.append(f"{namen} zijn {allen} gekoppeld aan {wie}. Koppel er maar één aan.")
    return redenen
