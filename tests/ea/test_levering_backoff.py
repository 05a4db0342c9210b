"""When a failed delivery is tried again, and whether it is tried at all (pure decisions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from koppel.ea.koppeling.gateway import KoppelingFout
from koppel.ea.resultaten import backoff
from koppel.ea.resultaten.bericht import LeerlingNietGekoppeld
from koppel.uwlr import faults
from koppel.uwlr import messages as m

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
S = dt.timedelta(seconds=1)


def _vast(waarde: float) -> Callable[[], float]:
    return lambda: waarde


@pytest.mark.parametrize(("pogingen", "grens"), [(1, 30), (2, 60), (3, 120), (5, 480), (8, 3600)])
def test_the_longest_wait_doubles_per_attempt_up_to_an_hour(pogingen: int, grens: int) -> None:
    assert backoff.delay(pogingen, random=_vast(0.999999)) == pytest.approx(grens * S, abs=S / 100)


def test_the_cap_holds_for_any_number_of_attempts() -> None:
    assert backoff.delay(10_000, random=_vast(0.999999)) <= backoff.CAP


def test_the_wait_is_full_jitter_with_at_least_one_second() -> None:
    assert backoff.delay(3, random=_vast(0.5)) == 60 * S
    assert backoff.delay(3, random=_vast(0.0)) == backoff.MINIMUM == S


@given(pogingen=st.integers(min_value=0, max_value=200), toeval=st.floats(0, 0.999999))
def test_the_next_attempt_is_always_later_and_within_the_cap(pogingen: int, toeval: float) -> None:
    volgende = backoff.next_attempt(pogingen, now=NOW, random=_vast(toeval))
    assert NOW + backoff.MINIMUM <= volgende <= NOW + backoff.CAP


def _transport(status: int | None = None, cause: Exception | None = None) -> faults.TransportError:
    error = faults.TransportError("geen antwoord", status=status)
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    "error",
    [
        _transport(cause=httpx.ReadTimeout("te laat")),
        _transport(cause=httpx.ConnectError("geweigerd")),
        _transport(status=500),
        _transport(status=503),
        _transport(),  # garbage instead of SOAP
        faults.InterneFout(),
        faults.TijdelijkNietBeschikbaar(),
        faults.fault_from_message(m.Fault(faultcode="Server.Onderhoud", faultstring="x")),
        KoppelingFout("Dit type koppeling is op deze installatie nog niet ingericht."),
    ],
    ids=lambda e: type(e).__name__,
)
def test_a_failure_that_may_pass_is_retried(error: Exception) -> None:
    assert backoff.classify(error) == backoff.RETRY


@pytest.mark.parametrize(
    "error",
    [
        faults.LeerlingOngeldig(),
        faults.ScoreOngeldig(),
        faults.AutorisatieOngeldig(),
        faults.OngeldigBericht(),
        faults.fault_from_message(m.Fault(faultcode="Client.Anders", faultstring="x")),
        _transport(status=404),  # a wrong address stays wrong
        LeerlingNietGekoppeld(),
        ValueError("niet uit te drukken"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_a_refusal_parks_the_entry(error: Exception) -> None:
    assert backoff.classify(error) == backoff.PARK


@pytest.mark.parametrize(
    ("error", "splitsen"),
    [
        (faults.LeerlingOngeldig(), True),
        (faults.ScoreOngeldig(), True),
        (faults.OngeldigBericht(), True),
        (faults.AutorisatieOngeldig(), False),
        (faults.OngeldigeKlantIdentificatie(), False),
        (faults.XsdVersieOngeldig(), False),
        (_transport(status=404), False),
    ],
    ids=lambda e: type(e).__name__ if isinstance(e, Exception) else str(e),
)
def test_only_a_refusal_about_results_is_worth_splitting_the_batch(
    error: Exception, splitsen: bool
) -> None:
    assert backoff.worth_splitting(error) is splitsen
