"""Reads of the coupling: a school's requests and coupling, the klantenservice queue, and who
gets the e-mails. School pages always pass ``request.rol.klant``; the queue sees every school."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import QuerySet

from koppel.ea.accounts.models import BEHEERDER
from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling.models import GOEDGEKEURD, INGEDIEND, LasKoppeling, UwlrAanvraag

#: how many handled items the queue shows below the waiting ones
RECENT = 20


def aanvragen_van(klant: Klant) -> QuerySet[UwlrAanvraag]:
    return UwlrAanvraag.objects.filter(klant=klant).select_related("ingediend_door")


def heeft_goedgekeurde_aanvraag(klant: Klant) -> bool:
    return UwlrAanvraag.objects.filter(klant=klant, status=GOEDGEKEURD).exists()


def open_of_goedgekeurde_aanvraag(klant: Klant) -> UwlrAanvraag | None:
    """A request that makes a new one pointless: waiting, or approved already."""
    return (
        UwlrAanvraag.objects.filter(klant=klant, status__in=(INGEDIEND, GOEDGEKEURD))
        .order_by("-ingediend_op")
        .first()
    )


def koppeling_van(klant: Klant) -> LasKoppeling | None:
    return LasKoppeling.objects.filter(klant=klant).first()


@dataclass(frozen=True)
class Wachtrij:
    """The klantenservice queue: waiting requests first (oldest first), then recent handled."""

    aanvragen: list[UwlrAanvraag]
    aanvragen_behandeld: list[UwlrAanvraag]
    koppelingen: list[LasKoppeling]
    koppelingen_behandeld: list[LasKoppeling]


def wachtrij() -> Wachtrij:
    aanvragen = UwlrAanvraag.objects.select_related("klant")
    koppelingen = LasKoppeling.objects.select_related("klant")
    return Wachtrij(
        aanvragen=list(aanvragen.filter(status=INGEDIEND).order_by("ingediend_op")),
        aanvragen_behandeld=list(
            aanvragen.exclude(status=INGEDIEND).order_by("-behandeld_op")[:RECENT]
        ),
        koppelingen=list(koppelingen.filter(status=INGEDIEND).order_by("aangevraagd_op")),
        koppelingen_behandeld=list(
            koppelingen.exclude(status=INGEDIEND).order_by("-behandeld_op")[:RECENT]
        ),
    )


def aanvraag(pk: int) -> UwlrAanvraag | None:
    return UwlrAanvraag.objects.select_related("klant").filter(pk=pk).first()


def koppeling(pk: int) -> LasKoppeling | None:
    return (
        LasKoppeling.objects.select_related("klant", "aangevraagd_door", "behandeld_door")
        .filter(pk=pk)
        .first()
    )


def beheerder_adressen(klant: Klant) -> list[str]:
    """The e-mail addresses of the school's active beheerders."""
    users = User.objects.filter(
        ea_rollen__klant=klant, ea_rollen__rol=BEHEERDER, is_active=True
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def zonder_koppelingsmail() -> QuerySet[LasKoppeling]:
    """Approved couplings whose school has not had the koppelingsmail yet."""
    return LasKoppeling.objects.filter(
        status=GOEDGEKEURD, koppelingsmail_verstuurd_op__isnull=True
    ).select_related("klant")
