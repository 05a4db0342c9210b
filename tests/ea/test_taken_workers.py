"""``koppel ea worker`` for real: the embedded worker and the Celery engine (two workers, beat and
a real ``redis-server``) deliver finalised results from an EA database to a real LAS.

One LAS with two schools and one EA with both as klant (approved couplings, pupils linked to the
LAS) serve the whole module; each test adds results of its own with the delivery factories
(``tests/ea/levering_factories.py``) inside the EA process. Progress is read straight from the
two databases (SQLite files, or PostgreSQL when ``DATABASE_URL`` points there).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from tests.support.django_process import DjangoProcess, free_port, tail
from tests.support.ea_process import EaProcess
from tests.support.las_process import LasProcess

pytestmark = [pytest.mark.slow, pytest.mark.interop]

ROOT = Path(__file__).resolve().parents[2]
BRINS = ("99XX", "88YY")
KLANTCODE = "BOOM-UWLR"
REDIS_SERVER = Path("/usr/bin/redis-server")
DEADLINE = 45.0
STOP_TIMEOUT = 15.0


@dataclass
class Omgeving:
    las: LasProcess
    ea: EaProcess


# --- the two systems, seeded once -------------------------------------------------------------------


def _seed_las(las: LasProcess) -> dict[str, dict[str, str]]:
    """Two schools with the test centre's coupling active; per BRIN its schooljaar and key."""
    code = f"""
import io, json, re
from django.core.management import call_command
def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()
scholen = {{}}
call_command("partner", "add", "--naam", "Boom testcentrum UWLR", "--klantcode", {KLANTCODE!r})
for n, brin in enumerate({list(BRINS)!r}, start=1):
    jaar = re.search(r"\\((\\d{{4}}-\\d{{4}})\\)", run("seed", "--brin", brin, "--leerlingen", "80",
                                                     "--seed", str(n))).group(1)
    sleutel = run("koppeling", "activeer", "--brin", brin, "--klantcode", {KLANTCODE!r})
    scholen[brin] = {{"schooljaar": jaar, "sleutel": sleutel.splitlines()[-1]}}
print(json.dumps(scholen))
"""
    return dict(json.loads(las.python(code).splitlines()[-1]))


def _seed_ea(ea: EaProcess, las: LasProcess, scholen: dict[str, dict[str, str]]) -> None:
    """Both schools as klant with an approved coupling and every LAS pupil linked."""
    leerlingen = {brin: _las_leerlingen(las, brin) for brin in BRINS}
    code = """
import json, os
from koppel.ea.klanten.models import Klant
from tests.ea import levering_factories as f
scholen, leerlingen = json.loads(os.environ["SCHOLEN"]), json.loads(os.environ["LEERLINGEN"])
for brin, school in scholen.items():
    klant = Klant.objects.create(naam=f"School {brin}", brincode=brin)
    f.koppel(klant, school["sleutel"], schooljaar=school["schooljaar"])
    f.maak_leerlingen(klant, [tuple(row) for row in leerlingen[brin]])
"""
    env = {"SCHOLEN": json.dumps(scholen), "LEERLINGEN": json.dumps(leerlingen)}
    ea.python(code, env={**env, "PYTHONPATH": str(ROOT)})


def _las_leerlingen(las: LasProcess, brin: str) -> list[list[str | None]]:
    rows = _query(
        las,
        "SELECT l.key, l.eckid FROM school_leerling l JOIN school_school s ON l.school_id = s.id"
        f" WHERE s.brincode = '{brin}' ORDER BY l.key",
    )
    return [[key, eckid or None] for key, eckid in rows]


@pytest.fixture(scope="module")
def omgeving() -> Iterator[Omgeving]:
    with LasProcess(workers=2) as las, EaProcess(las=las, workers=1) as ea:
        _seed_ea(ea, las, _seed_las(las))
        yield Omgeving(las=las, ea=ea)


def maak_resultaten(ea: EaProcess, toetscode: str, *, leerlingen: int) -> int:
    """Finalised results of a new test for the first ``leerlingen`` pupils of every klant (two
    onderdelen each), in the outbox; returns how many."""
    code = f"""
from koppel.ea.klanten.models import Klant
from tests.ea import levering_factories as f
toets = f.maak_toets({toetscode!r})
aantal = 0
for klant in Klant.objects.order_by("pk"):
    leerlingen = list(klant.leerlingen.order_by("pk")[:{leerlingen}])
    aantal += len(f.maak_resultaten(klant, leerlingen, [toets]))
print(aantal)
"""
    return int(ea.python(code, env={"PYTHONPATH": str(ROOT)}).splitlines()[-1])


# --- reading progress straight from the databases ----------------------------------------------------


def _query(system: DjangoProcess, sql: str) -> list[tuple[object, ...]]:
    url = system.env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"), timeout=20)) as connection:
            return connection.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url) as connection:
        return list(connection.execute(sql.encode()).fetchall())


def outbox(ea: EaProcess) -> Counter[str]:
    """The EA's outbox entries per status."""
    rows = _query(ea, "SELECT status, COUNT(*) FROM ea_resultaten_uitgaand GROUP BY status")
    return Counter({str(status): int(str(n)) for status, n in rows})


def las_keys(las: LasProcess) -> Counter[str]:
    """How many rows the LAS holds per resultaat key."""
    rows = _query(las, "SELECT key, COUNT(*) FROM resultaten_resultaat GROUP BY key")
    return Counter({str(key): int(str(n)) for key, n in rows})


def wacht_tot(klaar: Callable[[], bool], wat: str, *logs: Path) -> None:
    deadline = time.monotonic() + DEADLINE
    while not klaar():
        if time.monotonic() > deadline:
            details = "\n".join(f"--- {log.name}\n{tail(log)}" for log in logs)
            pytest.fail(f"niet binnen {DEADLINE:.0f} s: {wat}\n{details}")
        time.sleep(0.2)


def alles_verzonden(omgeving: Omgeving, totaal: int) -> Callable[[], bool]:
    return lambda: outbox(omgeving.ea) == Counter(verzonden=totaal)


# --- worker processes ------------------------------------------------------------------------------


class Worker:
    """``koppel ea worker ARGS`` against the EA's database, its output in a log file."""

    def __init__(self, ea: EaProcess, naam: str, *args: str, env: dict[str, str]) -> None:
        self.log = ea.dir / f"{naam}.log"
        self.signalled = False
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).with_name("koppel")), "ea", "worker", *args],
                env={**ea.env, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def terminate(self) -> None:
        """One SIGTERM: stop after the current job (a second one would stop at once)."""
        if self.process.poll() is None and not self.signalled:
            self.process.send_signal(signal.SIGTERM)
            self.signalled = True

    def stop(self) -> int:
        """SIGTERM and wait; the group is killed when it does not stop in time."""
        self.terminate()
        try:
            return self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)
            raise


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    started: list[Worker] = []
    yield started
    for worker in started:
        worker.terminate()
    for worker in started:
        if worker.process.poll() is None:
            with suppress(subprocess.TimeoutExpired):
                worker.stop()


SNEL = {"KOPPEL_EA_RELAY_INTERVAL": "0.5"}


# --- the embedded worker -----------------------------------------------------------------------------


def test_the_embedded_worker_delivers_every_result_once_and_stops_cleanly_on_sigterm(
    omgeving: Omgeving, workers: list[Worker]
) -> None:
    ea, las = omgeving.ea, omgeving.las
    totaal = maak_resultaten(ea, "KOPPEL-TAKEN-EMB-1", leerlingen=25)
    worker = Worker(ea, "embedded", env=SNEL)
    workers.append(worker)
    wacht_tot(alles_verzonden(omgeving, totaal), f"{totaal} resultaten verzonden", worker.log)

    totaal += maak_resultaten(ea, "KOPPEL-TAKEN-EMB-2", leerlingen=10)  # while it runs
    wacht_tot(alles_verzonden(omgeving, totaal), f"{totaal} resultaten verzonden", worker.log)

    assert worker.stop() == 0, worker.output()
    keys = las_keys(las)
    assert len(keys) == totaal and set(keys.values()) == {1}
    output = worker.output()
    assert "gestart: relay elke 0.5 s, sync elke 60 s, koppelingsmail elke 3600 s." in output
    assert "job relay: verzonden=" in output
    assert "job koppelingsmail" not in output  # a run with nothing to do logs at DEBUG only
    assert output.rstrip().endswith("gestopt.")


# --- the Celery engine -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway ``redis-server`` on a free loopback port, without persistence."""
    if not REDIS_SERVER.exists():
        pytest.fail(f"redis-server ontbreekt ({REDIS_SERVER}); `make redis` installeert het.")
    port, map_ = free_port(), tmp_path_factory.mktemp("redis")
    command = [str(REDIS_SERVER), "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(map_)]
    with open(map_ / "redis.log", "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        wacht_tot(lambda: _ping(client), "redis-server antwoordt", map_ / "redis.log")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=STOP_TIMEOUT)


def _ping(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


def test_two_celery_workers_deliver_every_result_exactly_once_even_when_redis_loses_the_queue(
    omgeving: Omgeving, workers: list[Worker], redis_url: str
) -> None:
    ea, las = omgeving.ea, omgeving.las
    vooraf = sum(outbox(ea).values())
    totaal = vooraf + maak_resultaten(ea, "KOPPEL-TAKEN-CELERY", leerlingen=75)
    env = {**SNEL, "KOPPEL_EA_CELERY_BROKER": redis_url, "KOPPEL_EA_RELAY_BATCHGROOTTE": "10"}
    for naam in ("worker-1", "worker-2"):
        workers.append(Worker(ea, naam, "--engine", "celery", "--concurrency", "1", env=env))
    workers.append(Worker(ea, "beat", "--engine", "celery-beat", env=env))
    logs = [w.log for w in workers]

    # Redis loses everything queued and unacknowledged, twice, while the results go out
    client = redis.Redis.from_url(redis_url)
    verzonden_bij_flush = []
    for drempel in (vooraf + 1, (vooraf + totaal) // 2):
        wacht_tot(lambda d=drempel: outbox(ea)["verzonden"] >= d, f"{drempel} verzonden", *logs)
        client.flushall()
        verzonden_bij_flush.append(outbox(ea)["verzonden"])
    client.close()
    wacht_tot(alles_verzonden(omgeving, totaal), f"{totaal} resultaten verzonden", *logs)

    assert all(n < totaal for n in verzonden_bij_flush), verzonden_bij_flush
    keys = las_keys(las)
    assert len(keys) == totaal and set(keys.values()) == {1}
    for worker in workers:
        worker.terminate()  # all at once: each finishes its task, then exits
    assert [w.stop() for w in workers] == [0, 0, 0]
    for worker in workers[:2]:  # both workers delivered, one batch per task
        assert "job lever_klant[" in worker.output(), worker.output()
    assert "Traceback" not in "".join(w.output() for w in workers)
