"""Writes of "Inloggen met het LAS": linking a confirmed LAS identity to an EA account."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from koppel.ea.errors import InvalidState
from koppel.ea.sso.models import LasIdentiteit

AL_GEKOPPELD = "Dit LAS-account is al aan een ander account gekoppeld."


@transaction.atomic
def koppel_identiteit(
    user: User, *, issuer: str, sub: str, eckid: str, now: dt.datetime
) -> LasIdentiteit:
    """Link the identity to the user (once; the same identity never to a second account)."""
    bestaand = LasIdentiteit.objects.select_for_update().filter(issuer=issuer, sub=sub).first()
    if bestaand is not None and bestaand.user_id != user.pk:
        raise InvalidState(AL_GEKOPPELD)
    if bestaand is not None:
        return bestaand
    return LasIdentiteit.objects.create(
        user=user, issuer=issuer, sub=sub, eckid=eckid, gekoppeld_op=now
    )
