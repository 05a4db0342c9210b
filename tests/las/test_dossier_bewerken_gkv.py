"""A verzorger added and changed on the leerling page is what the next GKV uitgebreid
getVerzorgers answer delivers, and a phone number made secret there is not delivered at all."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from koppel.las.accounts import services as accounts
from koppel.las.accounts.models import BEHEERDER
from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import GKV_UITGEBREID
from koppel.las.leerlingdossier.models import Verzorger
from koppel.las.school.models import Leerling, School
from koppel.las.school.selectors import ingeschreven
from tests.las.gkv import client as gkv_client
from tests.las.gkv.conftest import LEVERANCIER, GkvKoppeling, koppel_gkv, post_raw

pytestmark = pytest.mark.django_db

VERZORGER = {
    "achternaam": "Bakker",
    "roepnaam": "Mila",
    "relatie": "voogd",
    "wettelijk_gezag": "on",
    "telefoon": "06-11112222",
}


@pytest.fixture(autouse=True)
def _geen_kantooruren(settings: Any) -> None:
    settings.KANTOORUREN = "geen"


@pytest.fixture
def uitgebreid(school: School) -> GkvKoppeling:
    begin = timezone.localdate() - dt.timedelta(days=30)
    partner = koppelingen.add_partner(
        naam=LEVERANCIER, klantcode="IDM-01", rechten=(GKV_UITGEBREID,), begindatum=begin
    )
    return koppel_gkv(school, partner)


@pytest.fixture
def beheerder(school: School) -> Client:
    user = accounts.create_user("beheerder", wachtwoord=None, naam="Anna de Vries")
    accounts.grant_school(user, school, rol=BEHEERDER)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _get_verzorgers(gekoppeld: GkvKoppeling) -> list[dict[str, str]]:
    body = gkv_client.verzoek(
        "getVerzorgers", naam=LEVERANCIER, sleutel=gekoppeld.sleutel, brin="99XX"
    )
    antwoord = post_raw(Client(), body, soapaction='"getVerzorgers"')
    assert antwoord.status == 200 and antwoord.fault is None, antwoord.content
    return gkv_client.items(antwoord.content, "verzorgers", "verzorger")


def test_get_verzorgers_delivers_the_verzorger_as_edited_on_the_leerling_page(
    beheerder: Client, uitgebreid: GkvKoppeling, school: School
) -> None:
    leerling = Leerling.objects.filter(ingeschreven(timezone.localdate()), school=school).first()
    assert leerling is not None
    beheerder.post(f"/leerling/{leerling.pk}/verzorger/toevoegen/", VERZORGER)
    verzorger = Verzorger.objects.get(achternaam="Bakker", roepnaam="Mila")
    url = f"/leerling/{leerling.pk}/verzorger/{verzorger.pk}/wijzigen/"
    beheerder.post(url, {**VERZORGER, "telefoon": "06-33334444"})
    geleverd = {v["id"]: v for v in _get_verzorgers(uitgebreid)}
    assert geleverd[verzorger.key]["telefoon"] == "06-33334444"
    assert geleverd[verzorger.key]["achternaam"] == "Bakker"
    beheerder.post(url, {**VERZORGER, "telefoon": "06-33334444", "telefoon_geheim": "on"})
    geleverd = {v["id"]: v for v in _get_verzorgers(uitgebreid)}
    assert geleverd[verzorger.key].get("telefoon", "") == ""
