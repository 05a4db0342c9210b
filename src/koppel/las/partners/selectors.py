"""Reads of partner onboarding: applications by status, the rate limit count, the addresses of
LAS-beheer, and what a logged-in partner sees of itself (rights and couplings)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from koppel.las.accounts.models import LAS_BEHEER
from koppel.las.koppelingen.models import Koppeling, Koppelpartner, Recht
from koppel.las.partners.models import Aanvraag, Partneraccount

ALLE = "alle"


def aanvragen(status: str) -> QuerySet[Aanvraag]:
    """Applications with ``status`` (every application for :data:`ALLE`), newest first."""
    rows = Aanvraag.objects.select_related("partner", "behandeld_door").order_by(
        "-ingediend_op", "-pk"
    )
    return rows if status == ALLE else rows.filter(status=status)


def aanvraag(pk: int) -> Aanvraag | None:
    return Aanvraag.objects.select_related("partner", "behandeld_door").filter(pk=pk).first()


def aantal_aanvragen_sinds(emailadres: str, since: dt.datetime) -> int:
    """How many applications an e-mail address submitted from ``since`` on (any letter case)."""
    return Aanvraag.objects.filter(emailadres__iexact=emailadres, ingediend_op__gte=since).count()


def las_beheer_emailadressen() -> list[str]:
    """The e-mail addresses of the active LAS-beheer members that have one."""
    rows = User.objects.filter(groups__name=LAS_BEHEER, is_active=True).exclude(email="")
    return sorted(set(rows.values_list("email", flat=True)))


def klantnaam_bestaat(klantnaam: str) -> bool:
    return Koppelpartner.objects.filter(naam__iexact=klantnaam).exists()


def klantcode_bestaat(klantcode: str) -> bool:
    return Koppelpartner.objects.filter(klantcode__iexact=klantcode).exists()


def gebruiker_bestaat(gebruikersnaam: str) -> bool:
    return User.objects.filter(username__iexact=gebruikersnaam).exists()


def partner_user(aanvraag: Aanvraag) -> User | None:
    """The log-in created when the application was approved."""
    if aanvraag.partner_id is None:
        return None
    return User.objects.filter(
        username=aanvraag.emailadres, partneraccount__partner_id=aanvraag.partner_id
    ).first()


def partner_of(user: AbstractBaseUser | AnonymousUser) -> Koppelpartner | None:
    """The partner a user acts for, ``None`` for anyone without a Partneraccount."""
    if not user.is_authenticated:
        return None
    account = Partneraccount.objects.select_related("partner").filter(user_id=user.pk).first()
    return account.partner if account else None


def rechten(partner: Koppelpartner) -> QuerySet[Recht]:
    return Recht.objects.filter(partner=partner).order_by("soort", "begindatum")


def koppelingen(partner: Koppelpartner) -> QuerySet[Koppeling]:
    """The partner's couplings with their schools, newest suggestion first."""
    return (
        Koppeling.objects.filter(partner=partner)
        .select_related("school")
        .order_by("-gesuggereerd_op", "school__naam")
    )


def koppeling_bestaat(partner: Koppelpartner, school_id: int) -> bool:
    return Koppeling.objects.filter(partner=partner, school_id=school_id).exists()
