"""Storing an import plan, and what the LAS sent, as JSON between requests.

Plain dicts and lists (dates as ISO strings) for a JSONField; loading them back gives an equal
value. A field missing from stored JSON takes its default, so fields may be added later. The
plan is stored after every decision of the beheerder (:func:`to_json` / :func:`from_json`), next
to what the LAS sent (:func:`gegevens_to_json` / :func:`gegevens_from_json`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

from koppel.ea.importeren.plantypes import (
    Automatisch,
    Kop,
    LasGegevens,
    LasGroep,
    LasLeerkracht,
    LasLeerling,
    Plan,
    Rij,
)

__all__ = ["from_json", "gegevens_from_json", "gegevens_to_json", "to_json"]

_VELDNAMEN: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls))
    for cls in (Kop, LasGroep, LasLeerkracht, LasLeerling, Rij, Automatisch)
}


def _plat(obj: Any, **anders: Any) -> dict[str, Any]:
    """The fields of one of the dataclasses in ``_VELDNAMEN`` as a dict; ``anders`` replaces
    some of them (tuples as lists, dates as strings)."""
    return {**{n: getattr(obj, n) for n in _VELDNAMEN[type(obj)]}, **anders}


def _tuples(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {**data, **{n: tuple(data[n]) for n in names if n in data}}


def _datum(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def to_json(plan: Plan) -> dict[str, Any]:
    return {
        "kop": _plat(plan.kop),
        "rijen": {soort: [_rij_to_json(r) for r in rijen] for soort, rijen in plan.rijen.items()},
        "verdwenen": list(plan.verdwenen),
        "buiten_las": list(plan.buiten_las),
    }


def _rij_to_json(rij: Rij) -> dict[str, Any]:
    auto = rij.automatisch
    return _plat(
        rij,
        groepen=list(rij.groepen),
        wijzigingen=list(rij.wijzigingen),
        automatisch=None if auto is None else _plat(auto, wijzigingen=list(auto.wijzigingen)),
    )


def _rij_from_json(data: dict[str, Any]) -> Rij:
    auto = data.get("automatisch")
    return Rij(
        **{
            **_tuples(data, "groepen", "wijzigingen"),
            "automatisch": Automatisch(**_tuples(auto, "wijzigingen")) if auto else None,
        }
    )


def from_json(data: dict[str, Any]) -> Plan:
    return Plan(
        kop=Kop(**data["kop"]),
        rijen={s: [_rij_from_json(r) for r in rijen] for s, rijen in data["rijen"].items()},
        verdwenen=list(data.get("verdwenen", [])),
        buiten_las=list(data.get("buiten_las", [])),
    )


def gegevens_to_json(gegevens: LasGegevens) -> dict[str, Any]:
    """What the LAS sent, for storing next to the plan until the import runs."""
    return {
        "kop": _plat(gegevens.kop),
        "groepen": [_plat(g) for g in gegevens.groepen],
        "leerkrachten": [_plat(k, groep_keys=list(k.groep_keys)) for k in gegevens.leerkrachten],
        "leerlingen": [
            _plat(
                ll,
                geboortedatum=ll.geboortedatum.isoformat() if ll.geboortedatum else None,
                samengestelde_groep_keys=list(ll.samengestelde_groep_keys),
            )
            for ll in gegevens.leerlingen
        ],
    }


def gegevens_from_json(data: dict[str, Any]) -> LasGegevens:
    return LasGegevens(
        kop=Kop(**data["kop"]),
        groepen=tuple(LasGroep(**g) for g in data.get("groepen", [])),
        leerkrachten=tuple(
            LasLeerkracht(**_tuples(k, "groep_keys")) for k in data.get("leerkrachten", [])
        ),
        leerlingen=tuple(
            LasLeerling(
                **{
                    **_tuples(ll, "samengestelde_groep_keys"),
                    "geboortedatum": _datum(ll.get("geboortedatum")),
                }
            )
            for ll in data.get("leerlingen", [])
        ),
    )
