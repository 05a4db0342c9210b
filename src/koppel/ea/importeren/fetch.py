"""Fetching a school's data from its LAS for an import: UWLR calls in, planning types out.

UWLR offers two ways to get a school. **Alles-in-één**: one HaalLeerlinggegevens with everything.
**Getrapt**: HaalStructuur for the school and its groups, then HaalLeerlingen and
HaalLeerkrachten for batches of stamgroepen, so that no single answer is huge. The choice is made
before the first call, from what the caller knows: getrapt when it asks for it, or when the
previous import of this school had more than ``getrapt_vanaf`` pupils; otherwise alles-in-één.
A batch holds ``getrapt_vanaf // GROEPSGROOTTE`` stamgroepen (about ``getrapt_vanaf`` pupils);
the last batch also asks for the pupils and teachers in no stamgroep, so every pupil and teacher
comes in some batch (a pupil is in one stamgroep or none).

Both ways give the same :class:`~koppel.ea.importeren.planning.LasGegevens`: pupils and
teachers ordered by key, groups in the LAS's order. ``geengegevens`` for the school raises
:class:`~koppel.ea.errors.InvalidState`; UWLR faults and transport errors propagate (the caller
translates them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypedDict

from koppel.ea.errors import InvalidState
from koppel.ea.importeren.planning import Kop, LasGegevens, LasGroep, LasLeerkracht, LasLeerling
from koppel.uwlr import UwlrClient
from koppel.uwlr import messages as m

__all__ = ["GEEN_GEGEVENS", "GROEPSGROOTTE", "fetch", "gegevens", "getrapt_nodig"]

GEEN_GEGEVENS = "Het LAS heeft geen gegevens voor dit schooljaar."
#: pupils per stamgroep assumed when sizing the batches of getrapt retrieval
GROEPSGROOTTE = 30


class _School(TypedDict):
    """The school part every request repeats."""

    schooljaar: str
    brincode: str
    dependancecode: str | None
    xsdversie: str


def getrapt_nodig(*, getrapt: bool, vorig_aantal: int, getrapt_vanaf: int) -> bool:
    """Whether to fetch getrapt: asked for, or the school had more pupils than ``getrapt_vanaf``."""
    return getrapt or vorig_aantal > getrapt_vanaf


def fetch(
    client: UwlrClient,
    *,
    brincode: str,
    dependancecode: str,
    schooljaar: str,
    xsdversie: str,
    getrapt_vanaf: int = 1000,
    getrapt: bool = False,
    vorig_aantal: int = 0,
) -> LasGegevens:
    """What the LAS has for the school in ``schooljaar`` (see the module docstring).

    ``vorig_aantal`` is the number of pupils of the previous import (0 for a first import).
    """
    school = _School(
        schooljaar=schooljaar,
        brincode=brincode,
        dependancecode=dependancecode or None,
        xsdversie=xsdversie,
    )
    if not getrapt_nodig(getrapt=getrapt, vorig_aantal=vorig_aantal, getrapt_vanaf=getrapt_vanaf):
        inhoud = client.haal_leerlinggegevens(**school).bericht.inhoud
        if not isinstance(inhoud, m.Leerlinggegevens):
            raise InvalidState(GEEN_GEGEVENS)
        return gegevens(inhoud.school, inhoud.groepen, inhoud.leerkrachten, inhoud.leerlingen)
    structuur = client.haal_structuur(**school).bericht.inhoud
    if not isinstance(structuur, m.LeerlinggegevensStructuur):
        raise InvalidState(GEEN_GEGEVENS)
    leerlingen: list[m.Leerling] = []
    leerkrachten: list[m.Leerkracht] = []
    for selectie in _batches(structuur.groepen, max(1, getrapt_vanaf // GROEPSGROOTTE)):
        lln = client.haal_leerlingen(groepen=selectie, **school).bericht.inhoud
        if isinstance(lln, m.LeerlinggegevensLeerlingen):  # geengegevens: no pupils there
            leerlingen.extend(lln.leerlingen)
        lkn = client.haal_leerkrachten(groepen=selectie, **school).bericht.inhoud
        if isinstance(lkn, m.LeerlinggegevensLeerkrachten):
            leerkrachten.extend(lkn.leerkrachten)
    return gegevens(structuur.school, structuur.groepen, leerkrachten, leerlingen)


def _batches(
    groepen: Iterable[m.Groep | m.SamengesteldeGroep], grootte: int
) -> Iterator[tuple[m.GroepSelectie, ...]]:
    """The stamgroepen in batches of ``grootte``; the last one also asks for "in no stamgroep"."""
    keys = [g.key for g in groepen if isinstance(g, m.Groep)]
    stukken = [keys[i : i + grootte] for i in range(0, len(keys), grootte)] or [[]]
    for n, stuk in enumerate(stukken, start=1):
        selectie = tuple(m.GroepSelectie(key=k) for k in stuk)
        yield selectie + ((m.GroepSelectie(),) if n == len(stukken) else ())


# --- UWLR messages to planning types ------------------------------------------------------------


def gegevens(
    school: m.School,
    groepen: Sequence[m.Groep | m.SamengesteldeGroep],
    leerkrachten: Iterable[m.Leerkracht],
    leerlingen: Iterable[m.Leerling],
) -> LasGegevens:
    """The planning's view of a school's data; a person sent twice (getrapt) counts once."""
    lkn = {k.key: leerkracht(k) for k in leerkrachten}
    lln = {ll.key: ll for ll in map(leerling, leerlingen)}
    return LasGegevens(
        kop=kop(school),
        groepen=tuple(groep(g) for g in groepen),
        leerkrachten=tuple(lkn[k] for k in sorted(lkn)),
        leerlingen=tuple(lln[k] for k in sorted(lln)),
    )


def kop(school: m.School) -> Kop:
    return Kop(
        schooljaar=school.schooljaar,
        brincode=school.brincode or "",
        dependancecode=school.dependancecode or "",
        schoolkey=school.schoolkey or "",
    )


def groep(g: m.Groep | m.SamengesteldeGroep) -> LasGroep:
    if isinstance(g, m.SamengesteldeGroep):
        return LasGroep(key=g.key, naam=g.naam, samengesteld=True)
    return LasGroep(key=g.key, naam=g.naam, jaargroep=g.jaargroep)


def leerkracht(k: m.Leerkracht) -> LasLeerkracht:
    return LasLeerkracht(
        key=k.key,
        achternaam=k.achternaam or "",
        voorvoegsel=k.voorvoegsel or "",
        voorletters=k.voorletters_1 or "",
        roepnaam=k.roepnaam or "",
        emailadres=k.emailadres or "",
        eckid=k.eckid or "",
        groep_keys=tuple(r.key for r in k.groepen),
    )


def leerling(ll: m.Leerling) -> LasLeerling:
    """A pupil; under UWLR 2.3 without a LAS key, the ECK-iD stands in for it."""
    return LasLeerling(
        key=ll.key or ll.eckid or "",
        achternaam=ll.achternaam or "",
        roepnaam=ll.roepnaam or "",
        voorvoegsel=ll.voorvoegsel or "",
        voorletters=ll.voorletters_1 or "",
        geboortedatum=ll.geboortedatum,
        geslacht=ll.geslacht or "0",
        jaargroep=ll.jaargroep or "",
        eckid=ll.eckid or "",
        groep_key=ll.groep or "",
        samengestelde_groep_keys=ll.samengestelde_groepen,
    )
