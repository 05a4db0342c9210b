"""Benchmark of the EA's import planning (``koppel.ea.importeren.planning.plan_import``).

A board of 10,000 LAS pupils (with their groups and teachers) is planned against a test centre
with 9,000 existing pupils: most linked on their LAS key, some only on their ECK-iD (the LAS
changed its keys), some entered by hand (name and birth date), and some that left the LAS. Then
the same with ten times the data, as a ratio against the first run measured in the same run.

Targets: the 1x plan in at most 1 s; 10x the data in at most 12x the time (the planning builds
its indexes once, so it must grow about linearly). Each size is measured in a fresh interpreter
of its own (``--schaal N``), so that neither run works in a heap shaped by the other's data.
This is done in three interleaved rounds and each size reports its fastest process (the machine's
state differs between processes more than between runs). Within a process each time is the best
of five runs, in wall and in CPU time (the ratio of CPU times is the steadier on a busy machine).
A bare hash join of the same data is measured as well: its ratio shows what the machine's caches
add to any dictionary-based plan at 10x the size. Run with ``make bench`` (or ``python
bench/import_plan.py``). The data come from a seeded random: every run plans the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from _school import ACHTERNAMEN, ROEPNAMEN, VOORVOEGSELS  # noqa: E402
from koppel.ea.importeren import planning as p  # noqa: E402

PER_GROEP = 28
TARGET_RATIO = 12.0
RONDES = 3  # interleaved pairs of processes; each size reports its fastest


def _achternaam(rng: random.Random) -> str:
    """One of 16 x 17 surnames (half of them double), so that few pupils share name and birth
    date, as in a real school."""
    naam = rng.choice(ACHTERNAMEN)
    return f"{naam}-{rng.choice(ACHTERNAMEN)}" if rng.random() < 0.5 else naam


def _leerling(rng: random.Random, i: int, groep: p.LasGroep) -> p.LasLeerling:
    jaar = int(groep.jaargroep)
    return p.LasLeerling(
        key=f"LL-{i:07d}",
        eckid=f"https://ketenid.nl/201703/{rng.getrandbits(128):032x}"
        if rng.random() < 0.9
        else "",
        achternaam=_achternaam(rng),
        voorvoegsel=rng.choice(VOORVOEGSELS) or "",
        roepnaam=rng.choice(ROEPNAMEN),
        geboortedatum=dt.date(2026 - jaar - 4, rng.randint(1, 12), rng.randint(1, 28)),
        jaargroep=groep.jaargroep,
        groep_key=groep.key,
    )


def las_gegevens(leerlingen: int, rng: random.Random) -> p.LasGegevens:
    groepen = tuple(
        p.LasGroep(
            key=f"G-{i:05d}", naam=f"Groep {i % 8 + 1}-{i // 8:04d}", jaargroep=str(i % 8 + 1)
        )
        for i in range(max(1, leerlingen // PER_GROEP))
    )
    leerkrachten = tuple(
        p.LasLeerkracht(
            key=f"LK-{i:05d}",
            achternaam=rng.choice(ACHTERNAMEN),
            roepnaam=rng.choice(ROEPNAMEN),
            emailadres=f"leerkracht{i}@school.example",
            groep_keys=(g.key,),
        )
        for i, g in enumerate(groepen)
    )
    lln = tuple(_leerling(rng, i, groepen[i % len(groepen)]) for i in range(leerlingen))
    kop = p.Kop(schooljaar="2026-2027", brincode="99XX")
    return p.LasGegevens(kop=kop, groepen=groepen, leerkrachten=leerkrachten, leerlingen=lln)


def _kopie(tekst: str) -> str:
    """An equal string of its own, as a database row has (not the LAS record's object)."""
    return tekst.encode().decode()


def _bestaande_leerling(rng: random.Random, n: int, ll: p.LasLeerling) -> p.BestaandeLeerling:
    """An existing pupil that matches ``ll`` in one of the ways a real test centre has them."""
    soort = rng.random()
    return p.BestaandeLeerling(
        id=n,
        achternaam=_kopie(ll.achternaam),
        roepnaam=_kopie(ll.roepnaam),
        geboortedatum=ll.geboortedatum,
        las_key=_kopie(ll.key) if soort < 0.7 else (f"OUD-{n}" if soort < 0.95 else ""),
        eckid=_kopie(ll.eckid) if 0.7 <= soort < 0.85 else "",
        groep_naam=f"Groep {rng.randint(1, 8)}",
        groep_las_key=_kopie(ll.groep_key) if rng.random() < 0.8 else "",
    )


def bestaand(las: p.LasGegevens, aantal: int, rng: random.Random) -> p.Bestaand:
    """``aantal`` existing pupils: mostly the LAS's (however linked), 5% that left the LAS."""
    gekozen = rng.sample(las.leerlingen, int(aantal * 0.95))
    leerlingen = [_bestaande_leerling(rng, n, ll) for n, ll in enumerate(gekozen, start=1)]
    for n in range(len(leerlingen) + 1, aantal + 1):
        leerlingen.append(
            p.BestaandeLeerling(
                id=n, achternaam="Weg", roepnaam=f"Kind {n}", las_key=f"VERTROKKEN-{n}"
            )
        )
    groepen = tuple(
        p.BestaandeGroep(id=i, naam=g.naam, las_key=g.key if i % 3 else "")
        for i, g in enumerate(las.groepen, start=1)
    )
    leerkrachten = tuple(
        p.BestaandeLeerkracht(id=i, achternaam=k.achternaam, emailadres=k.emailadres)
        for i, k in enumerate(las.leerkrachten, start=1)
    )
    return p.Bestaand(groepen=groepen, leerkrachten=leerkrachten, leerlingen=tuple(leerlingen))


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds, perf_counter
    cpu: float  # seconds of this process, process_time


def best(fn: Callable[[], object], *, repeat: int) -> Timing:
    """The fastest of ``repeat`` runs (the least disturbed, as timeit advises), after a warm-up.

    The CPU time of this process is measured too: other processes on a busy machine stretch
    the wall time of a long run more than that of a short one, not its CPU time.
    """
    result: object = fn()
    walls, cpus = [], []
    for _ in range(repeat):
        result = None  # freeing the previous result is not part of the work measured
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    del result
    return Timing(min(walls), min(cpus))


def hash_join(las: p.LasGegevens, ea: p.Bestaand) -> list[p.BestaandeLeerling | None]:
    """The floor: one dictionary of the existing pupils by LAS key, one look-up per LAS pupil."""
    per_key = {b.las_key: b for b in ea.leerlingen if b.las_key}
    return [per_key.get(ll.key) for ll in las.leerlingen]


@dataclass(frozen=True)
class Meting:
    plan: Timing
    floor: Timing
    uitkomst: str  # what the plan decided, described


def meet(schaal: int, *, repeat: int = 5) -> Meting:
    """Measure the plan for ``schaal`` times the board, in this process."""
    rng = random.Random(schaal)
    las = las_gegevens(10_000 * schaal, rng)
    ea = bestaand(las, 9_000 * schaal, rng)
    return Meting(
        plan=best(lambda: p.plan_import(las, ea), repeat=repeat),
        floor=best(lambda: hash_join(las, ea), repeat=repeat),
        uitkomst=describe(p.plan_import(las, ea)),
    )


def meet_apart(schaal: int) -> Meting:
    """Measure ``schaal`` in a fresh interpreter (``--schaal``) and read its JSON answer."""
    uit = subprocess.run(
        [sys.executable, __file__, "--schaal", str(schaal)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    d = json.loads(uit)
    return Meting(Timing(**d["plan"]), Timing(**d["floor"]), d["uitkomst"])


def describe(plan: p.Plan) -> str:
    rijen = plan.rijen[p.LEERLINGEN]
    nieuw = sum(r.categorie == p.NIEUW for r in rijen)
    conflict = sum(bool(r.conflict) for r in rijen)
    return (
        f"{len(rijen) - nieuw:,} linked, {nieuw:,} new ({conflict:,} with a conflict), "
        f"{len(plan.verdwenen):,} to deactivate"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schaal", type=int, help="measure one size here and print JSON")
    schaal = parser.parse_args().schaal
    if schaal:
        m = meet(schaal)
        print(json.dumps({"plan": vars(m.plan), "floor": vars(m.floor), "uitkomst": m.uitkomst}))
        return
    rondes = [(meet_apart(1), meet_apart(10)) for _ in range(RONDES)]
    een = min((r[0] for r in rondes), key=lambda m: m.plan.cpu)
    tien = min((r[1] for r in rondes), key=lambda m: m.plan.cpu)
    print("EA import planning (plan_import, pure Python)")
    for naam, m in (
        ("10,000 LAS pupils vs 9,000 existing  ", een),
        ("100,000 LAS pupils vs 90,000 existing", tien),
    ):
        doel = "   (target <= 1000 ms)" if m is een else ""
        print(f"  {naam}  {m.plan.wall * 1000:8.1f} ms  (CPU {m.plan.cpu * 1000:7.1f} ms){doel}")
        print(f"      {m.uitkomst}")
    print(
        f"  10x data vs 1x:      {tien.plan.cpu / een.plan.cpu:.2f}x CPU time, "
        f"{tien.plan.wall / een.plan.wall:.2f}x wall time   (target <= {TARGET_RATIO:.0f}x)"
    )
    print(
        f"  for comparison, a bare hash join (one dict, one look-up per pupil): "
        f"{tien.floor.cpu / een.floor.cpu:.2f}x CPU time on this machine"
    )


if __name__ == "__main__":
    main()
