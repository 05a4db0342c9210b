"""When to try a failed delivery again, and whether to try at all (pure decisions).

A delivery that may succeed later (the LAS timed out, was unreachable, answered HTTP 5xx or
garbage, or sent a ``Server.*`` fault: ``exc.retryable``) waits "exponential backoff with full
jitter": a random time between 0 and ``min(cap, base * 2**(attempts - 1))``, at least one second,
so that many entries refused at once do not all come back at the same moment. A delivery that
cannot succeed as it is (a ``Client.*`` fault, a pupil without a LAS key, a value the standard
cannot express) is parked as Mislukt until someone sends it again. Anything else (the coupling
cannot be called from this installation yet) is retried: fixing the configuration is enough.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final, Literal

from koppel.ea.resultaten.bericht import LeerlingNietGekoppeld
from koppel.uwlr.faults import (
    AutorisatieOngeldig,
    ClientFault,
    OngeldigeKlantIdentificatie,
    UwlrError,
    XsdVersieOngeldig,
)

__all__ = ["BASE", "CAP", "PARK", "RETRY", "classify", "delay", "next_attempt", "worth_splitting"]

BASE: Final = dt.timedelta(seconds=30)
CAP: Final = dt.timedelta(hours=1)
MINIMUM: Final = dt.timedelta(seconds=1)
_MAX_EXPONENT: Final = 32  # 2**32 * 30 s is far beyond any cap

RETRY: Final = "retry"
PARK: Final = "park"
Decision = Literal["retry", "park"]

#: Client faults about the coupling as a whole: no part of the batch would get through
_COUPLING_FAULTS = (AutorisatieOngeldig, OngeldigeKlantIdentificatie, XsdVersieOngeldig)


def delay(
    pogingen: int,
    *,
    random: Callable[[], float],
    base: dt.timedelta = BASE,
    cap: dt.timedelta = CAP,
) -> dt.timedelta:
    """The wait after the ``pogingen``-th failed attempt (1 = the first); ``random()`` in [0, 1)."""
    exponent = min(max(pogingen - 1, 0), _MAX_EXPONENT)
    ceiling = min(cap.total_seconds(), base.total_seconds() * 2**exponent)
    return max(MINIMUM, dt.timedelta(seconds=ceiling * random()))


def next_attempt(pogingen: int, *, now: dt.datetime, random: Callable[[], float]) -> dt.datetime:
    """When an entry that failed for the ``pogingen``-th time is due again."""
    return now + delay(pogingen, random=random)


def classify(error: BaseException) -> Decision:
    """Retry later, or park the entry as Mislukt."""
    if isinstance(error, LeerlingNietGekoppeld | ValueError):
        return PARK
    if isinstance(error, UwlrError):
        return RETRY if error.retryable else PARK
    return RETRY


def worth_splitting(error: BaseException) -> bool:
    """Whether a refused batch may hide good results next to bad ones (then bisect it).

    A refusal of the coupling itself (key, klant, XSD version) refuses every half as well.
    """
    if isinstance(error, _COUPLING_FAULTS):
        return False
    return isinstance(error, ClientFault | ValueError | LeerlingNietGekoppeld)
