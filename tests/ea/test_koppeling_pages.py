"""The beheerder's coupling pages: Beheer → UWLR-koppeling aanvragen and Beheer → Koppelen met LAS
(manual: Voorbereiding and step 2)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling import crypto, decisions
from koppel.ea.koppeling.models import (
    AFGEWEZEN,
    GOEDGEKEURD,
    INGEDIEND,
    LasKoppeling,
    UwlrAanvraag,
)

pytestmark = pytest.mark.django_db

SLEUTEL = "f7i9wVA7--GmYZIIDs5Z"
ANDERE_SLEUTEL = "Nga3taQ20jnw7GaBQIN"
AANVRAGEN = "/beheer/uwlr-aanvragen/"
KOPPELEN = "/beheer/koppelen-met-las/"


@pytest.fixture(autouse=True)
def endpoints(settings: Any) -> None:
    settings.LAS_ENDPOINTS = {"parnassys": "http://127.0.0.1:9/uwlr/leerlinggegevens"}


@pytest.fixture
def goedgekeurde_aanvraag(klant: Klant) -> UwlrAanvraag:
    return UwlrAanvraag.objects.create(
        klant=klant,
        schoolnaam=klant.naam,
        brincode=klant.brincode,
        ingediend_op=timezone.now(),
        status=GOEDGEKEURD,
        behandeld_op=timezone.now(),
    )


def _schooljaar() -> str:
    return decisions.schooljaar_op(timezone.localdate())


def _gegevens(**wijzigingen: str) -> dict[str, str]:
    gegevens = {
        "lastype": "parnassys",
        "brincode": "99XX",
        "vestigingsnummer": "",
        "schooljaar": _schooljaar(),
        "autorisatiesleutel": SLEUTEL,
    }
    return gegevens | wijzigingen


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- UWLR-koppeling aanvragen ---------------------------------------------------------------------


def test_the_request_form_is_prefilled_with_the_schools_name_and_brin(
    beheerder_client: Client,
) -> None:
    html = _html(beheerder_client, AANVRAGEN)
    assert "UWLR-koppeling aanvragen" in html
    assert 'value="GKV testschool"' in html and 'value="99XX"' in html


def test_submitting_the_request_stores_it_for_klantenservice(
    beheerder_client: Client, klant: Klant
) -> None:
    data = {"schoolnaam": "GKV testschool", "brincode": "99xx"}
    response = beheerder_client.post(AANVRAGEN, data, follow=True)
    assert "Je aanvraag is verstuurd" in response.content.decode()
    aanvraag = UwlrAanvraag.objects.get(klant=klant)
    assert (aanvraag.status, aanvraag.brincode) == (INGEDIEND, "99XX")
    assert "wacht op goedkeuring door de klantenservice" in _html(beheerder_client, AANVRAGEN)


def test_a_second_request_while_one_waits_is_refused(
    beheerder_client: Client, klant: Klant
) -> None:
    data = {"schoolnaam": "GKV testschool", "brincode": "99XX"}
    beheerder_client.post(AANVRAGEN, data)
    response = beheerder_client.post(AANVRAGEN, data, follow=True)
    assert "Je aanvraag wacht al op goedkeuring" in response.content.decode()
    assert UwlrAanvraag.objects.filter(klant=klant).count() == 1


def test_a_request_with_a_malformed_brin_shows_a_dutch_error(beheerder_client: Client) -> None:
    response = beheerder_client.post(AANVRAGEN, {"schoolnaam": "GKV", "brincode": "9X9X"})
    assert (
        "Een BRIN-nummer is twee cijfers en twee letters, zoals 99XX." in response.content.decode()
    )
    assert not UwlrAanvraag.objects.exists()


def test_only_the_beheerder_may_request_or_couple(
    leerkracht_client: Client, klantenservice_client: Client, client: Client
) -> None:
    for url in (AANVRAGEN, KOPPELEN):
        assert leerkracht_client.get(url).status_code == 403
        assert klantenservice_client.get(url).status_code == 403
        assert client.get(url).status_code == 302


# --- Koppelen met LAS -----------------------------------------------------------------------------


def test_the_coupling_form_has_the_manuals_fields_and_defaults(
    beheerder_client: Client, goedgekeurde_aanvraag: object
) -> None:
    html = _html(beheerder_client, KOPPELEN)
    for label in ("Type koppeling", "BRIN-nummer*", "Vestigingsnummer", "Schooljaar"):
        assert label in html
    assert "Autorisatiesleutel*" in html
    assert 'value="99XX"' in html
    assert f'<option value="{_schooljaar()}" selected>Huidig schooljaar ({_schooljaar()})' in html
    assert "Wijzigingen opslaan" in html and "Gegevens importeren" in html
    assert 'href="/beheer/koppelen-met-las/importeren/"' not in html  # not approved yet


def test_a_type_that_is_not_configured_here_cannot_be_chosen(
    beheerder_client: Client, goedgekeurde_aanvraag: object
) -> None:
    html = _html(beheerder_client, KOPPELEN)
    assert "Nog niet ingericht op deze installatie: ESIS, SchoolKr8" in html
    response = beheerder_client.post(KOPPELEN, _gegevens(lastype="esis"))
    assert "Dit type koppeling is op deze installatie nog niet ingericht." in (
        response.content.decode()
    )
    assert not LasKoppeling.objects.exists()


def test_saving_without_an_approved_request_points_to_uwlr_koppeling_aanvragen(
    beheerder_client: Client,
) -> None:
    assert "nog geen goedgekeurde UWLR-koppeling" in _html(beheerder_client, KOPPELEN)
    response = beheerder_client.post(KOPPELEN, _gegevens())
    html = response.content.decode()
    assert "Vraag die eerst aan bij UWLR-koppeling aanvragen." in html
    assert not LasKoppeling.objects.exists()


def test_saving_stores_the_coupling_with_the_key_encrypted(
    beheerder_client: Client, goedgekeurde_aanvraag: object, klant: Klant, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    response = beheerder_client.post(KOPPELEN, _gegevens(), follow=True)
    html = response.content.decode()
    assert "wacht op goedkeuring door de klantenservice" in html
    assert "Status:</strong> Wacht op goedkeuring door de klantenservice" in html
    assert "•••• Ds5Z" in html and SLEUTEL not in html
    koppeling = LasKoppeling.objects.get(klant=klant)
    assert (koppeling.status, koppeling.lastype, koppeling.sleutel_eind) == (
        INGEDIEND,
        "parnassys",
        "Ds5Z",
    )
    assert crypto.decrypt(koppeling.sleutel_versleuteld) == SLEUTEL
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM ea_koppeling_laskoppeling")
        rij = " ".join(str(kolom) for kolom in cursor.fetchone())
    assert SLEUTEL not in rij and "f7i9wVA7" not in rij
    assert SLEUTEL not in caplog.text


@pytest.mark.parametrize(
    ("wijziging", "fout"),
    [
        ({"brincode": "9X9X"}, "Een BRIN-nummer is twee cijfers en twee letters, zoals 99XX."),
        ({"brincode": ""}, "Vul het BRIN-nummer in."),
        ({"vestigingsnummer": "1"}, "Een vestigingsnummer is twee cijfers, zoals 01."),
        ({"autorisatiesleutel": ""}, "Plak de autorisatiesleutel uit het LAS."),
        ({"autorisatiesleutel": "kort"}, "Deze sleutel is te kort"),
    ],
)
def test_invalid_input_is_refused_with_a_dutch_message(
    beheerder_client: Client, goedgekeurde_aanvraag: object, wijziging: dict[str, str], fout: str
) -> None:
    response = beheerder_client.post(KOPPELEN, _gegevens(**wijziging))
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert not LasKoppeling.objects.exists()


def _goedgekeurd(klant: Klant) -> LasKoppeling:
    koppeling = LasKoppeling.objects.get(klant=klant)
    koppeling.status, koppeling.behandeld_op = GOEDGEKEURD, timezone.now()
    koppeling.laatste_test = {"ok": True}
    koppeling.save()
    return koppeling


def test_an_empty_key_field_keeps_the_stored_key_and_the_approval(
    beheerder_client: Client, goedgekeurde_aanvraag: object, klant: Klant
) -> None:
    beheerder_client.post(KOPPELEN, _gegevens())
    voor = _goedgekeurd(klant)
    html = _html(beheerder_client, KOPPELEN)
    assert f"Goedgekeurd op {timezone.localdate():%d-%m-%Y}" in html
    assert 'href="/beheer/koppelen-met-las/importeren/">Gegevens importeren' in html
    assert "Autorisatiesleutel*" not in html and 'placeholder="•••• Ds5Z"' in html

    jaar = decisions.volgend_schooljaar(_schooljaar())
    beheerder_client.post(KOPPELEN, _gegevens(autorisatiesleutel="", schooljaar=jaar))
    na = LasKoppeling.objects.get(klant=klant)
    assert (na.status, na.schooljaar) == (GOEDGEKEURD, jaar)
    assert na.sleutel_versleuteld == voor.sleutel_versleuteld


@pytest.mark.parametrize(
    "wijziging", [{"autorisatiesleutel": ANDERE_SLEUTEL}, {"brincode": "99YY"}]
)
def test_a_new_key_or_brin_needs_approval_again(
    beheerder_client: Client,
    goedgekeurde_aanvraag: object,
    klant: Klant,
    wijziging: dict[str, str],
) -> None:
    beheerder_client.post(KOPPELEN, _gegevens())
    _goedgekeurd(klant)
    beheerder_client.post(KOPPELEN, _gegevens(**{"autorisatiesleutel": ""} | wijziging))
    koppeling = LasKoppeling.objects.get(klant=klant)
    assert (koppeling.status, koppeling.behandeld_op, koppeling.laatste_test) == (
        INGEDIEND,
        None,
        None,
    )
    assert 'href="/beheer/koppelen-met-las/importeren/"' not in _html(beheerder_client, KOPPELEN)


def test_a_rejected_coupling_shows_the_reason(
    beheerder_client: Client, goedgekeurde_aanvraag: object, klant: Klant
) -> None:
    beheerder_client.post(KOPPELEN, _gegevens())
    LasKoppeling.objects.filter(klant=klant).update(status=AFGEWEZEN, reden="Verkeerde BRIN")
    assert "Afgewezen: Verkeerde BRIN" in _html(beheerder_client, KOPPELEN)


def test_another_schools_coupling_is_never_shown(
    beheerder_client: Client, goedgekeurde_aanvraag: object, andere_klant: Klant
) -> None:
    LasKoppeling.objects.create(
        klant=andere_klant,
        lastype="parnassys",
        brincode="88YY",
        schooljaar=_schooljaar(),
        sleutel_versleuteld=crypto.encrypt(ANDERE_SLEUTEL),
        sleutel_eind="wxyz",
        aangevraagd_op=timezone.now(),
    )
    html = _html(beheerder_client, KOPPELEN)
    assert "88YY" not in html and "wxyz" not in html and "Status:" not in html
