"""Turns selector rows into UWLR message dataclasses, keeping only what the profile allows.

Pure: the rows, key maps and the allowed field sets come in as arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from koppel.las.uwlr_service import profiles
from koppel.las.uwlr_service.selectors import LEERKRACHT_KOLOMMEN, LEERLING_KOLOMMEN, Structuur
from koppel.uwlr import messages as m


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What every answer depends on besides the data."""

    profiel: str
    xsdversie: str
    now: dt.datetime
    auteur: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SchoolGegevens:
    naam: str
    brincode: str
    dependancecode: str
    schoolkey: str | None
    schooljaar: str


def school(s: SchoolGegevens, ctx: Context, *, peildatum: dt.date) -> m.School:
    values: dict[str, object] = {
        "schooljaar": s.schooljaar,
        "peildatum": peildatum,
        "brincode": s.brincode,
        "dependancecode": s.dependancecode,
        "schoolkey": s.schoolkey,
        "aanmaakdatum": ctx.now,
        "auteur": ctx.auteur,
        "xsdversie": ctx.xsdversie,
    }
    return m.School(**profiles.select(values, profiles.school_velden(ctx.profiel)))


def groepen(structuur: Structuur, ctx: Context) -> tuple[m.Groep | m.SamengesteldeGroep, ...]:
    sg_velden = profiles.samengestelde_groep_velden(ctx.profiel)
    stam = [
        m.Groep(
            **profiles.select(
                {"key": g.key, "naam": g.naam, "jaargroep": g.jaargroep}, profiles.GROEP
            )
        )
        for g in structuur.groepen
    ]
    samengesteld = [
        m.SamengesteldeGroep(
            **profiles.select(
                {"key": g.key, "naam": g.naam, "omschrijving": g.omschrijving}, sg_velden
            )
        )
        for g in structuur.samengestelde_groepen
    ]
    return (*stam, *samengesteld)


# message field -> column of the selector rows; falsy values ("" and None) are left out
_LEERLING_VELD = {
    "key": "key",
    "eckid": "eckid",
    "achternaam": "achternaam",
    "voorvoegsel": "voorvoegsel",
    "voorletters_1": "voorletters",
    "roepnaam": "roepnaam",
    "geboortedatum": "geboortedatum",
    "geslacht": "geslacht",
    "jaargroep": "jaargroep",
    "bsn_ondwnr_4": "bsn_laatste_vier",
}
_LEERKRACHT_VELD = {
    "key": "key",
    "eckid": "eckid",
    "achternaam": "achternaam",
    "voorvoegsel": "voorvoegsel",
    "voorletters_1": "voorletters",
    "roepnaam": "roepnaam",
    "emailadres": "emailadres",
}
_LEERLING_KOLOM = {veld: LEERLING_KOLOMMEN.index(k) for veld, k in _LEERLING_VELD.items()}
_LEERKRACHT_KOLOM = {veld: LEERKRACHT_KOLOMMEN.index(k) for veld, k in _LEERKRACHT_VELD.items()}
_PK = LEERLING_KOLOMMEN.index("pk")
_LEERKRACHT_PK = LEERKRACHT_KOLOMMEN.index("pk")
_GROEP = LEERLING_KOLOMMEN.index("groep_id")


def _direct(kolommen: dict[str, int], velden: frozenset[str]) -> list[tuple[str, int]]:
    return [(naam, index) for naam, index in kolommen.items() if naam in velden]


def leerlingen(
    rows: Iterable[tuple[Any, ...]],
    ctx: Context,
    *,
    keys: tuple[dict[int, str], dict[int, str]],
    lidmaatschap: dict[int, list[int]],
) -> tuple[m.Leerling, ...]:
    """Pupils as messages. Written for speed (1,500 pupils per call): one dict per pupil."""
    velden = profiles.leerling_velden(ctx.profiel, ctx.xsdversie)
    direct = _direct(_LEERLING_KOLOM, velden)
    groep_keys, sg_keys = keys
    met_groep, met_sg = "groep" in velden, "samengestelde_groepen" in velden
    result = []
    for row in rows:
        kw = {naam: row[i] for naam, i in direct if row[i]}
        if met_groep and row[_GROEP] is not None:
            kw["groep"] = groep_keys[row[_GROEP]]
        if met_sg and (ids := lidmaatschap.get(row[_PK])):
            kw["samengestelde_groepen"] = tuple(sorted(sg_keys[i] for i in ids))
        result.append(m.Leerling(**kw))
    return tuple(result)


def leerkrachten(
    rows: Iterable[tuple[Any, ...]],
    ctx: Context,
    *,
    keys: tuple[dict[int, str], dict[int, str]],
    lidmaatschap: tuple[dict[int, list[int]], dict[int, list[int]]],
) -> tuple[m.Leerkracht, ...]:
    velden = profiles.leerkracht_velden(ctx.profiel, ctx.xsdversie)
    direct = _direct(_LEERKRACHT_KOLOM, velden)
    (groep_keys, sg_keys), (in_groep, in_sg) = keys, lidmaatschap
    result = []
    for row in rows:
        kw: dict[str, Any] = {naam: row[i] for naam, i in direct if row[i]}
        refs: list[m.GroepReferentie | m.SamengesteldeGroepReferentie] = [
            *(
                m.GroepReferentie(key=groep_keys[i])
                for i in sorted(in_groep.get(row[_LEERKRACHT_PK], ()))
            ),
            *(
                m.SamengesteldeGroepReferentie(key=sg_keys[i])
                for i in sorted(in_sg.get(row[_LEERKRACHT_PK], ()))
            ),
        ]
        if refs and "groepen" in velden:
            kw["groepen"] = tuple(refs)
        result.append(m.Leerkracht(**kw))
    return tuple(result)
