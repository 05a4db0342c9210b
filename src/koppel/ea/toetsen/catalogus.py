"""Loading the test catalogue from the JSON files in ``catalogus/`` (``koppel ea toetsen laad``).

One file per test: code, naam, afkorting, versie, vakgebied (a term of the Edustandaard vocabulary
"Vakgebieden (voor methode-gebonden toetsen in po)"), leerjaar, toetshierarchie, and its onderdelen
with max_score, normen (bands I..V with colour and schoolcijfer range) and opgaven. Every file is
checked first (:func:`fouten`, pure); then all are written in one transaction, matched by code, so
loading twice changes nothing. Normen and opgaven are matched by term and position; one that has
disappeared from the file is deleted, unless scores or answers refer to it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError

from koppel.ea.errors import EaError
from koppel.ea.toetsen import normering
from koppel.ea.toetsen.models import Norm, Opgave, Toets, Toetsonderdeel
from koppel.uwlr.vocabulaires import VAKGEBIEDEN_PO

CATALOGUS = Path(__file__).with_name("catalogus")

LEERJAREN = frozenset(str(n) for n in range(1, 9))
NORMVELDEN = frozenset({"term", "beginnormwaarde", "eindnormwaarde", "kleur"})
KLEUR = re.compile(r"#[0-9a-fA-F]{6}")


class CatalogusFout(EaError):
    """A catalogue file is invalid or cannot be applied; nothing was written."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Geladen:
    toets: Toets
    nieuw: bool
    onderdelen: int
    opgaven: int


def lees(map: Path = CATALOGUS) -> list[dict[str, Any]]:
    """The catalogue files of ``map``, in name order."""
    bestanden = sorted(map.glob("*.json"))
    if not bestanden:
        raise CatalogusFout(f"Geen toetsbestanden (*.json) gevonden in {map}.")
    return [_json(pad) for pad in bestanden]


def _json(pad: Path) -> dict[str, Any]:
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogusFout(f"{pad.name} is geen leesbaar JSON-bestand: {error}") from error
    if not isinstance(data, dict):
        raise CatalogusFout(f"{pad.name} bevat geen toets (een JSON-object).")
    return data


def fouten(data: dict[str, Any]) -> list[str]:
    """What is wrong with one test's data (empty when it can be loaded)."""
    code = data.get("code") or "?"
    uitkomst = [
        f"{code}: {veld} ontbreekt." for veld in ("code", "naam", "afkorting") if not data.get(veld)
    ]
    if data.get("vakgebied") not in VAKGEBIEDEN_PO:
        uitkomst.append(
            f"{code}: vakgebied {data.get('vakgebied')!r} staat niet in de vocabulaire."
        )
    if str(data.get("leerjaar", "")) not in LEERJAREN:
        uitkomst.append(f"{code}: leerjaar moet 1 t/m 8 zijn.")
    onderdelen = data.get("onderdelen") or []
    if not onderdelen:
        uitkomst.append(f"{code}: de toets heeft geen onderdelen.")
    for sleutel in ("code", "volgnummer"):
        if len({o.get(sleutel) for o in onderdelen}) != len(onderdelen):
            uitkomst.append(f"{code}: elk onderdeel heeft een eigen {sleutel}.")
    for onderdeel in onderdelen:
        uitkomst += _onderdeelfouten(onderdeel)
    return uitkomst


def _onderdeelfouten(onderdeel: dict[str, Any]) -> list[str]:
    naam, max_score = onderdeel.get("naam") or "?", onderdeel.get("max_score")
    if not isinstance(max_score, int) or max_score < 1:
        return [f"{naam}: max_score moet een positief geheel getal zijn."]
    normen = onderdeel.get("normen", [])
    if not all(set(n) >= NORMVELDEN and KLEUR.fullmatch(str(n["kleur"])) for n in normen):
        return [f"{naam}: elke norm heeft term, begin- en eindnormwaarde en een kleur #RRGGBB."]
    banden = [
        normering.Band(term=n["term"], beginnormwaarde=n["beginnormwaarde"],
                       eindnormwaarde=n["eindnormwaarde"])
        for n in normen
    ]  # fmt: skip
    uitkomst = normering.normeringsfouten(banden, naam=naam, max_score=max_score)
    opgaven = onderdeel.get("opgaven", [])
    if len(opgaven) > max_score:
        uitkomst.append(f"{naam}: meer opgaven ({len(opgaven)}) dan de hoogste score.")
    for nummer, opgave in enumerate(opgaven, 1):
        if not _is_opgave(opgave):
            uitkomst.append(f"{naam}: opgave {nummer} heeft geen vraag, keuzes of juist antwoord.")
    return uitkomst


def _is_opgave(opgave: dict[str, Any]) -> bool:
    """A question, at least two choices, and the position of the right one among them."""
    keuzes, juist = opgave.get("keuzes"), opgave.get("juist")
    if not (isinstance(keuzes, list) and len(keuzes) >= 2 and isinstance(juist, int)):
        return False
    return bool(opgave.get("vraag")) and 0 <= juist < len(keuzes)


def laad(map: Path = CATALOGUS) -> list[Geladen]:
    """Check every file of ``map``, then create or update each test in one transaction."""
    toetsen = lees(map)
    if problemen := [fout for data in toetsen for fout in fouten(data)]:
        raise CatalogusFout("De catalogus is niet geladen. " + " ".join(problemen))
    try:
        with transaction.atomic():
            return [_schrijf(data) for data in toetsen]
    except ProtectedError as error:
        raise CatalogusFout(
            "De catalogus is niet geladen: een norm of opgave die uit het bestand is verdwenen, "
            "wordt al gebruikt in afnames."
        ) from error


def _schrijf(data: dict[str, Any]) -> Geladen:
    toets, nieuw = Toets.objects.update_or_create(
        code=data["code"],
        defaults={
            "naam": data["naam"], "afkorting": data["afkorting"],
            "versie": data.get("versie", ""), "vakgebied": data["vakgebied"],
            "leerjaar": str(data["leerjaar"]), "toetshierarchie": data.get("toetshierarchie", []),
            "actief": data.get("actief", True),
        },
    )  # fmt: skip
    opgaven = sum(_onderdeel(toets, o) for o in data["onderdelen"])
    codes = [o["code"] for o in data["onderdelen"]]
    toets.onderdelen.exclude(code__in=codes).delete()
    return Geladen(toets=toets, nieuw=nieuw, onderdelen=len(codes), opgaven=opgaven)


def _onderdeel(toets: Toets, data: dict[str, Any]) -> int:
    """Write one onderdeel with its normen and opgaven; returns the number of opgaven."""
    onderdeel, _ = Toetsonderdeel.objects.update_or_create(
        toets=toets,
        code=data["code"],
        defaults={
            "volgnummer": data["volgnummer"], "naam": data["naam"],
            "max_score": data["max_score"],
        },
    )  # fmt: skip
    for norm in data["normen"]:
        Norm.objects.update_or_create(onderdeel=onderdeel, term=norm["term"], defaults=_norm(norm))
    onderdeel.normen.exclude(term__in=[n["term"] for n in data["normen"]]).delete()
    for nummer, opgave in enumerate(data.get("opgaven", []), 1):
        Opgave.objects.update_or_create(
            onderdeel=onderdeel,
            volgnummer=nummer,
            defaults={
                "vraag": opgave["vraag"],
                "keuzes": opgave["keuzes"],
                "juist": opgave["juist"],
            },
        )
    aantal = len(data.get("opgaven", []))
    onderdeel.opgaven.filter(volgnummer__gt=aantal).delete()
    return aantal


def _norm(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "omschrijving": data.get("omschrijving", ""),
        "beginnormwaarde": data["beginnormwaarde"],
        "eindnormwaarde": data["eindnormwaarde"],
        "kleur": data["kleur"],
        "schoolcijfer_vanaf": _decimaal(data.get("schoolcijfer_vanaf")),
        "schoolcijfer_totenmet": _decimaal(data.get("schoolcijfer_totenmet")),
    }


def _decimaal(waarde: str | None) -> Decimal | None:
    return None if waarde in (None, "") else Decimal(str(waarde))
