"""``Gegevenstoegang``: every delivery and every refusal after klant identification is recorded."""

from __future__ import annotations

import pytest
from django.utils import timezone

from koppel.las.koppelingen.models import Gegevenstoegang
from koppel.las.school.models import Leerling
from koppel.uwlr import messages as m
from tests.las.helpers import Gekoppeld, Post, verzoek

pytestmark = pytest.mark.django_db


def test_a_delivery_is_recorded_with_partner_school_profile_and_pupil_count(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    post(verzoek(), gekoppeld.autorisatie())
    toegang = Gegevenstoegang.objects.get()
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
    rows = set(Gegevenstoegang.objects.values_list("operatie", "uitkomst"))
    assert rows == {("HaalLeerlinggegevens", "geenwijzigingen"), ("HaalStructuur", "geleverd")}


def test_a_refused_key_is_recorded_with_the_fault_and_never_the_key(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    post(verzoek(), gekoppeld.autorisatie(autorisatiesleutel="verkeerd"))
    toegang = Gegevenstoegang.objects.get()
    assert toegang.uitkomst == "Client.AutorisatieOngeldig"
    assert toegang.school == gekoppeld.koppeling.school
    assert "verkeerd" not in str(list(Gegevenstoegang.objects.values().get().values()))


def test_an_unknown_klant_is_not_recorded(post: Post, gekoppeld: Gekoppeld) -> None:
    post(verzoek(), gekoppeld.autorisatie(klantcode="ONBEKEND"))
    assert not Gegevenstoegang.objects.exists()


def test_a_refused_operation_after_authorisation_is_recorded(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    post(
        verzoek(m.LeerlingenVerzoek, groepen=(m.GroepSelectie(key="ONBEKEND"),)),
        gekoppeld.autorisatie(),
    )
    assert Gegevenstoegang.objects.get().uitkomst == "Client.OngeldigBericht"
