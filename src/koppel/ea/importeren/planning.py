"""Planning an import: which LAS records are new, which link to an existing record, which not.

Pure: plain values in (what the LAS sent, what the test centre has; :mod:`.plantypes`), a
:class:`Plan` out. The review screen shows the plan and the beheerder changes it row by row (see
``decisions``); the plan is stored as JSON between requests (:mod:`.opslag`).

Each LAS record is matched by :mod:`.matching` (ECK-iD, LAS key, name and birth date or e-mail;
a conflict leaves it new). Every link says why (``reden``); nothing is NIET until the beheerder
says so. A linked record lists what the import changes (``wijzigingen``: a move to another
group, a new name, ...). Active existing pupils whose LAS key the LAS no longer sends and that
no row links to are ``verdwenen``: the import deactivates them and keeps their results. Rows are
ordered by name. The values, the matching rules and the JSON are re-exported from here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from koppel.ea.importeren.matching import (
    GROEP_REGELS,
    LEERKRACHT_REGELS,
    LEERLING_REGELS,
    koppel_automatisch,
)
from koppel.ea.importeren.opslag import from_json, gegevens_from_json, gegevens_to_json, to_json
from koppel.ea.importeren.plantypes import (
    BESTAAND,
    CATEGORIEEN,
    GROEPEN,
    HANDMATIG,
    LEERKRACHTEN,
    LEERLINGEN,
    NIET,
    NIEUW,
    OP_ECKID,
    OP_EMAILADRES,
    OP_LAS_KEY,
    OP_NAAM,
    OP_NAAM_GEBOORTEDATUM,
    SOORTEN,
    SOORTNAMEN,
    Automatisch,
    Bestaand,
    BestaandeGroep,
    BestaandeLeerkracht,
    BestaandeLeerling,
    BestaandRecord,
    Kop,
    LasGegevens,
    LasGroep,
    LasLeerkracht,
    LasLeerling,
    Plan,
    Rij,
    bestaand_naam,
    normaliseer,
    persoonsnaam,
    sorteersleutel,
)

__all__ = [
    "BESTAAND", "CATEGORIEEN", "GROEPEN", "GROEP_REGELS", "HANDMATIG", "LEERKRACHTEN",
    "LEERKRACHT_REGELS", "LEERLINGEN", "LEERLING_REGELS", "NIET", "NIEUW", "OP_ECKID",
    "OP_EMAILADRES", "OP_LAS_KEY", "OP_NAAM", "OP_NAAM_GEBOORTEDATUM", "SOORTEN", "SOORTNAMEN",
    "Automatisch", "Bestaand", "BestaandeGroep", "BestaandeLeerkracht", "BestaandeLeerling", "Kop",
    "LasGegevens", "LasGroep", "LasLeerkracht", "LasLeerling", "Plan", "Rij",
    "bereken_verdwenen", "from_json", "gegevens_from_json", "gegevens_to_json", "normaliseer",
    "persoonsnaam", "plan_import", "sorteersleutel", "to_json",
]  # fmt: skip


def plan_import(las: LasGegevens, bestaand: Bestaand) -> Plan:
    """The plan for importing ``las`` into a test centre that has ``bestaand``."""
    with _zonder_gc():
        return _plan_import(las, bestaand)


@contextmanager
def _zonder_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while planning.

    The planning makes no reference cycles (reference counting frees everything it drops), but
    it creates an object per row, and every full collection that triggers rescans the whole
    input: a plan for 10x the data took 15x the time and more (``bench/import_plan.py``).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _plan_import(las: LasGegevens, bestaand: Bestaand) -> Plan:
    groepsnamen = {g.key: (g.naam,) for g in las.groepen}
    verzonden = {ll.key for ll in las.leerlingen}
    rijen = {
        GROEPEN: _groep_rijen(las.groepen, bestaand.groepen),
        LEERKRACHTEN: _leerkracht_rijen(las.leerkrachten, bestaand.leerkrachten, groepsnamen),
        LEERLINGEN: _leerling_rijen(las.leerlingen, bestaand.leerlingen, groepsnamen, verzonden),
    }
    for lijst in rijen.values():
        lijst.sort(key=lambda r: f"{sorteersleutel(r.naam)}\x00{r.las_key}")
    buiten_las = sorted(
        b.id for b in bestaand.leerlingen if b.actief and b.las_key and b.las_key not in verzonden
    )
    plan = Plan(kop=las.kop, rijen=rijen, buiten_las=buiten_las)
    plan.verdwenen = bereken_verdwenen(plan)
    return plan


def bereken_verdwenen(plan: Plan) -> list[int]:
    """The pupils to deactivate: those outside the LAS that no BESTAAND row links to."""
    buiten = set(plan.buiten_las)
    gekoppeld = {
        r.bestaand_id
        for r in plan.rijen.get(LEERLINGEN, [])
        if r.bestaand_id in buiten and r.categorie == BESTAAND
    }
    return [i for i in plan.buiten_las if i not in gekoppeld]


def _rij(
    soort: str,
    key: str,
    naam: str,
    bestaand: BestaandRecord | None,
    *,
    reden: str,
    conflict: str,
    wijzigingen: tuple[str, ...],
    emailadres: str = "",
    groepen: tuple[str, ...] = (),
) -> Rij:
    return Rij(
        soort=soort,
        las_key=key,
        naam=naam,
        categorie=NIEUW if bestaand is None else BESTAAND,
        bestaand_id=None if bestaand is None else bestaand.id,
        bestaand_naam="" if bestaand is None else bestaand_naam(bestaand),
        reden=reden,
        conflict=conflict,
        wijzigingen=wijzigingen,
        emailadres=emailadres,
        groepen=groepen,
    )


def _groep_rijen(las: Sequence[LasGroep], bestaande: Sequence[BestaandeGroep]) -> list[Rij]:
    u = koppel_automatisch(las, bestaande, GROEP_REGELS, soort=GROEPEN)
    return [
        _rij(
            GROEPEN,
            g.key,
            g.naam,
            u.bestaand[j],
            reden=u.reden[j],
            conflict=u.conflict[j],
            wijzigingen=_groep_wijzigingen(g, u.bestaand[j]),
        )
        for j, g in enumerate(las)
    ]


def _leerkracht_rijen(
    las: Sequence[LasLeerkracht],
    bestaande: Sequence[BestaandeLeerkracht],
    groepsnamen: dict[str, tuple[str]],
) -> list[Rij]:
    u = koppel_automatisch(las, bestaande, LEERKRACHT_REGELS, soort=LEERKRACHTEN)
    rijen = []
    for j, k in enumerate(las):
        b = u.bestaand[j]
        rijen.append(
            _rij(
                LEERKRACHTEN,
                k.key,
                persoonsnaam(k.achternaam, k.roepnaam or k.voorletters, k.voorvoegsel),
                b,
                reden=u.reden[j],
                conflict=u.conflict[j],
                wijzigingen=_leerkracht_wijzigingen(k, b),
                emailadres=k.emailadres.strip() or (b.emailadres if b else ""),
                groepen=_groepsnamen(groepsnamen, "", k.groep_keys),
            )
        )
    return rijen


def _leerling_rijen(
    las: Sequence[LasLeerling],
    bestaande: Sequence[BestaandeLeerling],
    groepsnamen: dict[str, tuple[str]],
    verzonden: set[str],
) -> list[Rij]:
    u = koppel_automatisch(las, bestaande, LEERLING_REGELS, soort=LEERLINGEN, verzonden=verzonden)
    rijen = []
    for j, ll in enumerate(las):
        b = u.bestaand[j]
        rijen.append(
            _rij(
                LEERLINGEN,
                ll.key,
                persoonsnaam(ll.achternaam, ll.roepnaam or ll.voorletters, ll.voorvoegsel),
                b,
                reden=u.reden[j],
                conflict=u.conflict[j],
                wijzigingen=_leerling_wijzigingen(ll, b, groepsnamen),
                groepen=_groepsnamen(groepsnamen, ll.groep_key, ll.samengestelde_groep_keys),
            )
        )
    return rijen


def _groepsnamen(
    namen: dict[str, tuple[str]], stamgroep: str, overige: tuple[str, ...]
) -> tuple[str, ...]:
    """The names of the groups with these keys, the stamgroep first; unknown keys are skipped.

    ``namen`` maps a key to a one-name tuple, shared by every pupil of that group.
    """
    if not overige:
        return namen.get(stamgroep, ())
    return tuple(namen[key][0] for key in (stamgroep, *overige) if key in namen)


# --- what changed on a re-import ----------------------------------------------------------------


def _groep_wijzigingen(g: LasGroep, b: BestaandeGroep | None) -> tuple[str, ...]:
    if b is None:
        return ()
    return _naam_gewijzigd(b.naam, g.naam) + _weer_actief(b.actief)


def _leerkracht_wijzigingen(k: LasLeerkracht, b: BestaandeLeerkracht | None) -> tuple[str, ...]:
    if b is None:
        return ()
    oud, nieuw = b.emailadres.strip(), k.emailadres.strip()
    email: tuple[str, ...] = ()
    if oud and nieuw and oud.casefold() != nieuw.casefold():
        email = (f"e-mailadres gewijzigd: {oud} → {nieuw}",)
    naam = _persoon_gewijzigd(b.achternaam, b.roepnaam, k.achternaam, k.roepnaam)
    return naam + email + _weer_actief(b.actief)


def _leerling_wijzigingen(
    ll: LasLeerling, b: BestaandeLeerling | None, groepsnamen: dict[str, tuple[str]]
) -> tuple[str, ...]:
    if b is None:
        return ()
    naam = _persoon_gewijzigd(b.achternaam, b.roepnaam, ll.achternaam, ll.roepnaam)
    datum: tuple[str, ...] = ()
    if b.geboortedatum and ll.geboortedatum and b.geboortedatum != ll.geboortedatum:
        datum = (
            f"geboortedatum gewijzigd: {b.geboortedatum:%d-%m-%Y} → {ll.geboortedatum:%d-%m-%Y}",
        )
    groep = _verhuisd(b, ll.groep_key, groepsnamen.get(ll.groep_key, ("",))[0])
    return groep + naam + datum + _weer_actief(b.actief)


def _verhuisd(b: BestaandeLeerling, groep_key: str, groep_naam: str) -> tuple[str, ...]:
    """The pupil's move between stamgroepen, compared by LAS key when known, else by name."""
    oud = b.groep_naam.strip()
    if b.groep_las_key and groep_key:
        zelfde = b.groep_las_key == groep_key
    else:
        zelfde = normaliseer(oud) == normaliseer(groep_naam)
    if zelfde or not (oud or groep_naam):
        return ()
    if not oud:
        return (f"geplaatst in {groep_naam}",)
    if not groep_naam:
        return (f"niet meer in {oud}",)
    return (f"verhuisd van {oud} naar {groep_naam}",)


def _naam_gewijzigd(oud: str, nieuw: str) -> tuple[str, ...]:
    if oud == nieuw or " ".join(oud.split()) == " ".join(nieuw.split()):
        return ()
    return (f"naam gewijzigd: {oud} → {nieuw}",)


def _persoon_gewijzigd(
    oud_achternaam: str, oud_roepnaam: str, achternaam: str, roepnaam: str
) -> tuple[str, ...]:
    if oud_achternaam == achternaam and oud_roepnaam == roepnaam:
        return ()
    return _naam_gewijzigd(
        persoonsnaam(oud_achternaam, oud_roepnaam), persoonsnaam(achternaam, roepnaam)
    )


def _weer_actief(actief: bool) -> tuple[str, ...]:
    return () if actief else ("was niet meer actief, wordt weer actief",)
