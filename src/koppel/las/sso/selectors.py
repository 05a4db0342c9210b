"""Reads of single sign-on: a client's partner, the school a user signs in through, the claims
a partner receives, and the Beheer page "Ingelogd bij koppelpartijen"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from oauth2_provider.models import Application

from koppel.las.accounts.models import Schoolrol
from koppel.las.koppelingen.models import SSO, Koppeling, Koppelpartner, Recht
from koppel.las.school.models import School
from koppel.las.sso.decisions import RechtPeriode, Weigering, choose_school
from koppel.las.sso.models import PartnerClient, Toestemming

ONBEKENDE_CLIENT = "Deze toepassing is niet als koppelpartij bij dit LAS bekend."


def partner_of(application: Application) -> Koppelpartner | None:
    link = PartnerClient.objects.select_related("partner").filter(application=application).first()
    return link.partner if link else None


def sign_in_rol(user: Any, application: Application, *, today: dt.date) -> Schoolrol | Weigering:
    """The user's role in the school they sign in at the client's partner through, or why not."""
    partner = partner_of(application)
    if partner is None:
        return Weigering(melding=ONBEKENDE_CLIENT)
    rollen = list(Schoolrol.objects.filter(user=user).select_related("school", "leerkracht"))
    gekoppeld = set(
        Koppeling.objects.filter(
            partner=partner, actief=True, school_id__in=[r.school_id for r in rollen]
        ).values_list("school_id", flat=True)
    )
    rechten = [
        RechtPeriode(begindatum=r.begindatum, einddatum=r.einddatum)
        for r in Recht.objects.filter(partner=partner, soort=SSO)
    ]
    chosen = choose_school(
        school_ids=[r.school_id for r in rollen],
        gekoppelde_school_ids=gekoppeld,
        rechten=rechten,
        partner=partner.naam,
        today=today,
    )
    if isinstance(chosen, Weigering):
        return chosen
    return next(r for r in rollen if r.school_id == chosen)


def claims(user: Any, rol: Schoolrol) -> dict[str, Any]:
    """What the partner learns: name, e-mail, role, school, groups and the ECK-iD where known."""
    leerkracht = rol.leerkracht
    found: dict[str, Any] = {
        "name": user.get_full_name() or (str(leerkracht) if leerkracht else user.get_username()),
        "email": user.email or (leerkracht.emailadres if leerkracht else ""),
        "preferred_username": user.get_username(),
        "rol": rol.rol,
        "brin": rol.school.brincode,
        "dependancecode": rol.school.dependancecode,
        "school": rol.school.naam,
        "groepen": _groepen(rol),
    }
    if leerkracht is not None and leerkracht.eckid:
        found["eckid"] = leerkracht.eckid
    return found


def _groepen(rol: Schoolrol) -> list[dict[str, str]]:
    if rol.leerkracht is None:
        return []
    groepen = rol.leerkracht.groepen.order_by("naam").values_list("key", "naam")
    return [{"key": key, "naam": naam} for key, naam in groepen]


def has_consent(user: Any, application: Application) -> bool:
    return Toestemming.objects.filter(user=user, application=application).exists()


@dataclass(frozen=True, slots=True, kw_only=True)
class IngelogdBij:
    """One row of "Ingelogd bij koppelpartijen": a user of the school and one partner."""

    toestemming_id: int
    gebruiker: str
    partner: str
    gegeven_op: dt.datetime
    laatst_ingelogd_op: dt.datetime


def ingelogd_bij(school: School) -> list[IngelogdBij]:
    """The consents of the school's users, by user and partner; only users of this school."""
    return [_rij(t) for t in _toestemmingen_van_school(school)]


def _toestemmingen_van_school(school: School) -> QuerySet[Toestemming]:
    return (
        Toestemming.objects.filter(user__schoolrollen__school=school)
        .select_related("user", "application__partner_client__partner")
        .order_by("user__username", "application__name")
        .distinct()
    )


def _rij(toestemming: Toestemming) -> IngelogdBij:
    user = toestemming.user
    link = getattr(toestemming.application, "partner_client", None)
    return IngelogdBij(
        toestemming_id=toestemming.pk,
        gebruiker=user.get_full_name() or user.get_username(),
        partner=link.partner.naam if link else toestemming.application.name,
        gegeven_op=toestemming.gegeven_op,
        laatst_ingelogd_op=toestemming.laatst_ingelogd_op,
    )


def toestemming_in_school(toestemming_id: int, school: School) -> Toestemming | None:
    """A consent of a user of this school (``None`` for any other, so it is never found)."""
    return (
        Toestemming.objects.filter(pk=toestemming_id, user__schoolrollen__school=school)
        .select_related("user", "application")
        .first()
    )
