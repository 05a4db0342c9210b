"""Reads of "Inloggen met het LAS": an identity linked before, the account a new identity
matches (by ECK-iD or e-mail, only among the school's accounts), and whether the school may
sign in with this LAS at all (an approved coupling of that LAS type)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q

from koppel.ea.accounts.models import Rol
from koppel.ea.klanten.models import Leerkracht
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from koppel.ea.sso.decisions import kies_account
from koppel.ea.sso.models import LasIdentiteit
from koppel.ea.sso.rp import Identiteit


def gekoppeld_account(identiteit: Identiteit) -> User | None:
    link = (
        LasIdentiteit.objects.select_related("user")
        .filter(issuer=identiteit.issuer, sub=identiteit.sub, user__is_active=True)
        .first()
    )
    return link.user if link else None


def passend_account(identiteit: Identiteit) -> User | None:
    """The school's one account matching the identity's ECK-iD, else its e-mail address."""
    if not identiteit.brin:
        return None
    rollen = Rol.objects.filter(klant__brincode=identiteit.brin, user__is_active=True)
    user_ids = set(rollen.values_list("user_id", flat=True))
    leerkrachten = Leerkracht.objects.filter(user_id__in=user_ids, actief=True)
    op_eckid = (
        leerkrachten.filter(eckid=identiteit.eckid).values_list("user_id", flat=True)
        if identiteit.eckid
        else []
    )
    op_email = _op_email(identiteit.email, user_ids, leerkrachten) if identiteit.email else []
    gekozen = kies_account(op_eckid=[u for u in op_eckid if u], op_email=op_email)
    return User.objects.filter(pk=gekozen).first() if gekozen else None


def _op_email(email: str, user_ids: set[int], leerkrachten: Any) -> list[int]:
    van_leerkracht = leerkrachten.filter(emailadres__iexact=email).values_list("user_id", flat=True)
    van_user = User.objects.filter(pk__in=user_ids, email__iexact=email).values_list(
        "pk", flat=True
    )
    return [u for u in (*van_leerkracht, *van_user) if u]


def mag_inloggen(user: User, lastype: str) -> bool:
    """The user's school has an approved coupling of this LAS type."""
    return LasKoppeling.objects.filter(
        Q(klant__rollen__user=user), lastype=lastype, status=GOEDGEKEURD
    ).exists()


def school_van(user: User) -> str:
    rol = Rol.objects.filter(user=user).select_related("klant").first()
    return str(rol.klant) if rol else ""
