"""Beheer → Leerkrachten: the school's teachers, each with the state of their account, and the
rules for sending an invitation again.

A teacher's status is a pure function over plain values (:func:`status`): no longer in the LAS
(``actief`` off) comes first, then an account in use (a password set, or a log-in), no e-mail
address, not invited, invited and still valid, or expired. An invitation expires with the token
its link carries (``settings.PASSWORD_RESET_TIMEOUT``, see :mod:`koppel.ea.importeren.emails`).
:func:`weigering` says why an invitation may not be sent again, at most once per ``WACHTTIJD``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from koppel.ea.klanten.models import Groep, Klant, Leerkracht
from koppel.ea.klanten.selectors import lijstnaam

#: how long a teacher waits between two invitations
WACHTTIJD = dt.timedelta(minutes=5)

ACTIEF = "Account actief"
VERLOPEN = "Uitnodiging verlopen"
GEEN_EMAIL = "Geen e-mailadres"
NIET_IN_LAS = "Niet meer in het LAS"
NIET_UITGENODIGD = "Nog niet uitgenodigd"


@dataclass(frozen=True, slots=True, kw_only=True)
class Stand:
    """What the status of a teacher depends on."""

    actief: bool
    heeft_account: bool  # an account in use: a password set or a log-in
    emailadres: str
    uitgenodigd_op: dt.datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerkrachtRij:
    """One row of the list, ready to show."""

    pk: int
    naam: str
    emailadres: str
    groepen: tuple[str, ...]
    status: str
    kan_uitnodigen: bool


def geldigheid() -> dt.timedelta:
    """How long an invitation link works: the lifetime of its token."""
    return dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def status(stand: Stand, *, now: dt.datetime, geldig: dt.timedelta) -> str:
    """The status shown for a teacher (see the module docstring)."""
    if not stand.actief:
        return NIET_IN_LAS
    if stand.heeft_account:
        return ACTIEF
    if not stand.emailadres.strip():
        return GEEN_EMAIL
    if stand.uitgenodigd_op is None:
        return NIET_UITGENODIGD
    if now - stand.uitgenodigd_op > geldig:
        return VERLOPEN
    return f"Uitgenodigd op {timezone.localtime(stand.uitgenodigd_op):%d-%m-%Y}"


def weigering(stand: Stand, *, naam: str, now: dt.datetime) -> str:
    """Why no invitation may be sent to this teacher now, in Dutch; empty when it may."""
    if not stand.actief:
        return f"{naam} staat niet meer in het LAS. Een uitnodiging is niet mogelijk."
    if stand.heeft_account:
        return f"{naam} heeft al een account. Een nieuwe uitnodiging is niet nodig."
    if not stand.emailadres.strip():
        return (
            f"{naam} heeft geen e-mailadres. Vul het in bij de import of in de "
            "leerlingadministratie (LAS)."
        )
    if stand.uitgenodigd_op is not None and now - stand.uitgenodigd_op < WACHTTIJD:
        over = math.ceil((WACHTTIJD - (now - stand.uitgenodigd_op)).total_seconds() / 60)
        return (
            f"{naam} is net uitgenodigd. Je kunt over {over} "
            f"{'minuut' if over == 1 else 'minuten'} opnieuw een uitnodiging sturen."
        )
    return ""


def stand(leerkracht: Leerkracht) -> Stand:
    user = leerkracht.user
    in_gebruik = user is not None and (user.has_usable_password() or user.last_login is not None)
    return Stand(
        actief=leerkracht.actief,
        heeft_account=in_gebruik,
        emailadres=leerkracht.emailadres,
        uitgenodigd_op=leerkracht.uitgenodigd_op,
    )


def naam(leerkracht: Leerkracht) -> str:
    """``Vries, Jan de``; the voorletters when there is no roepnaam."""
    return lijstnaam(
        achternaam=leerkracht.achternaam,
        roepnaam=leerkracht.roepnaam or leerkracht.voorletters,
        voorvoegsel=leerkracht.voorvoegsel,
    )


# --- reads --------------------------------------------------------------------------------------


def van_school(klant: Klant, *, zoek: str = "") -> QuerySet[Leerkracht]:
    """The school's teachers (active or not) whose name has every word of ``zoek``."""
    rows = Leerkracht.objects.filter(klant=klant)
    for woord in zoek.split():
        rows = rows.filter(
            Q(roepnaam__icontains=woord)
            | Q(achternaam__icontains=woord)
            | Q(voorvoegsel__icontains=woord)
            | Q(voorletters__icontains=woord)
        )
    groepen = Prefetch("groepen", queryset=Groep.objects.order_by("naam"))
    return (
        rows.select_related("user")
        .prefetch_related(groepen)
        .order_by("achternaam", "roepnaam", "pk")
    )


def rijen(leerkrachten: Iterable[Leerkracht], *, now: dt.datetime) -> list[LeerkrachtRij]:
    """The rows of a page of the list."""
    geldig = geldigheid()
    return [rij(lk, now=now, geldig=geldig) for lk in leerkrachten]


def rij(leerkracht: Leerkracht, *, now: dt.datetime, geldig: dt.timedelta) -> LeerkrachtRij:
    huidig = stand(leerkracht)
    uitnodigbaar = huidig.actief and not huidig.heeft_account and bool(huidig.emailadres.strip())
    return LeerkrachtRij(
        pk=leerkracht.pk,
        naam=naam(leerkracht),
        emailadres=leerkracht.emailadres,
        groepen=tuple(g.naam for g in leerkracht.groepen.all()),
        status=status(huidig, now=now, geldig=geldig),
        kan_uitnodigen=uitnodigbaar,
    )
