"""``koppel ea lever`` as real processes against a real EA database (an EaProcess), a real LAS and
the fault-injecting proxy between them: a worker killed with SIGKILL in the middle of a batch
loses nothing and, after its lease ran out, nothing is stored twice; two workers running at the
same time never send the same result (each key crosses the wire once)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ea.levering_factories import las_leerlingen, las_resultaten
from tests.support.ea_process import EaProcess
from tests.support.las_process import LasProcess
from tests.support.storing_proxy import StoringProxy

pytestmark = [pytest.mark.interop, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
KLANTCODE, KLANTNAAM = "BOOM-UWLR", "Boom testcentrum UWLR"
LEASE = 6  # seconds: long enough for the next run to start, short enough to wait out
KEY = re.compile(r"KOPPEL-EA-[0-9a-f]{32}")

OPZET = """
import json, os
from koppel.ea.klanten.models import Klant
from tests.ea.levering_factories import koppel, maak_leerlingen
klant = Klant.objects.create(naam="GKV testschool", brincode="99XX")
koppel(klant, os.environ["LAS_SLEUTEL"], schooljaar=os.environ["SCHOOLJAAR"])
maak_leerlingen(klant, json.loads(os.environ["LAS_LEERLINGEN"]))
"""
RESULTATEN = """
import json, os
from koppel.ea.klanten.models import Klant
from tests.ea.levering_factories import maak_resultaten, maak_toets
klant = Klant.objects.get(brincode="99XX")
toets = maak_toets(os.environ["TOETSCODE"])
print(json.dumps([r.key for r in maak_resultaten(klant, list(klant.leerlingen.all()), [toets])]))
"""
STAAT = """
import json, os
from koppel.ea.resultaten.models import Uitgaand
rows = Uitgaand.objects.filter(resultaat__onderdeel__toets__code=os.environ["TOETSCODE"])
print(json.dumps({
    "verzonden": rows.filter(status="verzonden").count(),
    "geclaimd": rows.filter(status="wachtrij").exclude(geclaimd_tot=None).count(),
    "vrij": rows.filter(status="wachtrij", geclaimd_tot=None).count(),
}))
"""


@dataclass(frozen=True)
class Omgeving:
    las: LasProcess
    proxy: StoringProxy
    ea: EaProcess

    def python(self, code: str, **env: str) -> str:
        return self.ea.python(code, env={"PYTHONPATH": str(ROOT), **env})

    def resultaten(self, toetscode: str) -> set[str]:
        return set(json.loads(self.python(RESULTATEN, TOETSCODE=toetscode)))

    def staat(self, toetscode: str) -> dict[str, int]:
        return dict(json.loads(self.python(STAAT, TOETSCODE=toetscode)))

    def lever(self, *args: str) -> subprocess.Popen[str]:
        """``koppel ea lever ARGS`` in the background (it waits up to 60 s for the LAS)."""
        command = [str(Path(sys.executable).with_name("koppel")), "ea", "lever", *args]
        env = {**self.ea.env, "KOPPEL_EA_UWLR_TIMEOUT": "60"}
        return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def omgeving() -> Iterator[Omgeving]:
    """A LAS with 30 pupils, the proxy before it, and an EA coupled through the proxy."""
    with LasProcess(workers=1) as las, StoringProxy(las.base_url) as proxy:
        output = las.run_many(
            ("seed", "--brin", "99XX", "--leerlingen", "30", "--seed", "5"),
            ("partner", "add", "--naam", KLANTNAAM, "--klantcode", KLANTCODE),
            ("koppeling", "activeer", "--brin", "99XX", "--klantcode", KLANTCODE),
        )
        schooljaar = re.search(r"\((\d{4}-\d{4})\)", output)
        assert schooljaar is not None, output
        endpoint = f"{proxy.base_url}/uwlr/leerlinggegevens"
        with EaProcess(workers=1, env={"KOPPEL_EA_LAS_KOPPEL_URL": endpoint}) as ea:
            omgeving = Omgeving(las, proxy, ea)
            omgeving.python(
                OPZET,
                LAS_SLEUTEL=output.strip().splitlines()[-1],
                SCHOOLJAAR=schooljaar.group(1),
                LAS_LEERLINGEN=json.dumps(las_leerlingen(las, "99XX")),
            )
            yield omgeving


def _stored_once(las: LasProcess, keys: set[str]) -> None:
    opgeslagen = las_resultaten(las)
    assert {key: opgeslagen[key] for key in keys} == dict.fromkeys(keys, 1)


def test_a_worker_killed_mid_batch_loses_nothing_and_stores_nothing_twice(
    omgeving: Omgeving,
) -> None:
    keys = omgeving.resultaten("KOPPEL-KILL")  # 30 pupils x 2 onderdelen
    omgeving.proxy.zet("traag", na=2, vertraging=60)  # two batches pass, the third one hangs
    al_doorgestuurd = omgeving.proxy.doorgestuurd
    werker = omgeving.lever("--tot-leeg", "--batch", "10", "--lease", str(LEASE))
    try:  # the LAS stored the third batch; its answer never reaches the worker
        omgeving.proxy.wacht(doorgestuurd=al_doorgestuurd + 3)
    finally:
        werker.kill()
        werker.communicate()
    gedood = time.monotonic()
    assert werker.returncode == -9
    assert omgeving.staat("KOPPEL-KILL") == {"verzonden": 20, "geclaimd": 10, "vrij": 30}

    omgeving.proxy.zet("doorlaten")
    assert "30 verzonden" in omgeving.ea.run("lever", "--tot-leeg", "--batch", "10")
    # the killed worker's batch stays claimed until its lease ends, though the LAS has it
    assert omgeving.staat("KOPPEL-KILL") == {"verzonden": 50, "geclaimd": 10, "vrij": 0}
    _stored_once(omgeving.las, keys)

    time.sleep(max(0.0, gedood + LEASE + 0.5 - time.monotonic()))
    assert "10 verzonden" in omgeving.ea.run("lever", "--tot-leeg", "--batch", "10")
    assert omgeving.staat("KOPPEL-KILL") == {"verzonden": 60, "geclaimd": 0, "vrij": 0}
    _stored_once(omgeving.las, keys)


def test_two_workers_at_the_same_time_never_send_the_same_result_twice(
    omgeving: Omgeving,
) -> None:
    keys = omgeving.resultaten("KOPPEL-TWEE")
    omgeving.proxy.zet("traag", vertraging=0.05)  # a LAS that takes its time: the runs overlap
    al_verstuurd = len(omgeving.proxy.bodies)
    werkers = [omgeving.lever("--tot-leeg", "--batch", "2") for _ in range(2)]
    uitvoer = [werker.communicate(timeout=120)[0] for werker in werkers]
    omgeving.proxy.zet("doorlaten")
    assert [werker.returncode for werker in werkers] == [0, 0]
    verstuurd = Counter(
        key for body in omgeving.proxy.bodies[al_verstuurd:] for key in KEY.findall(body.decode())
    )
    assert verstuurd == dict.fromkeys(keys, 1)
    per_werker = [int(re.findall(r"(\d+) verzonden", tekst)[0]) for tekst in uitvoer]
    assert sum(per_werker) == 60 and min(per_werker) > 0, per_werker
    assert omgeving.staat("KOPPEL-TWEE") == {"verzonden": 60, "geclaimd": 0, "vrij": 0}
