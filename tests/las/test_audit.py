"""``Gegevenstoegang``: every delivery and every refusal after klant identification is recorded."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from koppel.las.koppelingen.models import (
    AFNEMEN,
    DEACTIVEREN,
    NIEUWE_SLEUTEL,
    SUGGESTIE,
    Gegevenstoegang,
)
from koppel.las.school.models import Leerling
from koppel.uwlr import messages as m
from tests.las.helpers import Gekoppeld, Post, verzoek

pytestmark = pytest.mark.django_db
SCHOOL_ACTIES = (SUGGESTIE, AFNEMEN, NIEUWE_SLEUTEL, DEACTIVEREN)


def calls() -> QuerySet[Gegevenstoegang]:
    """The audit rows of UWLR calls (not the school's own actions on the coupling)."""
    return Gegevenstoegang.objects.exclude(operatie__in=SCHOOL_ACTIES)


def test_a_delivery_is_recorded_with_partner_school_profile_and_pupil_count(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    post(verzoek(), gekoppeld.autorisatie())
    toegang = calls().get()
    assert toegang.partner == gekoppeld.koppeling.partner
    assert toegang.school == gekoppeld.koppeling.school
    assert (toegang.operatie, toegang.uitkomst, toegang.profiel) == (
        "HaalLeerlinggegevens",
        "geleverd",
        "smalle-set",
    )
    assert toegang.aantal_leerlingen == Leerling.objects.count()
    assert toegang.remote_addr == "127.0.0.1"


def test_geenwijzigingen_and_getrapt_calls_are_recorded(post: Post, gekoppeld: Gekoppeld) -> None:
    post(verzoek(laatstontvangengegevens=timezone.now()), gekoppeld.autorisatie())
    post(verzoek(m.StructuurVerzoek), gekoppeld.autorisatie())
    rows = set(calls().values_list("operatie", "uitkomst"))
    assert rows == {("HaalLeerlinggegevens", "geenwijzigingen"), ("HaalStructuur", "geleverd")}


def test_a_refused_key_is_recorded_with_the_fault_and_never_the_key(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    post(verzoek(), gekoppeld.autorisatie(autorisatiesleutel="verkeerd"))
    toegang = calls().get()
    assert toegang.uitkomst == "Client.AutorisatieOngeldig"
    assert toegang.school == gekoppeld.koppeling.school
    assert "verkeerd" not in str(list(calls().values().get().values()))


def test_an_unknown_klant_is_not_recorded(post: Post, gekoppeld: Gekoppeld) -> None:
    post(verzoek(), gekoppeld.autorisatie(klantcode="ONBEKEND"))
    assert not calls().exists()


def test_a_refused_operation_after_authorisation_is_recorded(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    post(
        verzoek(m.LeerlingenVerzoek, groepen=(m.GroepSelectie(key="ONBEKEND"),)),
        gekoppeld.autorisatie(),
    )
    assert calls().get().uitkomst == "Client.OngeldigBericht"


def test_suggestion_activation_and_new_key_are_recorded_with_who_did_it(
    gekoppeld: Gekoppeld,
) -> None:
    rows = list(Gegevenstoegang.objects.order_by("pk").values_list("operatie", "door", "school_id"))
    school_id = gekoppeld.koppeling.school_id
    assert rows == [
        (SUGGESTIE, "Boom testcentrum", school_id),
        (AFNEMEN, "test", school_id),
        (NIEUWE_SLEUTEL, "test", school_id),
    ]
    assert gekoppeld.sleutel not in str(list(Gegevenstoegang.objects.values()))
