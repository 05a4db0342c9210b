"""Writes of the EA's audit trail: :func:`vastleggen`, called by the write services of the
coupling, the import, the teachers, the tests and the delivery inside their own transaction, so
that an action and its entry commit together or not at all."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from koppel.ea.logboek.models import SYSTEEM, Gebeurtenis

__all__ = ["NAMEN_MAX", "aantal", "door_naam", "opsomming", "vastleggen"]

NAMEN_MAX = 5  # names in one entry; more are counted


def door_naam(door: AbstractBaseUser | str | None) -> str:
    """How the log names who acted: the user's full name (else the user name), a fixed name
    such as ``"nachtelijke synchronisatie"``, or ``"systeem"``."""
    if door is None:
        return SYSTEEM
    if isinstance(door, str):
        return door or SYSTEEM
    return str(getattr(door, "get_full_name", lambda: "")() or door.get_username())


def vastleggen(
    klant_id: int,
    soort: str,
    omschrijving: str,
    *,
    door: AbstractBaseUser | str | None,
    now: dt.datetime | None = None,
) -> Gebeurtenis:
    """Write one entry for the school ``klant_id``; ``door`` is the user (or a fixed name)."""
    return Gebeurtenis.objects.create(
        klant_id=klant_id,
        door=door_naam(door)[:200],
        gebruiker_id=door.pk if isinstance(door, AbstractBaseUser) else None,
        op=now or timezone.now(),
        soort=soort,
        omschrijving=omschrijving[:500],
    )


def opsomming(namen: list[str], *, meervoud: str) -> str:
    """Pure: ``"Sanne Jansen"``, or ``"3 leerlingen (Sanne Jansen, Tim de Boer, ...)"`` with at
    most ``NAMEN_MAX`` names, so that an entry stays readable for a whole group."""
    if len(namen) == 1:
        return namen[0]
    meer = ", ..." if len(namen) > NAMEN_MAX else ""
    return f"{len(namen)} {meervoud} ({', '.join(namen[:NAMEN_MAX])}{meer})"


def aantal(n: int, enkel: str, meer: str) -> str:
    """Pure: ``"1 resultaat"``, ``"3 resultaten"``."""
    return f"{n} {enkel if n == 1 else meer}"
