"""The leveranciersleutel: stored as a digest only, shown once on the koppeling page with the
LET OP text of the autorisatiesleutel, rotatable, offered only to partners with a GKV right."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from lxml import html

from koppel.las.accounts import services as accounts
from koppel.las.accounts.models import BEHEERDER
from koppel.las.errors import InvalidState
from koppel.las.koppelingen import keys
from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import (
    NIEUWE_LEVERANCIERSLEUTEL,
    RESULTATENKOPPELING,
    Gegevenstoegang,
    Koppeling,
    Koppelpartner,
)
from koppel.las.school.models import School
from tests.las.gkv.conftest import Gkv, GkvKoppeling

pytestmark = pytest.mark.django_db

SLEUTEL = re.compile(r'<code id="leveranciersleutel">([^<]+)</code>')
LET_OP = "LET OP: Deze sleutel wordt slechts eenmalig weergegeven en kan alleen opnieuw ingesteld worden."
KNOP = "Nieuwe leveranciersleutel instellen"


@pytest.fixture
def beheerder_client(school: School, settings: Any) -> Client:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = accounts.create_user("beheerder", wachtwoord="correct-paard-batterij", naam="Anna")
    accounts.grant_school(user, school, rol=BEHEERDER)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _url(koppeling: Koppeling, actie: str = "") -> str:
    return f"/beheer/koppelingen/{koppeling.pk}/" + (f"{actie}/" if actie else "")


def _tekst(content: bytes) -> str:
    delen = html.fromstring(content.decode()).itertext()
    return " ".join(" ".join(str(deel) for deel in delen).split())


def test_only_the_digest_of_the_leveranciersleutel_is_stored(gekoppeld: GkvKoppeling) -> None:
    koppeling = Koppeling.objects.get(pk=gekoppeld.koppeling.pk)
    assert len(gekoppeld.sleutel) == 32
    assert koppeling.leveranciersleutel_digest == keys.digest(gekoppeld.sleutel, "test-pepper")
    assert koppeling.leveranciersleutel_ingesteld_op is not None
    assert Gegevenstoegang.objects.filter(operatie=NIEUWE_LEVERANCIERSLEUTEL).count() == 1


def test_a_partner_without_a_gkv_right_gets_no_leveranciersleutel(
    school: School, partner: Koppelpartner
) -> None:
    koppeling = koppelingen.suggest(school=school, partner=partner)
    koppelingen.activate(koppeling, door="test")
    with pytest.raises(InvalidState, match="geen recht op het GKV"):
        koppelingen.rekey_leverancier(koppeling, door="test")


def test_an_inactive_coupling_gets_no_leveranciersleutel(
    school: School, gkv_partner: Koppelpartner
) -> None:
    koppeling = koppelingen.suggest(school=school, partner=gkv_partner)
    with pytest.raises(InvalidState, match="Alleen een actieve koppeling"):
        koppelingen.rekey_leverancier(koppeling, door="test")


def test_deactivating_forgets_the_leveranciersleutel(gekoppeld: GkvKoppeling) -> None:
    koppelingen.deactivate(gekoppeld.koppeling, door="test")
    koppelingen.activate(gekoppeld.koppeling, door="test")
    assert Koppeling.objects.get(pk=gekoppeld.koppeling.pk).leveranciersleutel_digest is None


def test_the_page_offers_the_action_only_to_a_partner_with_a_gkv_right(
    beheerder_client: Client, gekoppeld: GkvKoppeling, school: School, partner: Koppelpartner
) -> None:
    zonder_gkv = koppelingen.suggest(school=school, partner=partner)
    koppelingen.activate(zonder_gkv, door="test")
    assert KNOP in beheerder_client.get(_url(gekoppeld.koppeling)).content.decode()
    assert KNOP not in beheerder_client.get(_url(zonder_gkv)).content.decode()
    assert partner.rechten.get().soort == RESULTATENKOPPELING


def test_a_new_leveranciersleutel_is_shown_once_and_opens_the_gkv(
    beheerder_client: Client, gekoppeld: GkvKoppeling, gkv: Gkv
) -> None:
    response = beheerder_client.post(_url(gekoppeld.koppeling, "leveranciersleutel"))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    found = SLEUTEL.search(response.content.decode())
    assert found is not None
    sleutel = found.group(1)
    assert LET_OP in _tekst(response.content)
    assert "Leveranciersleutel (GKV) aanwezig Ja" in _tekst(response.content)
    assert gkv(sleutel=sleutel).status == 200
    assert gkv(sleutel=gekoppeld.sleutel).faultcode == "Client.LeveranciersleutelOngeldig"
    assert sleutel not in beheerder_client.get(_url(gekoppeld.koppeling)).content.decode()
    assert sleutel not in str(dict(beheerder_client.session))


def test_replacing_a_leveranciersleutel_is_confirmed_first(
    beheerder_client: Client, gekoppeld: GkvKoppeling
) -> None:
    bevestigen = beheerder_client.get(_url(gekoppeld.koppeling, "leveranciersleutel"))
    assert "werkt de oude sleutel direct niet meer" in _tekst(bevestigen.content)
    pagina = beheerder_client.get(_url(gekoppeld.koppeling)).content.decode()
    assert 'data-dialog="leveranciersleutel-bevestigen"' in pagina


def test_gkv_calls_and_refusals_show_on_the_gegevenstoegang_page(
    beheerder_client: Client, gekoppeld: GkvKoppeling, gkv: Gkv
) -> None:
    gkv("getLeerlingen")
    gkv("getGroepen", brin="99XX01")
    zichtbaar = _tekst(beheerder_client.get("/beheer/privacy/gegevenstoegang/").content)
    assert "getLeerlingen GKV basis" in zichtbaar
    assert "getGroepen" in zichtbaar and "Client.LeveranciersleutelOngeldig" in zichtbaar


def test_a_leveranciersleutel_form_shown_before_the_last_change_sets_no_other_key(
    gekoppeld: GkvKoppeling,
) -> None:
    koppeling = Koppeling.objects.get(pk=gekoppeld.koppeling.pk)
    oude_stand = koppeling.leveranciersleutelstand
    koppelingen.rekey_leverancier(koppeling, door="Anna", stand=oude_stand)
    digest = Koppeling.objects.get(pk=koppeling.pk).leveranciersleutel_digest
    with pytest.raises(InvalidState, match="intussen al een nieuwe leveranciersleutel"):
        koppelingen.rekey_leverancier(koppeling, door="Anna", stand=oude_stand)
    assert Koppeling.objects.get(pk=koppeling.pk).leveranciersleutel_digest == digest
