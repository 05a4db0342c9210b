"""Benchmark of delivering finalised results to a LAS (``koppel.ea.resultaten.relay.lever``), with
batching against one message per result, measured in the same run.

A real LAS process (``koppel las serve``, two gunicorn workers, its own SQLite database in a
temporary directory) holds a school of 1,000 pupils that activated the test centre. This process
is the EA: a SQLite database in another temporary directory with the same pupils, five tests of
two onderdelen, and 10,000 finalised results (each pupil took each test) in the outbox. Then:

1. batching: ``relay.lever(batchgrootte=200)`` delivers all 10,000 (50 messages);
2. the reference, one message per result: ``relay.lever(batchgrootte=1)`` on a sample of 500
   further results (10,000 single messages would take minutes); its rate is per second as well.

Both go over HTTP on loopback, through the real client, the LAS's SOAP service and its database.
Afterwards every key must be stored at the LAS exactly once (10,500 rows) and every EA entry
Verzonden. Target: at least 500 results/s with batching. Run with ``make bench`` (or ``python
bench/delivery.py``); the data are the same in every run.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.support.las_process import LasProcess  # noqa: E402

LEERLINGEN = 1_000
TOETSEN = 5  # x 2 onderdelen x 1,000 pupils = 10,000 results
STEEKPROEF = 250  # pupils x 2 onderdelen = 500 results, one message each
BATCH = 200
TARGET = 500.0  # results per second with batching
KLANTCODE, KLANTNAAM = "BOOM-UWLR", "Boom testcentrum UWLR"


def start_las(las: LasProcess) -> tuple[str, str]:
    """Seed the school and the coupling; returns (key, school year)."""
    output = las.run_many(
        ("seed", "--brin", "99XX", "--leerlingen", str(LEERLINGEN), "--seed", "7"),
        ("partner", "add", "--naam", KLANTNAAM, "--klantcode", KLANTCODE),
        ("koppeling", "activeer", "--brin", "99XX", "--klantcode", KLANTCODE),
    )
    schooljaar = re.search(r"\((\d{4}-\d{4})\)", output)
    assert schooljaar is not None, output
    return output.strip().splitlines()[-1], schooljaar.group(1)


def setup_ea(directory: Path, las: LasProcess) -> None:
    """This process becomes the EA, on a fresh SQLite database, coupled to ``las``."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="koppel.ea.settings",
        KOPPEL_VAR_DIR=str(directory),
        DATABASE_URL=f"sqlite:///{directory / 'ea.sqlite3'}",
        KOPPEL_EA_SECRET_KEY=f"bench-{secrets.token_hex(16)}",
        KOPPEL_EA_LAS_KOPPEL_URL=f"{las.base_url}/uwlr/leerlinggegevens",
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    for name in ("httpx", "koppel"):  # one line per request or batch would drown the report
        logging.getLogger(name).setLevel(logging.WARNING)


def seed_ea(las: LasProcess, sleutel: str, schooljaar: str) -> tuple[list[str], list[str]]:
    """The school, its pupils, 10,000 results and a sample of 500; returns both sets of keys."""
    from koppel.ea.klanten.models import Klant
    from tests.ea.levering_factories import (
        koppel,
        las_leerlingen,
        maak_leerlingen,
        maak_resultaten,
        maak_toets,
    )

    klant = Klant.objects.create(naam="Benchschool", brincode="99XX")
    koppel(klant, sleutel, schooljaar=schooljaar)
    leerlingen = maak_leerlingen(klant, las_leerlingen(las, "99XX"))
    toetsen = [maak_toets(f"KOPPEL-BENCH-{n}", naam=f"Benchtoets {n}") for n in range(TOETSEN)]
    batch = maak_resultaten(klant, leerlingen, toetsen)
    steekproef_toets = maak_toets("KOPPEL-BENCH-1OP1", naam="Benchtoets een voor een")
    steekproef = maak_resultaten(klant, leerlingen[:STEEKPROEF], [steekproef_toets])
    zet_verschuldigd(steekproef, dt.datetime(2999, 1, 1, tzinfo=dt.UTC))  # not in the batched run
    return [r.key for r in batch], [r.key for r in steekproef]


def zet_verschuldigd(resultaten: Iterable[Any], op: dt.datetime) -> None:
    """Make the outbox entries of ``resultaten`` due at ``op``."""
    from koppel.ea.resultaten.models import Uitgaand

    Uitgaand.objects.filter(resultaat__in=resultaten).update(volgende_poging_op=op)


def timed(run: Callable[[], object]) -> tuple[object, float, float]:
    """The result, the wall time and this process's CPU time (the EA's share of the work)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def verify(las: LasProcess, keys: list[str]) -> str:
    """Every key stored at the LAS exactly once, every EA entry Verzonden; a line to report."""
    from koppel.ea.resultaten.models import VERZONDEN, Uitgaand
    from tests.ea.levering_factories import las_resultaten

    opgeslagen = las_resultaten(las)
    dubbel = sum(1 for key in keys if opgeslagen[key] != 1)
    niet_verzonden = Uitgaand.objects.exclude(status=VERZONDEN).count()
    if dubbel or len(opgeslagen) != len(keys) or niet_verzonden:
        raise SystemExit(
            f"FAILED: {len(opgeslagen)} rows at the LAS for {len(keys)} keys, {dubbel} keys not "
            f"stored exactly once, {niet_verzonden} EA entries not Verzonden"
        )
    return f"LAS holds {len(opgeslagen):,} results, each key once; every EA entry Verzonden"


def main() -> None:
    with LasProcess(workers=2) as las, tempfile.TemporaryDirectory(prefix="koppel-bench-") as d:
        sleutel, schooljaar = start_las(las)
        setup_ea(Path(d), las)
        batch_keys, steekproef_keys = seed_ea(las, sleutel, schooljaar)
        from koppel.ea.resultaten import relay
        from koppel.ea.resultaten.models import Resultaat

        batched = timed(lambda: relay.lever(worker="bench", batchgrootte=BATCH))
        steekproef = Resultaat.objects.filter(key__in=steekproef_keys)
        zet_verschuldigd(steekproef, dt.datetime.now(dt.UTC))
        single = timed(lambda: relay.lever(worker="bench", batchgrootte=1))
        controle = verify(las, batch_keys + steekproef_keys)
    report(batched, len(batch_keys), single, len(steekproef_keys), controle)


def report(
    batched: tuple[object, float, float],
    n_batch: int,
    single: tuple[object, float, float],
    n_single: int,
    controle: str,
) -> None:
    rate_batch, rate_single = n_batch / batched[1], n_single / single[1]
    print("EA delivery of finalised results to a LAS (relay.lever over HTTP on loopback)")
    for naam, n, (uitkomst, wall, cpu), rate, doel in (
        (
            f"batched, {BATCH} per message",
            n_batch,
            batched,
            rate_batch,
            f"target >= {TARGET:.0f}/s",
        ),
        ("one message per result    ", n_single, single, rate_single, f"a sample of {n_single}"),
    ):
        print(
            f"  {naam}: {n:6,} results in {wall:6.2f} s = {rate:6.0f} results/s  ({doel})\n"
            f"      {uitkomst}; EA CPU {cpu:.2f} s, the rest is the LAS and the wire"
        )
    print(f"  batching vs one message per result: {rate_batch / rate_single:.1f}x the throughput")
    print(f"  {controle}")
    if rate_batch < TARGET:
        print(f"  !! below the target of {TARGET:.0f} results/s")


if __name__ == "__main__":
    main()
