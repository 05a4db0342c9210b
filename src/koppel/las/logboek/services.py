"""Writes of the audit trail: :func:`record_wijziging`, called by every write service of the
school's pupil administration inside its own transaction, so that a change and its entry commit
together or not at all.

:func:`gewijzigde_velden` is the pure part: which fields differ, by their Dutch labels, so an
entry can say *what* changed without the old or new values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict, Unpack

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from koppel.las.logboek.models import SYSTEEM, Wijziging
from koppel.las.school.models import Leerling


class Wie(TypedDict, total=False):
    """Who makes a change, as every write service takes it (``**wie: Unpack[Wie]``): ``door``,
    the display name (``"systeem"`` when left out, for the CLI and scripts), and the user."""

    door: str
    gebruiker: AbstractBaseUser | None


def record_wijziging(
    soort: str,
    omschrijving: str,
    *,
    leerling: Leerling | None = None,
    school_id: int | None = None,
    **wie: Unpack[Wie],
) -> Wijziging:
    """Write one entry, for ``leerling`` (its school) or, without a pupil, for ``school_id``."""
    door, gebruiker = wie.get("door") or SYSTEEM, wie.get("gebruiker")
    if leerling is not None:
        school_id = leerling.school_id
    if school_id is None:
        raise ValueError("A change is recorded for a pupil or a school.")
    return Wijziging.objects.create(
        school_id=school_id,
        leerling=leerling,
        leerling_naam=str(leerling)[:300] if leerling is not None else "",
        leerling_key=leerling.key if leerling is not None else "",
        door=door[:200],
        gebruiker_id=gebruiker.pk if gebruiker is not None else None,
        op=timezone.now(),
        soort=soort,
        omschrijving=omschrijving[:500],
    )


def gewijzigde_velden(
    oud: Mapping[str, object], nieuw: Mapping[str, object], labels: Mapping[str, str]
) -> list[str]:
    """Pure: the labels of the fields whose value differs, in the order of ``labels``; fields
    sharing a label (the parts of an address) are named once."""
    gewijzigd: list[str] = []
    for veld, label in labels.items():
        if oud.get(veld) != nieuw.get(veld) and label not in gewijzigd:
            gewijzigd.append(label)
    return gewijzigd


def opsomming(namen: list[str], *, leeg: str = "geen") -> str:
    """Pure: ``"5a, 5b"``, or ``leeg`` for none."""
    return ", ".join(namen) or leeg
