"""Pure rules of the pupil file: is a raw score well-formed and within the test's maximum,
do two dagdelen overlap, does a date fall within the pupil's enrolment, do the dates of an
uitstroom or an arrangement fit, is a verzorger named. Each returns the Dutch message for the
user, or ``None`` when all is well.
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


def uitstroom_fout(datum: dt.date, *, inschrijvingsdatum: dt.date) -> str | None:
    """A pupil cannot leave the school before enrolling."""
    if datum < inschrijvingsdatum:
        return f"De uitstroomdatum ligt voor de inschrijvingsdatum ({inschrijvingsdatum:%d-%m-%Y})."
    return None


def arrangement_fout(begindatum: dt.date, einddatum: dt.date | None) -> str | None:
    """An arrangement ends on or after the day it begins."""
    if einddatum is not None and einddatum < begindatum:
        return f"De einddatum ligt voor de begindatum ({begindatum:%d-%m-%Y})."
    return None


MAXIMUMSCORE = 999  # a raw score has at most three digits (RUWE_SCORE)


def maximumscore_fout(maximumscore: int) -> str | None:
    """A method test has a maximum of at least one point and at most what a raw score can hold."""
    if not 1 <= maximumscore <= MAXIMUMSCORE:
        return f"De maximumscore ligt tussen 1 en {MAXIMUMSCORE}."
    return None


def verzorger_naam_fout(achternaam: str) -> str | None:
    """A verzorger needs at least an achternaam (the GKV requires it)."""
    if not achternaam.strip():
        return "Vul de achternaam van de verzorger in."
    return None
