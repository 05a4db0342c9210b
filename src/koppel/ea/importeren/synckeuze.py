"""Pure decisions of the nightly sync: when a coupling is due, and which import plans the sync may
apply without the beheerder.

**When.** The sync runs inside a daily window of Dutch time (``Venster``, default 01:00–05:00; a
window may cross midnight). A coupling is due (:func:`verschuldigd`) when ``now`` is inside the
window and it has not been synced successfully since the window opened; after a failure it is
tried again ``herhaal_na`` later, not at every tick of the scheduler.

**What** (:func:`beoordeel`). The LAS sends the whole school every time; the plan says per record
what the import would do. The sync applies it by itself only when it needs no decision:

- every LAS record links to an existing record by ECK-iD or LAS key, without a conflict;
- no pupil leaves (the LAS no longer sends them: the import would deactivate them);
- the only listed changes are names (pupils, teachers, groups), a pupil moving between stamgroepen
  (also into or out of any) and a corrected birth date: the LAS is the source of these, and the
  record is the same one by its key;
- the plan has no blokkade.

Anything else waits for the beheerder in the review screen: new groups, teachers or pupils (a new
teacher needs an e-mail address and gets an invitation), conflicts, links by name, birth date or
e-mail only, pupils to deactivate, a record that comes back after deactivation, a teacher's new
e-mail address, rows set to "Niet importeren", and every change this module does not recognise
(the safe default). What the plan does not list (jaargroep, samengestelde groepen, a teacher's
groups, geslacht) is applied along with a linked record, as a manual re-import does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from koppel.ea.importeren.decisions import blokkades
from koppel.ea.importeren.planning import (
    BESTAAND,
    LEERLINGEN,
    NIET,
    NIEUW,
    OP_ECKID,
    OP_LAS_KEY,
    SOORTEN,
    SOORTNAMEN,
    Plan,
    Rij,
)

__all__ = [
    "AMSTERDAM",
    "Beoordeling",
    "Venster",
    "Wijziging",
    "automatisch_toepasbaar",
    "beoordeel",
    "geopend_op",
    "grondslag",
    "in_venster",
    "melding_concept_open",
    "melding_geen_wijzigingen",
    "melding_verwerkt",
    "melding_voorgelegd",
    "samenvatting_tekst",
    "soort_wijziging",
    "verschuldigd",
]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_VENSTER = re.compile(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*")


# --- when -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Venster:
    """A daily window of Dutch time, from ``begin`` up to (excluding) ``eind``."""

    begin: dt.time
    eind: dt.time

    @classmethod
    def parse(cls, tekst: str) -> Venster:
        """``"01:00-05:00"``; ``ValueError`` for anything else or an empty window."""
        gevonden = _VENSTER.fullmatch(tekst)
        if gevonden is None:
            raise ValueError(f"geen venster als 01:00-05:00: {tekst!r}")
        uren = [int(g) for g in gevonden.groups()]
        venster = cls(dt.time(uren[0], uren[1]), dt.time(uren[2], uren[3]))  # ValueError: 25:00
        if venster.begin == venster.eind:
            raise ValueError(f"het venster {tekst!r} is leeg")
        return venster

    def __str__(self) -> str:
        return f"{self.begin:%H:%M}-{self.eind:%H:%M}"


def in_venster(now: dt.datetime, venster: Venster) -> bool:
    """Whether ``now`` (aware) falls inside the window, in Dutch time."""
    return geopend_op(now, venster) is not None


def geopend_op(now: dt.datetime, venster: Venster) -> dt.datetime | None:
    """When the window ``now`` falls in opened (aware), ``None`` when ``now`` is outside it."""
    lokaal = now.astimezone(AMSTERDAM)
    tijd = lokaal.time().replace(tzinfo=None)
    begin, eind = venster.begin, venster.eind
    if begin < eind:
        binnen, dag = begin <= tijd < eind, lokaal.date()
    else:  # across midnight: after the start today, or before the end on the next day
        binnen = tijd >= begin or tijd < eind
        dag = lokaal.date() if tijd >= begin else lokaal.date() - dt.timedelta(days=1)
    return dt.datetime.combine(dag, begin, tzinfo=AMSTERDAM) if binnen else None


def verschuldigd(
    now: dt.datetime,
    laatste_sync: dt.datetime | None,
    venster: Venster,
    *,
    laatste_poging: dt.datetime | None = None,
    herhaal_na: dt.timedelta = dt.timedelta(minutes=30),
) -> bool:
    """Whether a coupling is due at ``now``: inside the window, no successful sync since it
    opened (``laatste_sync``), and no attempt in the last ``herhaal_na`` (``laatste_poging``)."""
    geopend = geopend_op(now, venster)
    if geopend is None or (laatste_sync is not None and laatste_sync >= geopend):
        return False
    return laatste_poging is None or now - laatste_poging >= herhaal_na


def grondslag(*, lastype: str, brincode: str, vestigingsnummer: str, schooljaar: str) -> str:
    """What a fetch was for: data of another school year or school are not "changes since"."""
    return f"{lastype}|{brincode}|{vestigingsnummer}|{schooljaar}"


# --- what ----------------------------------------------------------------------------------------

NAAM = "naam"
GROEP = "groep"
GEBOORTEDATUM = "geboortedatum"
EMAILADRES = "emailadres"
WEER_ACTIEF = "weer_actief"
ONBEKEND = "onbekend"
#: the kinds of change the sync applies by itself
AUTOMATISCH = (NAAM, GROEP, GEBOORTEDATUM)
#: how planning words each change (``planning._..._wijzigingen``), by its start
_BEGIN = (
    ("naam gewijzigd:", NAAM),
    ("verhuisd van ", GROEP),
    ("geplaatst in ", GROEP),
    ("niet meer in ", GROEP),
    ("geboortedatum gewijzigd:", GEBOORTEDATUM),
    ("e-mailadres gewijzigd:", EMAILADRES),
    ("was niet meer actief", WEER_ACTIEF),
)


def soort_wijziging(tekst: str) -> str:
    """The kind of one change a plan lists (``NAAM``, ``GROEP`` ...; ``ONBEKEND`` otherwise)."""
    return next((soort for begin, soort in _BEGIN if tekst.startswith(begin)), ONBEKEND)


@dataclass(frozen=True, slots=True, kw_only=True)
class Wijziging:
    """What an automatic import changes for one linked record, as the plan words it."""

    soort: str
    naam: str
    wijzigingen: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Beoordeling:
    """Whether a plan can be applied without the beheerder, and what it changes."""

    redenen: tuple[str, ...]  # why the beheerder must decide, in Dutch; empty: automatic
    wijzigingen: tuple[Wijziging, ...]  # the linked records with listed changes
    telling: tuple[tuple[str, int], ...]  # changes per kind (NAAM, GROEP ...), for the log

    @property
    def automatisch(self) -> bool:
        return not self.redenen


def automatisch_toepasbaar(plan: Plan) -> bool:
    """Whether the sync may apply ``plan`` by itself (the rule of the module docstring)."""
    return beoordeel(plan).automatisch


def beoordeel(plan: Plan) -> Beoordeling:
    """The rule of the module docstring, with the reasons in Dutch for the beheerder."""
    redenen: Counter[tuple[str, str]] = Counter()
    per_soort: Counter[str] = Counter()
    wijzigingen = []
    for soort in SOORTEN:
        for rij in plan.rijen.get(soort, []):
            if (reden := _rij_reden(rij)) is not None:
                redenen[(reden, soort)] += 1
            soorten = [soort_wijziging(w) for w in rij.wijzigingen]
            redenen.update((s, soort) for s in soorten if s not in AUTOMATISCH)
            per_soort.update(soorten)
            if rij.wijzigingen and rij.categorie == BESTAAND:
                wijzigingen.append(
                    Wijziging(soort=soort, naam=rij.naam, wijzigingen=rij.wijzigingen)
                )
    if plan.verdwenen:
        redenen[("verdwenen", LEERLINGEN)] = len(plan.verdwenen)
    teksten = [_reden_tekst(reden, soort, n) for (reden, soort), n in redenen.items()]
    return Beoordeling(
        redenen=tuple(teksten) + tuple(blokkades(plan)),
        wijzigingen=tuple(wijzigingen),
        telling=tuple(sorted(per_soort.items())),
    )


def _rij_reden(rij: Rij) -> str | None:
    """Why this row needs the beheerder (a key of ``_REDENEN``), ``None`` when it does not."""
    if rij.conflict:
        return "conflict"
    if rij.categorie in (NIEUW, NIET):
        return rij.categorie
    if rij.reden not in (OP_ECKID, OP_LAS_KEY):
        return "zwak"
    return None


def _reden_tekst(reden: str, soort: str, n: int) -> str:
    enkel, meer = SOORTNAMEN[soort]
    wie = f"{n} {enkel if n == 1 else meer}"
    teksten = {
        "conflict": f"{wie} met een conflict",
        NIEUW: f"{n} nieuwe {enkel if n == 1 else meer}",
        NIET: f"{wie} op Niet importeren",
        "zwak": f"{wie} niet op ECK-iD of LAS-sleutel gekoppeld",
        "verdwenen": f"{wie} niet meer in het LAS (wordt gedeactiveerd)",
        WEER_ACTIEF: f"{wie} weer actief",
        EMAILADRES: f"{wie} met een ander e-mailadres",
    }
    return teksten.get(reden, f"{wie} met een andere wijziging")


def samenvatting_tekst(telling: tuple[tuple[str, int], ...]) -> str:
    """What an automatic import changed, in Dutch: ``"2 namen gewijzigd, 1 groepswissel"``."""
    aantallen = dict(telling)
    delen = [
        f"{n} {enkel if n == 1 else meer}"
        for soort, (enkel, meer) in _WOORDEN.items()
        if (n := aantallen.get(soort, 0))
    ]
    return ", ".join(delen) or "geen namen, groepen of geboortedata gewijzigd"


_WOORDEN = {
    NAAM: ("naam gewijzigd", "namen gewijzigd"),
    GROEP: ("groepswissel", "groepswissels"),
    GEBOORTEDATUM: ("geboortedatum gewijzigd", "geboortedata gewijzigd"),
}


# --- what the log says (Synchronisatie.melding) ---------------------------------------------------


def melding_geen_wijzigingen(concept_open: bool) -> str:
    nog = " Er staat nog een import klaar om te controleren." if concept_open else ""
    return f"Het LAS meldt niets nieuws.{nog}"


def melding_verwerkt(beoordeling: Beoordeling) -> str:
    """``"1 naam gewijzigd, 2 groepswissels."``"""
    tekst = samenvatting_tekst(beoordeling.telling)
    return f"{tekst[0].upper()}{tekst[1:]}."


def melding_voorgelegd(beoordeling: Beoordeling, *, verstuurd: bool) -> str:
    """The reasons, and whether the beheerders got the e-mail."""
    redenen = "; ".join(r.rstrip(".") for r in beoordeling.redenen)
    mail = (
        "De beheerders hebben een e-mail gekregen."
        if verstuurd
        else "Er is geen e-mail verstuurd: geen beheerder met een e-mailadres, of de mail faalde."
    )
    return f"{redenen[:1].upper()}{redenen[1:]}. {mail}"


def melding_concept_open(opgehaald: dt.datetime) -> str:
    """An open concept (fetched at ``opgehaald``, local time) is kept as it is."""
    return (
        f"Er staat al een import klaar om te controleren (opgehaald op {opgehaald:%d-%m-%Y} om "
        f"{opgehaald:%H:%M}). Die is niet overschreven en er is geen nieuwe e-mail verstuurd."
    )
