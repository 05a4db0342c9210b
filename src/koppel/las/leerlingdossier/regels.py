"""Pure rules of what teachers record: is a raw score well-formed and within the test's maximum,
do two dagdelen overlap, does a date fall within the pupil's enrolment. Each returns the Dutch
message for the user, or ``None`` when all is well.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

RUWE_SCORE = re.compile(r"\d{1,3}([,.]\d{1,2})?")


def ruwe_score_fout(tekst: str, *, maximumscore: int) -> str | None:
    """A raw score is a number of points from 0 to the maximum, at most two decimals (7,5)."""
    if not RUWE_SCORE.fullmatch(tekst):
        return "Vul een score in als getal, bijvoorbeeld 17 of 7,5."
    if Decimal(tekst.replace(",", ".")) > maximumscore:
        return f"De score is hoger dan de maximumscore van deze toets ({maximumscore})."
    return None


def dagdelen_botsen(een: str, ander: str) -> bool:
    """A whole day overlaps every dagdeel; morning and afternoon do not overlap."""
    return "dag" in (een, ander) or een == ander


def datum_fout(
    datum: dt.date,
    *,
    inschrijvingsdatum: dt.date,
    uitschrijvingsdatum: dt.date | None,
    today: dt.date,
) -> str | None:
    """The date must lie in the enrolment and not in the future."""
    if datum > today:
        return "De datum ligt in de toekomst."
    if datum < inschrijvingsdatum:
        return f"De leerling is pas ingeschreven per {inschrijvingsdatum:%d-%m-%Y}."
    if uitschrijvingsdatum is not None and datum >= uitschrijvingsdatum:
        return f"De leerling is uitgeschreven per {uitschrijvingsdatum:%d-%m-%Y}."
    return None
