"""Writes of partner onboarding: submit an application, approve or reject it, and a partner's
suggestion of a coupling to a school.

Each write runs in one transaction; the e-mails go out after the commit
(``transaction.on_commit``), so a failing mail server never undoes an application or its
approval. Whether such a mail went out is reported back in a :class:`Verzending`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from koppel.las.accounts import services as accounts
from koppel.las.errors import AlreadyExists, InvalidState, NotFound
from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import (
    GKV_BASIS,
    GKV_UITGEBREID,
    RESULTATENKOPPELING,
    SSO,
    Koppeling,
    Koppelpartner,
)
from koppel.las.koppelingen.selectors import heeft_recht
from koppel.las.partners import emails, selectors
from koppel.las.partners.models import AFGEWEZEN, GOEDGEKEURD, INGEDIEND, Aanvraag, Partneraccount
from koppel.las.school.selectors import school_by_brin

SOORTEN = [
    # (recht, label on the application form as in the partner offering, short name)
    (RESULTATENKOPPELING, "Uitwisseling leerresultaten koppeling (UWLR)", "UWLR"),
    (GKV_BASIS, "Generiek koppelvlak (GKV) - basis", "GKV basis"),
    (GKV_UITGEBREID, "Generiek koppelvlak (GKV) - uitgebreid", "GKV uitgebreid"),
    (SSO, "Single Sign On koppeling (SSO)", "SSO"),
]
MAX_AANVRAGEN_PER_DAG = 5
KLANTCODE_TEKENS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
KLANTCODE_LENGTE = 8
KLANTNAAM_MAX = 64


class AlreadyHandled(InvalidState):
    """The application was approved or rejected before."""


@dataclass(frozen=True, slots=True, kw_only=True)
class NieuweAanvraag:
    organisatie: str
    contactpersoon: str
    emailadres: str
    telefoonnummer: str
    soorten: list[str]
    gegevensset: str
    doel: str


@dataclass(slots=True)
class Verzending:
    """Whether an e-mail sent after the commit went out; ``None`` while the commit is pending."""

    verstuurd: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Behandeling:
    aanvraag: Aanvraag
    mail: Verzending


# --- decisions -----------------------------------------------------------------------------------


def soort_labels(soorten: list[str]) -> list[str]:
    labels = {code: label for code, label, _ in SOORTEN}
    return [labels.get(soort, soort) for soort in soorten]


def suggested_klantnaam(organisatie: str, soorten: list[str]) -> str:
    """Organisation plus the short name of the first requested coupling, at most 64 characters:
    ``Boom testcentrum UWLR``."""
    kort = {code: short for code, _, short in SOORTEN}.get(soorten[0], "") if soorten else ""
    ruimte = KLANTNAAM_MAX - len(kort) - 1
    return f"{organisatie.strip()[:ruimte].rstrip()} {kort}".strip()


def random_klantcode() -> str:
    return "".join(secrets.choice(KLANTCODE_TEKENS) for _ in range(KLANTCODE_LENGTE))


def new_klantcode() -> str:
    """A random klantcode no partner has yet."""
    while selectors.klantcode_bestaat(code := random_klantcode()):
        pass
    return code


# --- writes --------------------------------------------------------------------------------------


@transaction.atomic
def submit(gegevens: NieuweAanvraag, *, now: dt.datetime | None = None) -> Aanvraag:
    """Store an application and mail the applicant and LAS-beheer after the commit."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=1)
    if selectors.aantal_aanvragen_sinds(gegevens.emailadres, since) >= MAX_AANVRAGEN_PER_DAG:
        raise InvalidState(
            f"Met dit e-mailadres zijn in de afgelopen 24 uur al {MAX_AANVRAGEN_PER_DAG} "
            "aanvragen ingediend. Probeer het later opnieuw."
        )
    if not gegevens.soorten or set(gegevens.soorten) - {code for code, _, _ in SOORTEN}:
        raise InvalidState("Kies ten minste één bekende koppeling.")
    aanvraag = Aanvraag.objects.create(**asdict(gegevens), ingediend_op=now)
    labels, adressen = soort_labels(aanvraag.soorten), selectors.las_beheer_emailadressen()
    transaction.on_commit(lambda: emails.bevestiging(aanvraag, soorten=labels))
    transaction.on_commit(
        lambda: emails.melding_las_beheer(aanvraag, soorten=labels, adressen=adressen)
    )
    return aanvraag


@transaction.atomic
def approve(
    pk: int, *, klantnaam: str, klantcode: str, door: User, now: dt.datetime | None = None
) -> Behandeling:
    """Register the partner with the requested rights and a log-in for the applicant."""
    aanvraag = _open_aanvraag(pk)
    klantnaam, klantcode = klantnaam.strip(), klantcode.strip()
    _check_new_partner(klantnaam, klantcode, aanvraag.emailadres)
    partner = koppelingen.add_partner(
        naam=klantnaam, klantcode=klantcode, rechten=tuple(aanvraag.soorten)
    )
    user = accounts.create_user(
        aanvraag.emailadres,
        wachtwoord=None,
        naam=aanvraag.contactpersoon,
        emailadres=aanvraag.emailadres,
    )
    Partneraccount.objects.create(user=user, partner=partner)
    _close(aanvraag, GOEDGEKEURD, door=door, now=now, partner=partner)
    return Behandeling(
        aanvraag=aanvraag, mail=_after_commit(lambda: emails.goedkeuring(aanvraag, user))
    )


@transaction.atomic
def reject(pk: int, *, reden: str, door: User, now: dt.datetime | None = None) -> Behandeling:
    """Reject an application and mail the applicant the reason."""
    if not reden.strip():
        raise InvalidState("Geef een reden op.")
    aanvraag = _open_aanvraag(pk)
    _close(aanvraag, AFGEWEZEN, door=door, now=now, reden=reden.strip())
    return Behandeling(aanvraag=aanvraag, mail=_after_commit(lambda: emails.afwijzing(aanvraag)))


def resend_goedkeuring(pk: int) -> bool:
    """Mail an approved partner its data and a fresh password link again."""
    aanvraag = selectors.aanvraag(pk)
    if aanvraag is None or aanvraag.status != GOEDGEKEURD or aanvraag.partner is None:
        raise InvalidState("Alleen bij een goedgekeurde aanvraag kan de e-mail opnieuw.")
    user = selectors.partner_user(aanvraag)
    if user is None:
        raise NotFound("Het account van deze koppelpartner bestaat niet meer.")
    return emails.goedkeuring(aanvraag, user)


@transaction.atomic
def suggest_to_school(
    partner: Koppelpartner, *, brincode: str, dependancecode: str, profiel: str
) -> Koppeling:
    """A partner offers a school (found by BRIN) a coupling; the school activates it."""
    if not heeft_recht(partner.pk, RESULTATENKOPPELING, today=timezone.localdate()):
        raise InvalidState(
            "Voor het voorstellen van een koppeling is het recht Resultatenkoppeling nodig."
        )
    school = school_by_brin(brincode.upper(), dependancecode or "00")
    if school is None:
        raise NotFound("Er is geen school met deze BRIN-code.")
    if selectors.koppeling_bestaat(partner, school.pk):
        raise AlreadyExists(f"De koppeling is al eerder voorgesteld aan {school.naam}.")
    return koppelingen.suggest(school=school, partner=partner, profiel=profiel)


# --- helpers -------------------------------------------------------------------------------------


def _open_aanvraag(pk: int) -> Aanvraag:
    aanvraag = Aanvraag.objects.select_for_update().filter(pk=pk).first()
    if aanvraag is None:
        raise NotFound("Deze aanvraag bestaat niet.")
    if aanvraag.status != INGEDIEND:
        status = aanvraag.get_status_display().lower()
        raise AlreadyHandled(f"Deze aanvraag is al behandeld (status: {status}).")
    return aanvraag


def _check_new_partner(klantnaam: str, klantcode: str, emailadres: str) -> None:
    if selectors.klantnaam_bestaat(klantnaam):
        raise AlreadyExists("Er is al een koppelpartner met deze klantnaam.")
    if selectors.klantcode_bestaat(klantcode):
        raise AlreadyExists("Er is al een koppelpartner met deze klantcode.")
    if selectors.gebruiker_bestaat(emailadres):
        raise AlreadyExists(f"Er bestaat al een account met gebruikersnaam {emailadres}.")


def _close(
    aanvraag: Aanvraag, status: str, *, door: User, now: dt.datetime | None, **changes: object
) -> None:
    aanvraag.status, aanvraag.behandeld_door = status, door
    aanvraag.behandeld_op = now or timezone.now()
    for field, value in changes.items():
        setattr(aanvraag, field, value)
    aanvraag.save()


def _after_commit(send: Callable[[], bool]) -> Verzending:
    verzending = Verzending()

    def run() -> None:
        verzending.verstuurd = send()

    transaction.on_commit(run)
    return verzending
