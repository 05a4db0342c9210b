"""Benchmark of the UWLR codec and the LAS's HaalLeerlinggegevens, as ratios against references
measured in the same run.

1. Decoding a 1,500-pupil answer (about 1 MB): ``koppel.uwlr.decode`` (strict: parse, validate,
   check, build dataclasses) against ``xmlschema``'s validating ``to_dict`` with the official XSD,
   and against the floor, plain lxml parse + XSD validation.
2. The LAS answering HaalLeerlinggegevens for 1,500 pupils over HTTP against building and
   serialising the same document with plain lxml from data already in memory.
3. Peak memory (RSS) for a 15,000-pupil answer: decoding it, and the LAS worker serving it.

Targets: decode >= 20x faster than xmlschema and <= 2.5x the lxml floor; LAS <= 4x plain lxml;
peak memory < 300 MB. Run with ``make bench`` (or ``python bench/uwlr_codec.py``).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

from _school import antwoord  # noqa: E402
from koppel.uwlr import decode, encode  # noqa: E402
from koppel.uwlr import messages as m  # noqa: E402
from koppel.uwlr.schemas import schema  # noqa: E402
from tests.support.official import official_schema_path  # noqa: E402

LG = "{http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens}"
KOPPEL = [sys.executable, "-m", "koppel.cli"]


def median_seconds(fn: Callable[[], object], *, repeat: int) -> float:
    fn()  # warm up caches (schemas, parsers)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def body_of(xml: bytes) -> etree._Element:
    envelope = etree.fromstring(xml)
    return envelope[-1][0]


def bench_decode(xml: bytes) -> dict[str, float]:
    import xmlschema

    official = xmlschema.XMLSchema(str(official_schema_path("leerlinggegevens")))
    own = schema("leerlinggegevens")

    def floor() -> None:
        own.assertValid(body_of(xml))

    def koppel() -> None:
        decode(xml, strict=True)

    def with_xmlschema() -> None:
        official.to_dict(etree.tostring(body_of(xml)))

    t_koppel = median_seconds(koppel, repeat=15)
    t_floor = median_seconds(floor, repeat=15)
    t_xmlschema = median_seconds(with_xmlschema, repeat=3)
    return {"koppel": t_koppel, "floor": t_floor, "xmlschema": t_xmlschema}


# --- the LAS over HTTP ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def koppel_las(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [*KOPPEL, "las", *args], env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


class RunningLas:
    """A seeded LAS served by ``koppel las serve`` in a temporary directory."""

    def __init__(self, leerlingen: int) -> None:
        self.dir = tempfile.TemporaryDirectory(prefix="koppel-bench-")
        self.env = {
            **os.environ,
            "KOPPEL_VAR_DIR": self.dir.name,
            "KOPPEL_DEBUG": "1",
            "KOPPEL_LAS_SECRET_KEY": "bench-secret",
            "PYTHONPATH": str(ROOT / "src"),
        }
        self.env.pop("DATABASE_URL", None)
        koppel_las(self.env, "migrate", "--verbosity", "0")
        koppel_las(
            self.env, "seed", "--brin", "99XX", "--leerlingen", str(leerlingen), "--seed", "1"
        )
        koppel_las(self.env, "partner", "add", "--naam", "Bench", "--klantcode", "BENCH")
        out = koppel_las(
            self.env,
            "koppeling",
            "activeer",
            "--brin",
            "99XX",
            "--klantcode",
            "BENCH",
            "--profiel",
            "lvs-set",
        )
        self.key = out.strip().splitlines()[-1]
        self.port = free_port()
        self.process = subprocess.Popen(
            [*KOPPEL, "las", "serve", "--port", str(self.port), "--workers", "1"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}/uwlr/leerlinggegevens"
        self._wait()

    def _wait(self) -> None:
        for _ in range(200):
            try:
                httpx.get(self.url + "?wsdl", timeout=1.0)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the LAS did not start")

    def request(self) -> bytes:
        verzoek = m.LeerlinggegevensVerzoek(schooljaar="2026-2027", brincode="99XX")
        return encode(
            verzoek,
            autorisatie=m.Autorisatie(
                autorisatiesleutel=self.key, klantcode="BENCH", klantnaam="Bench"
            ),
        )

    def worker_peak_rss_mb(self) -> float:
        """VmHWM of the gunicorn worker (the child of the master process)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() or [str(self.process.pid)]
        peak = 0
        for pid in pids:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        return peak / 1024

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.dir.cleanup()


def plain_lxml_builder(answer_xml: bytes) -> Callable[[], bytes]:
    """The reference: the same document built from plain Python data with lxml."""
    body = body_of(answer_xml)

    def flatten(el: etree._Element) -> tuple[str, dict[str, str], str | None, list[object]]:
        return (
            el.tag,
            dict(el.attrib),
            el.text if len(el) == 0 else None,
            [flatten(c) for c in el],
        )

    data = flatten(body)
    soap = "{http://schemas.xmlsoap.org/soap/envelope/}"

    def build() -> bytes:
        envelope = etree.Element(soap + "Envelope")
        parent = etree.SubElement(etree.SubElement(envelope, soap + "Body"), data[0])
        stack: list[tuple[etree._Element, list[object]]] = [(parent, data[3])]
        while stack:
            node, children = stack.pop()
            for tag, attrib, text, grandchildren in children:  # type: ignore[misc]
                child = etree.SubElement(node, tag, attrib)
                child.text = text
                if grandchildren:
                    stack.append((child, grandchildren))
        return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")

    return build


def bench_las(leerlingen: int) -> dict[str, float]:
    las = RunningLas(leerlingen)
    try:
        request = las.request()
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": "HaalLeerlinggegevens"}
        with httpx.Client(timeout=60.0) as http:

            def call() -> bytes:
                response = http.post(las.url, content=request, headers=headers)
                assert response.status_code == 200, response.text[:500]
                return response.content

            answer = call()
            t_las = median_seconds(call, repeat=15)
        t_lxml = median_seconds(plain_lxml_builder(answer), repeat=15)
        pupils = answer.count(b"<lg:leerling ") + answer.count(b"<leerling ")
        return {"las": t_las, "lxml": t_lxml, "bytes": len(answer), "pupils": pupils}
    finally:
        las.close()


# --- memory -----------------------------------------------------------------------------------------


def decode_peak_rss_mb(xml_path: Path) -> float:
    code = (
        "import resource, sys; from koppel.uwlr import decode;"
        f"b = decode(open({str(xml_path)!r}, 'rb').read());"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip()) / 1024


def las_peak_rss_mb(leerlingen: int) -> float:
    las = RunningLas(leerlingen)
    try:
        response = httpx.post(
            las.url,
            content=las.request(),
            timeout=120.0,
            headers={
                "Content-Type": "text/xml; charset=utf-8",
                "SOAPAction": "HaalLeerlinggegevens",
            },
        )
        assert response.status_code == 200
        return las.worker_peak_rss_mb()
    finally:
        las.close()


def main() -> None:
    xml = encode(antwoord(1500))
    print(f"UWLR codec, 1,500 pupils ({len(xml) / 1e6:.2f} MB)")
    d = bench_decode(xml)
    print(f"  koppel decode (strict)       {d['koppel'] * 1000:8.1f} ms")
    print(f"  lxml parse + XSD validation  {d['floor'] * 1000:8.1f} ms   (floor)")
    print(f"  xmlschema to_dict            {d['xmlschema'] * 1000:8.1f} ms")
    print(f"  koppel vs xmlschema: {d['xmlschema'] / d['koppel']:.1f}x faster   (target >= 20x)")
    print(f"  koppel vs floor:     {d['koppel'] / d['floor']:.2f}x          (target <= 2.5x)")

    s = bench_las(1500)
    print(
        f"LAS HaalLeerlinggegevens over HTTP, {s['pupils']:.0f} pupils ({s['bytes'] / 1e6:.2f} MB)"
    )
    print(f"  LAS request/answer           {s['las'] * 1000:8.1f} ms")
    print(f"  plain lxml build+serialise   {s['lxml'] * 1000:8.1f} ms   (reference)")
    print(f"  LAS vs plain lxml:   {s['las'] / s['lxml']:.2f}x          (target <= 4x)")

    big = encode(antwoord(15000))
    with tempfile.NamedTemporaryFile(suffix=".xml") as f:
        f.write(big)
        f.flush()
        peak_decode = decode_peak_rss_mb(Path(f.name))
    peak_las = las_peak_rss_mb(15000)
    print(f"Peak memory, 15,000 pupils ({len(big) / 1e6:.1f} MB answer)")
    print(f"  decode (whole process)       {peak_decode:8.1f} MB   (target < 300 MB)")
    print(f"  LAS worker serving it        {peak_las:8.1f} MB   (target < 300 MB)")


if __name__ == "__main__":
    main()
