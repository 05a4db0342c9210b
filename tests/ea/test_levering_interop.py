"""Delivering results to a real LAS process over HTTP on loopback, through a fault-injecting
proxy (tests/support/storing_proxy.py): every finalised result is stored at the LAS exactly once,
also when sent twice; the LAS refuses an unknown pupil and an out-of-range score and only those
results park; and with the LAS down, too slow, answering HTTP 500 or garbage, the results wait
and, after recovery, are stored exactly once (the EA's and the LAS's databases compared)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from koppel.ea.klanten.models import Klant, Leerling
from koppel.ea.koppeling import crypto
from koppel.ea.resultaten import meldingen, relay
from koppel.ea.resultaten.models import IN_WACHTRIJ, MISLUKT, VERZONDEN, Resultaat, Uitgaand
from koppel.ea.toetsen.models import Toets
from tests.ea.levering_factories import (
    koppel,
    las_leerlingen,
    las_resultaten,
    maak_leerlingen,
    maak_resultaten,
    maak_toets,
)
from tests.support.las_process import LasProcess
from tests.support.storing_proxy import Modus, StoringProxy

pytestmark = [pytest.mark.django_db, pytest.mark.interop, pytest.mark.slow]

KLANTCODE, KLANTNAAM = "BOOM-UWLR", "Boom testcentrum UWLR"
TIMEOUT = 1.0  # the EA's UWLR timeout in these tests; ``traag`` holds answers longer


@dataclass(frozen=True)
class Las:
    process: LasProcess
    sleutel: str
    schooljaar: str
    leerlingen: list[tuple[str, str | None]]


@pytest.fixture(scope="module")
def las() -> Iterator[Las]:
    """A LAS with school 99XX (40 pupils) that activated Boom testcentrum UWLR; and its key."""
    with LasProcess(workers=1) as process:
        output = process.run_many(
            ("seed", "--brin", "99XX", "--leerlingen", "40", "--seed", "3"),
            ("partner", "add", "--naam", KLANTNAAM, "--klantcode", KLANTCODE),
            ("koppeling", "activeer", "--brin", "99XX", "--klantcode", KLANTCODE),
        )
        schooljaar = re.search(r"\((\d{4}-\d{4})\)", output)
        assert schooljaar is not None, output
        sleutel = output.strip().splitlines()[-1]
        yield Las(process, sleutel, schooljaar.group(1), las_leerlingen(process, "99XX"))


@pytest.fixture(scope="module")
def proxy(las: Las) -> Iterator[StoringProxy]:
    with StoringProxy(las.process.base_url, vertraging=3 * TIMEOUT) as proxy:
        yield proxy


@pytest.fixture
def school(klant: Klant, las: Las, proxy: StoringProxy, settings: Any) -> Klant:
    """The EA's school 99XX, coupled through the proxy, with the LAS's pupils."""
    proxy.zet("doorlaten")
    settings.LAS_ENDPOINTS = {"koppel": f"{proxy.base_url}/uwlr/leerlinggegevens"}
    settings.UWLR_TIMEOUT = TIMEOUT
    koppel(klant, las.sleutel, schooljaar=las.schooljaar)
    maak_leerlingen(klant, las.leerlingen)
    return klant


def _leerlingen(klant: Klant, aantal: int) -> list[Leerling]:
    return list(Leerling.objects.filter(klant=klant).exclude(las_key="").order_by("pk")[:aantal])


def _maak(klant: Klant, leerlingen: int, toetsen: list[Toets] | None = None) -> list[Resultaat]:
    toetsen = toetsen or [maak_toets()]
    return maak_resultaten(klant, _leerlingen(klant, leerlingen), toetsen)


def _keys(resultaten: list[Resultaat]) -> set[str]:
    return {r.key for r in resultaten}


def _stored_once(las: Las, keys: set[str]) -> None:
    """The LAS holds each of ``keys`` exactly once; the EA has each of them Verzonden."""
    opgeslagen = las_resultaten(las.process)
    assert {key: opgeslagen[key] for key in keys} == dict.fromkeys(keys, 1)
    statussen = Uitgaand.objects.filter(resultaat__key__in=keys).values_list("status", flat=True)
    assert set(statussen) == {VERZONDEN}


def test_every_finalised_result_is_stored_at_the_las_exactly_once(school: Klant, las: Las) -> None:
    toetsen = [maak_toets(), maak_toets("KOPPEL-LV-M5", naam="Leesvaardigheid M5",
                                        vakgebied="Technisch lezen", max_score=40)]  # fmt: skip
    resultaten = _maak(school, 20, toetsen)  # 20 pupils x 2 tests x 2 onderdelen
    uitkomst = relay.lever(worker="t", batchgrootte=30)
    assert (uitkomst.verzonden, uitkomst.berichten, uitkomst.mislukt) == (80, 3, 0)
    assert all(u.verzonden_op and u.pogingen == 1 for u in Uitgaand.objects.all())
    # sent again (a worker died before marking): the LAS still holds each result once
    Uitgaand.objects.update(status=IN_WACHTRIJ, volgende_poging_op=timezone.now())
    assert relay.lever(worker="t").verzonden == 80
    _stored_once(las, _keys(resultaten))
    definities = las.process.python(
        "from koppel.las.resultaten.models import Toets\n"
        "print(sorted(Toets.objects.values_list('toetscode', 'vakgebied')))"
    )
    assert "('KOPPEL-LV-M5', 'Technisch lezen')" in definities
    assert "('KOPPEL-RW-M5', 'Rekenen en wiskunde')" in definities


def test_an_unknown_pupil_and_an_out_of_range_score_park_only_their_own_results(
    school: Klant, las: Las
) -> None:
    onbekend = maak_leerlingen(school, [("NIET-IN-HET-LAS", None)])
    toets = maak_toets()
    goed = maak_resultaten(school, _leerlingen(school, 12), [toets])  # 24 results
    fout_leerling = maak_resultaten(school, onbekend, [toets])  # both onderdelen
    fout_score = goed.pop(5)
    Resultaat.objects.filter(pk=fout_score.pk).update(ruwe_score=31)  # the range is 0..30
    uitkomst = relay.lever(worker="t")
    assert (uitkomst.verzonden, uitkomst.mislukt) == (23, 3)
    fouten = dict(
        Uitgaand.objects.filter(status=MISLUKT).values_list("resultaat_id", "laatste_fout")
    )
    assert fouten == {
        fout_score.pk: f"{meldingen.SCORE_ONGELDIG} (Client.ScoreOngeldig)",
        **dict.fromkeys(
            (r.pk for r in fout_leerling),
            f"{meldingen.LEERLING_ONBEKEND} (Client.LeerlingOngeldig)",
        ),
    }
    opgeslagen = las_resultaten(las.process)
    assert not {fout_score.key, *_keys(fout_leerling)} & set(opgeslagen)
    assert {key: opgeslagen[key] for key in _keys(goed)} == dict.fromkeys(_keys(goed), 1)


def test_a_key_the_las_does_not_accept_parks_the_batch_without_splitting_it(
    school: Klant, las: Las
) -> None:
    school.las_koppeling.sleutel_versleuteld = crypto.encrypt("niet-de-goede-sleutel")
    school.las_koppeling.save()
    _maak(school, 5)
    uitkomst = relay.lever(worker="t")
    assert (uitkomst.mislukt, uitkomst.berichten) == (10, 1)
    fouten = set(Uitgaand.objects.values_list("laatste_fout", flat=True))
    assert len(fouten) == 1 and "autorisatiesleutel" in fouten.pop()


@pytest.mark.parametrize("modus", ["down", "traag", "http500", "rommel"])
def test_after_a_failing_las_recovers_every_result_is_stored_exactly_once(
    school: Klant, las: Las, proxy: StoringProxy, modus: Modus
) -> None:
    resultaten = _maak(school, 15)  # 30 results, batches of 10
    now = timezone.now()
    proxy.zet(modus, na=1)  # the first batch goes through, the second fails
    uitkomst = relay.lever(worker="t", now=now, batchgrootte=10)
    assert (uitkomst.verzonden, uitkomst.opnieuw, uitkomst.berichten) == (10, 10, 2)
    teruggezet = Uitgaand.objects.filter(pogingen=1, status=IN_WACHTRIJ)
    assert teruggezet.count() == 10
    assert all(u.volgende_poging_op > now and u.laatste_fout for u in teruggezet)
    assert Uitgaand.objects.filter(pogingen=0).count() == 10  # this school waits for its LAS
    if modus == "traag":  # the LAS stored the batch, the EA never heard it did
        opgeslagen = las_resultaten(las.process)
        assert sum(opgeslagen[key] for key in _keys(resultaten)) == 20
    proxy.zet("doorlaten")
    later = relay.lever(worker="t", now=now + dt.timedelta(hours=2), batchgrootte=10)
    assert (later.verzonden, later.opnieuw) == (20, 0)
    _stored_once(las, _keys(resultaten))
