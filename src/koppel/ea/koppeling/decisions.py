"""Pure decisions of the coupling: school years, when a change needs approval again, what the
status says, and whether klantenservice may approve. Plain values in, plain values out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from koppel.ea.koppeling.models import AFGEWEZEN, GOEDGEKEURD, INGEDIEND

#: the school year starts on 1 August
EERSTE_MAAND = 8


def schooljaar_op(datum: dt.date) -> str:
    """The school year a date falls in: ``2026-2027`` from 1 August 2026 to 31 July 2027."""
    begin = datum.year if datum.month >= EERSTE_MAAND else datum.year - 1
    return f"{begin}-{begin + 1}"


def volgend_schooljaar(schooljaar: str) -> str:
    begin = int(schooljaar[:4]) + 1
    return f"{begin}-{begin + 1}"


def schooljaar_keuzes(vandaag: dt.date) -> list[tuple[str, str]]:
    """The "Schooljaar" options: the current year (the default) and the next one."""
    huidig = schooljaar_op(vandaag)
    volgend = volgend_schooljaar(huidig)
    return [
        (huidig, f"Huidig schooljaar ({huidig})"),
        (volgend, f"Volgend schooljaar ({volgend})"),
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class Instellingen:
    """What the beheerder fills in at "Koppelen met LAS", without the key."""

    lastype: str
    brincode: str
    vestigingsnummer: str
    schooljaar: str


def opnieuw_goedkeuren(
    oud: Instellingen | None, nieuw: Instellingen, *, status: str, nieuwe_sleutel: bool
) -> bool:
    """Whether saving puts the coupling back in the klantenservice queue.

    A first coupling, a rejected one saved again, or a change of who or what is called (key, LAS
    type, BRIN, vestiging) needs approval; a new school year alone does not (it changes every
    August, and the key keeps opening the same school).
    """
    if oud is None or status != GOEDGEKEURD:
        return True
    return nieuwe_sleutel or (oud.lastype, oud.brincode, oud.vestigingsnummer) != (
        nieuw.lastype,
        nieuw.brincode,
        nieuw.vestigingsnummer,
    )


def statustekst(status: str, *, behandeld_op: dt.datetime | None, reden: str) -> str:
    """The coupling's status as the beheerder reads it."""
    if status == GOEDGEKEURD and behandeld_op is not None:
        return f"Goedgekeurd op {timezone.localtime(behandeld_op):%d-%m-%Y}"
    if status == AFGEWEZEN:
        return f"Afgewezen: {reden}" if reden else "Afgewezen"
    return "Wacht op goedkeuring door de klantenservice"


def waarom_niet_goedkeuren(status: str, laatste_test: dict[str, Any] | None) -> str | None:
    """Why klantenservice may not approve the coupling now (``None``: it may).

    Approval tells the school the coupling works, so it needs a successful test call of the
    settings as they are now (saving them again clears the last test).
    """
    if status != INGEDIEND:
        return "Deze koppeling is al behandeld."
    if not laatste_test or not laatste_test.get("ok"):
        return "Goedkeuren kan pas na een geslaagde testaanroep."
    return None


def waarom_niet_behandelen(status: str) -> str | None:
    """Why a request (aanvraag or koppeling) cannot be approved or rejected now."""
    return None if status == INGEDIEND else "Deze aanvraag is al behandeld."
