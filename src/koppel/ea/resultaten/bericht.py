"""Building the ``BrengLeerresultaten`` message (``leerresultaten_verzoek``) from plain values.

Pure: no database, no clock. The relay reads the outbox rows and the test catalogue into the
small frozen dataclasses below and :func:`leerresultaten_verzoek` turns a batch of them into one
message: the school (``ctpSchool``), one ``toetsafname`` per pupil (in the order the results come)
and the definition of every test a result refers to (``ctpToets`` with its toetsonderdelen and
their normering), as the standard's keyref ``krAfnameToets`` requires.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from koppel.ea.errors import EaError
from koppel.uwlr import messages as m
from koppel.uwlr.vocabulaires import VAKGEBIEDEN_PO

__all__ = [
    "LeerlingNietGekoppeld",
    "NormGegevens",
    "OnderdeelGegevens",
    "ResultaatGegevens",
    "SchoolGegevens",
    "ToetsGegevens",
    "leerresultaten_verzoek",
    "normkleur",
]


class LeerlingNietGekoppeld(EaError):
    """The pupil of a result has no LAS key: the LAS cannot know whom the result is about."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SchoolGegevens:
    """The school as the approved coupling names it."""

    brincode: str
    dependancecode: str = ""  # empty: the main location
    schooljaar: str
    xsdversie: str = "2.2"


@dataclass(frozen=True, slots=True, kw_only=True)
class NormGegevens:
    term: str
    omschrijving: str = ""
    begin: int
    eind: int
    kleur: str = ""  # "#RRGGBB"
    schoolcijfer_vanaf: Decimal | None = None
    schoolcijfer_totenmet: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OnderdeelGegevens:
    volgnummer: int
    code: str
    naam: str = ""
    normen: tuple[NormGegevens, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ToetsGegevens:
    code: str
    naam: str = ""
    versie: str = ""
    leerjaar: str = ""
    vakgebied: str = ""
    hierarchie: tuple[tuple[int, str], ...] = ()  # (niveau, waarde), niveau 1 is the top
    onderdelen: tuple[OnderdeelGegevens, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultaatGegevens:
    """One result of one pupil; ``leerling_key`` is the pupil's key in the LAS."""

    key: str
    leerling_key: str
    eckid: str = ""
    afnamedatum: dt.date
    toetscode: str
    onderdeelcode: str = ""  # empty: the result of the whole test
    score: int


def normkleur(kleur: str) -> m.Normkleur | None:
    """``#RRGGBB`` as the standard's RGB codes, opaque; ``None`` for no colour."""
    if not kleur:
        return None
    if len(kleur) != 7 or not kleur.startswith("#"):
        raise ValueError(f"Een kleur is #RRGGBB, niet {kleur!r}.")
    rood, groen, blauw = (int(kleur[i : i + 2], 16) for i in (1, 3, 5))
    return m.Normkleur(
        rood_code=rood, groen_code=groen, blauw_code=blauw, transparantie=Decimal("1.00")
    )


def _waarde(waarde: str, vocabulaire: str | None = None) -> m.VocabulaireWaarde | None:
    return m.VocabulaireWaarde(waarde=waarde, vocabulaire=vocabulaire) if waarde else None


def _norm(norm: NormGegevens) -> m.Norm:
    return m.Norm(
        term=norm.term,
        omschrijving=norm.omschrijving or None,
        beginnormwaarde=norm.begin,
        eindnormwaarde=norm.eind,
        normkleur=normkleur(norm.kleur),
        schoolcijfer_vanaf=norm.schoolcijfer_vanaf,
        schoolcijfer_totenmet=norm.schoolcijfer_totenmet,
    )


def _onderdeel(onderdeel: OnderdeelGegevens) -> m.Toetsonderdeel:
    normen = tuple(_norm(n) for n in onderdeel.normen)
    return m.Toetsonderdeel(
        toetsonderdeelvolgnummer=onderdeel.volgnummer,
        toetsonderdeelcode=m.VocabulaireWaarde(waarde=onderdeel.code),
        toetsonderdeelnaam=onderdeel.naam or None,
        toetsonderdeelnormering=m.Normering(normen=normen) if normen else None,
    )


def toets(gegevens: ToetsGegevens) -> m.Toets:
    """The ``ctpToets`` definition; a vakgebied of the Edustandaard list names its vocabulary."""
    vocabulaire = VAKGEBIEDEN_PO.uri if gegevens.vakgebied in VAKGEBIEDEN_PO else None
    return m.Toets(
        toetscode=m.VocabulaireWaarde(waarde=gegevens.code),
        versie=_waarde(gegevens.versie),
        toetsnaam=gegevens.naam or None,
        leerjaar=_waarde(gegevens.leerjaar),
        vakgebied=_waarde(gegevens.vakgebied, vocabulaire),
        toetshierarchie=tuple(
            m.ToetshierarchieIngang(niveau=niveau, waarde=waarde)
            for niveau, waarde in gegevens.hierarchie
        ),
        toetsonderdelen=tuple(_onderdeel(o) for o in gegevens.onderdelen),
    )


def _resultaat(r: ResultaatGegevens, definitie: ToetsGegevens) -> m.Resultaat:
    return m.Resultaat(
        key=r.key,
        afnamedatum=r.afnamedatum,
        toetscode=r.toetscode,
        versie=_waarde(definitie.versie),
        toetsonderdeelcode=r.onderdeelcode or None,
        uitslag=m.Score(waarde=r.score),
    )


def _toetsafnames(
    resultaten: Sequence[ResultaatGegevens], toetsen: Mapping[str, ToetsGegevens]
) -> tuple[m.Toetsafname, ...]:
    per_leerling: dict[tuple[str, str], list[m.Resultaat]] = {}
    for r in resultaten:
        if not r.leerling_key:
            raise LeerlingNietGekoppeld(f"Resultaat {r.key} hoort bij een ongekoppelde leerling.")
        per_leerling.setdefault((r.leerling_key, r.eckid), []).append(
            _resultaat(r, toetsen[r.toetscode])
        )
    return tuple(
        m.Toetsafname(leerlingid=key, eckid=eckid or None, resultaten=tuple(lijst))
        for (key, eckid), lijst in per_leerling.items()
    )


def leerresultaten_verzoek(
    *,
    school: SchoolGegevens,
    resultaten: Sequence[ResultaatGegevens],
    toetsen: Mapping[str, ToetsGegevens],
    aanmaakdatum: dt.datetime,
) -> m.LeerresultatenVerzoek:
    """One message with ``resultaten`` and the definitions (from ``toetsen``, by code) they use.

    Raises ``ValueError`` for no results or a test without a definition, and
    :class:`LeerlingNietGekoppeld` for a pupil without a LAS key.
    """
    if not resultaten:
        raise ValueError("Een bericht heeft minstens één resultaat.")
    codes = list(dict.fromkeys(r.toetscode for r in resultaten))
    ontbrekend = [code for code in codes if code not in toetsen]
    if ontbrekend:
        raise ValueError(f"Geen toetsdefinitie voor {', '.join(ontbrekend)}.")
    return m.LeerresultatenVerzoek(
        school=m.ResultaatSchool(
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode or None,
            aanmaakdatum=aanmaakdatum,
            xsdversie=school.xsdversie,
        ),
        toetsafnames=_toetsafnames(resultaten, toetsen),
        toetsen=tuple(toets(toetsen[code]) for code in codes),
    )
