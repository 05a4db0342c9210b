"""Fixtures of the demo's test: ``scripts/demo`` itself as a process, and Chromium.

The demo runs exactly as ``make demo`` starts it (seeding, LAS, EA and the EA's worker), with its
data in a temporary directory and on free ports. The test reads the log-ins from the banner the
demo prints, as a newcomer reads them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.browser import NewContext
from tests.support.django_process import free_port

ROOT = Path(__file__).resolve().parents[2]
KLAAR = "Stoppen met Ctrl-C"
START_TIMEOUT_S = 300

__all__ = ["Demo", "NewContext"]


@dataclass
class Demo:
    las_url: str
    ea_url: str
    directory: Path
    regels: list[str] = field(default_factory=list)

    @property
    def uitvoer(self) -> str:
        return "\n".join(self.regels)


def _lees(proces: subprocess.Popen[str], demo: Demo) -> None:
    assert proces.stdout is not None
    for regel in proces.stdout:
        demo.regels.append(regel.rstrip("\n"))


def _wacht_op_banner(proces: subprocess.Popen[str], demo: Demo) -> None:
    einde = time.monotonic() + START_TIMEOUT_S
    while KLAAR not in demo.uitvoer:
        if proces.poll() is not None or time.monotonic() > einde:
            staart = "\n".join(demo.regels[-40:])
            pytest.fail(f"scripts/demo kwam niet op (exit {proces.poll()}):\n{staart}")
        time.sleep(0.5)


def _stop(proces: subprocess.Popen[str]) -> None:
    if proces.poll() is None:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()


@pytest.fixture(scope="session")
def demo() -> Iterator[Demo]:
    with tempfile.TemporaryDirectory(prefix="koppel-demo-") as tmp:
        las_port, ea_port = free_port(), free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("KOPPEL_")}
        env |= {
            "KOPPEL_DEMO_DIR": str(Path(tmp) / "demo"),
            "KOPPEL_DEMO_PORT": str(las_port),
            "KOPPEL_DEMO_EA_PORT": str(ea_port),
        }
        demo = Demo(f"http://127.0.0.1:{las_port}", f"http://127.0.0.1:{ea_port}", Path(tmp))
        proces = subprocess.Popen(
            [str(ROOT / "scripts" / "demo")], cwd=ROOT, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        lezer = threading.Thread(target=_lees, args=(proces, demo), daemon=True)
        lezer.start()
        try:
            _wacht_op_banner(proces, demo)
            yield demo
        finally:
            _stop(proces)
            lezer.join(timeout=10)
            if proces.stdout is not None:
                proces.stdout.close()
