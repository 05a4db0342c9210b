"""Writes of a pupil's loopbaan that the school's administration records by hand: the uitstroom
(where the pupil went, with the schooladvies) and LGF/arrangements of passend onderwijs.

Each service runs in one transaction, checks the pure rules of :mod:`~.regels` (raising
:class:`~koppel.las.errors.InvalidState` with the Dutch message) and bumps the pupil's
``mutatiedatum`` so that UWLR and GKV see the change. Each writes its entry in the logboek in
the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Unpack

from django.db import transaction

from koppel.las.errors import InvalidState, NotFound
from koppel.las.leerlingdossier import regels
from koppel.las.leerlingdossier.models import Arrangement, Uitstroom
from koppel.las.leerlingdossier.services import touch_leerling
from koppel.las.logboek import models as logboek
from koppel.las.logboek.services import Wie, record_wijziging
from koppel.las.school.models import Leerling


@dataclass(frozen=True, slots=True, kw_only=True)
class UitstroomVelden:
    """``bestemming`` and ``schooladvies`` are codes of ``codes.BESTEMMINGEN``/``SCHOOLADVIEZEN``."""

    datum: dt.date
    bestemming: str
    schooladvies: str = ""
    school_van_bestemming: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ArrangementVelden:
    soort: str  # code of codes.ARRANGEMENTSOORTEN
    begindatum: dt.date
    einddatum: dt.date | None = None
    omschrijving: str = ""


def _raise(fout: str | None) -> None:
    if fout:
        raise InvalidState(fout)


@transaction.atomic
def record_uitstroom(leerling: Leerling, velden: UitstroomVelden, **wie: Unpack[Wie]) -> Uitstroom:
    """Record the pupil's uitstroom, replacing the one recorded before."""
    _raise(regels.uitstroom_fout(velden.datum, inschrijvingsdatum=leerling.inschrijvingsdatum))
    uitstroom, _ = Uitstroom.objects.update_or_create(leerling=leerling, defaults=asdict(velden))
    touch_leerling(leerling.pk)
    omschrijving = f"Uitstroom per {velden.datum:%d-%m-%Y}: {uitstroom.get_bestemming_display()}"
    record_wijziging(logboek.UITSTROOM, omschrijving, leerling=leerling, **wie)
    return uitstroom


@transaction.atomic
def clear_uitstroom(leerling: Leerling, **wie: Unpack[Wie]) -> None:
    """Remove the pupil's uitstroom (recorded by mistake, or the pupil stays after all)."""
    deleted, _ = Uitstroom.objects.filter(leerling=leerling).delete()
    if not deleted:
        raise NotFound(f"Voor {leerling} is geen uitstroom vastgelegd.")
    touch_leerling(leerling.pk)
    record_wijziging(logboek.UITSTROOM_GEWIST, "Uitstroom gewist", leerling=leerling, **wie)


@transaction.atomic
def add_arrangement(
    leerling: Leerling, velden: ArrangementVelden, **wie: Unpack[Wie]
) -> Arrangement:
    _raise(regels.arrangement_fout(velden.begindatum, velden.einddatum))
    arrangement = Arrangement.objects.create(leerling=leerling, **asdict(velden))
    touch_leerling(leerling.pk)
    record_wijziging(logboek.ARRANGEMENT_TOEGEVOEGD, str(arrangement), leerling=leerling, **wie)
    return arrangement


@transaction.atomic
def end_arrangement(
    arrangement: Arrangement, *, einddatum: dt.date, **wie: Unpack[Wie]
) -> Arrangement:
    """Set (or correct) the arrangement's last day."""
    _raise(regels.arrangement_fout(arrangement.begindatum, einddatum))
    arrangement.einddatum = einddatum
    arrangement.save(update_fields=["einddatum"])
    touch_leerling(arrangement.leerling_id)
    omschrijving = f"{arrangement} loopt tot en met {einddatum:%d-%m-%Y}"
    record_wijziging(
        logboek.ARRANGEMENT_BEEINDIGD, omschrijving, leerling=arrangement.leerling, **wie
    )
    return arrangement


@transaction.atomic
def delete_arrangement(arrangement: Arrangement, **wie: Unpack[Wie]) -> None:
    leerling_id = arrangement.leerling_id
    omschrijving = f"{arrangement} verwijderd"
    record_wijziging(
        logboek.ARRANGEMENT_VERWIJDERD, omschrijving, leerling=arrangement.leerling, **wie
    )
    arrangement.delete()
    touch_leerling(leerling_id)
