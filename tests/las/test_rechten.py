"""A partner's Resultatenkoppeling right counts from its begindatum up to and including its
einddatum: outside that period the UWLR service refuses the partner, whatever key it holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koppel.las.koppelingen.models import (
    GKV_BASIS,
    RESULTATENKOPPELING,
    Gegevenstoegang,
    Recht,
)
from tests.las.helpers import Gekoppeld, Post, verzoek

pytestmark = pytest.mark.django_db

DAG = dt.timedelta(days=1)


def _recht(gekoppeld: Gekoppeld, *, begin: dt.date, eind: dt.date | None) -> None:
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(
        begindatum=begin, einddatum=eind
    )


def test_a_right_that_ended_yesterday_is_refused(post: Post, gekoppeld: Gekoppeld) -> None:
    today = timezone.localdate()
    _recht(gekoppeld, begin=today - 30 * DAG, eind=today - DAG)
    assert post(verzoek(), gekoppeld.autorisatie()).faultcode == "Client.AutorisatieOngeldig"


def test_a_right_that_starts_tomorrow_is_refused(post: Post, gekoppeld: Gekoppeld) -> None:
    today = timezone.localdate()
    _recht(gekoppeld, begin=today + DAG, eind=None)
    assert post(verzoek(), gekoppeld.autorisatie()).faultcode == "Client.AutorisatieOngeldig"


@pytest.mark.parametrize(
    ("begin", "eind"),
    [(-30, None), (0, 0), (-1, 1), (0, None)],
    ids=["open-ended", "only-today", "around-today", "from-today"],
)
def test_a_running_right_is_accepted(
    post: Post, gekoppeld: Gekoppeld, begin: int, eind: int | None
) -> None:
    today = timezone.localdate()
    _recht(gekoppeld, begin=today + begin * DAG, eind=None if eind is None else today + eind * DAG)
    antwoord = post(verzoek(), gekoppeld.autorisatie())
    assert (antwoord.status, antwoord.faultcode) == (200, None)
    assert antwoord.findall(".//lg:leerling")


def test_a_partner_with_only_another_right_is_refused(post: Post, gekoppeld: Gekoppeld) -> None:
    Recht.objects.filter(soort=RESULTATENKOPPELING).update(soort=GKV_BASIS)
    assert post(verzoek(), gekoppeld.autorisatie()).faultcode == "Client.AutorisatieOngeldig"


def test_a_refusal_for_an_ended_right_is_recorded_for_the_school(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    today = timezone.localdate()
    _recht(gekoppeld, begin=today - 30 * DAG, eind=today - DAG)
    post(verzoek(), gekoppeld.autorisatie())
    rij = Gegevenstoegang.objects.filter(operatie="HaalLeerlinggegevens").get()
    assert (rij.uitkomst, rij.school_id) == (
        "Client.AutorisatieOngeldig",
        gekoppeld.koppeling.school_id,
    )
    assert rij.aantal_leerlingen == 0
