"""The klantenservice queue: UWLR-aanvragen and LAS-koppelingen waiting, the test call, approval
and rejection with the e-mails to the school's beheerders, and ``koppel ea koppelingsmail``."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling import crypto, decisions, services
from koppel.ea.koppeling.models import (
    AFGEWEZEN,
    GOEDGEKEURD,
    INGEDIEND,
    LasKoppeling,
    UwlrAanvraag,
)
from tests.support.las_process import free_port

pytestmark = pytest.mark.django_db

SLEUTEL = "f7i9wVA7--GmYZIIDs5Z"
ADRES = "beheerder@gkv.example"


@pytest.fixture(autouse=True)
def endpoints(settings: Any) -> None:
    # nobody listens here: the test call cannot reach an LAS
    settings.LAS_ENDPOINTS = {"parnassys": f"http://127.0.0.1:{free_port()}/uwlr/leerlinggegevens"}
    settings.EA_URL = "https://testcentrum.example"


@pytest.fixture
def met_email(beheerder: User) -> User:
    beheerder.email = ADRES
    beheerder.save()
    return beheerder


@pytest.fixture
def aanvraag(klant: Klant, met_email: User) -> UwlrAanvraag:
    return UwlrAanvraag.objects.create(
        klant=klant,
        schoolnaam=klant.naam,
        brincode=klant.brincode,
        ingediend_door=met_email,
        ingediend_op=timezone.now(),
    )


@pytest.fixture
def koppeling(klant: Klant, met_email: User) -> LasKoppeling:
    return LasKoppeling.objects.create(
        klant=klant,
        lastype="parnassys",
        brincode="99XX",
        schooljaar="2026-2027",
        sleutel_versleuteld=crypto.encrypt(SLEUTEL),
        sleutel_eind=crypto.eind(SLEUTEL),
        aangevraagd_door=met_email,
        aangevraagd_op=timezone.now(),
    )


def _url(koppeling: LasKoppeling, actie: str = "") -> str:
    return f"/klantenservice/koppelingen/{koppeling.pk}/{actie}"


def _geslaagd(koppeling: LasKoppeling) -> None:
    koppeling.laatste_test = {
        "ok": True,
        "melding": "Sleutel geeft toegang tot 99XX: 60 leerlingen, 9 groepen, 12 leerkrachten",
        "tijdstip": timezone.now().isoformat(),
    }
    koppeling.save()


def test_only_klantenservice_sees_the_queue(
    beheerder_client: Client, leerkracht_client: Client, klantenservice_client: Client
) -> None:
    assert beheerder_client.get("/klantenservice/").status_code == 403
    assert leerkracht_client.get("/klantenservice/").status_code == 403
    assert klantenservice_client.get("/klantenservice/").status_code == 200


def test_the_queue_lists_waiting_requests_and_couplings(
    klantenservice_client: Client, aanvraag: UwlrAanvraag, koppeling: LasKoppeling
) -> None:
    html = klantenservice_client.get("/klantenservice/").content.decode()
    assert "UWLR-aanvragen" in html and "LAS-koppelingen" in html
    assert "GKV testschool" in html and "ParnasSys" in html
    assert "Goedkeuren" in html and "Afwijzen" in html
    assert _url(koppeling) in html
    assert SLEUTEL not in html


def test_approving_a_request_mails_the_beheerders(
    klantenservice_client: Client, aanvraag: UwlrAanvraag, klantenservice: User
) -> None:
    response = klantenservice_client.post(
        f"/klantenservice/aanvragen/{aanvraag.pk}/goedkeuren/", follow=True
    )
    assert "is goedgekeurd" in response.content.decode()
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.behandeld_door) == (GOEDGEKEURD, klantenservice)
    [bericht] = mail.outbox
    assert bericht.to == [ADRES]
    assert "goedgekeurd" in bericht.subject
    assert "https://testcentrum.example/beheer/koppelen-met-las/" in bericht.body


def test_rejecting_a_request_needs_a_reason_and_mails_it(
    klantenservice_client: Client, aanvraag: UwlrAanvraag
) -> None:
    url = f"/klantenservice/aanvragen/{aanvraag.pk}/afwijzen/"
    assert "Reden" in klantenservice_client.get(url).content.decode()
    response = klantenservice_client.post(url, {"reden": ""})
    assert "Vul een reden in." in response.content.decode()
    klantenservice_client.post(url, {"reden": "Onbekende school"})
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.reden) == (AFGEWEZEN, "Onbekende school")
    [bericht] = mail.outbox
    assert "afgewezen" in bericht.subject and "Onbekende school" in bericht.body


def test_a_handled_request_cannot_be_handled_again(
    klantenservice_client: Client, aanvraag: UwlrAanvraag
) -> None:
    url = f"/klantenservice/aanvragen/{aanvraag.pk}/goedkeuren/"
    klantenservice_client.post(url)
    response = klantenservice_client.post(url, follow=True)
    assert "Deze aanvraag is al behandeld." in response.content.decode()
    assert len(mail.outbox) == 1


def test_queue_actions_are_post_only(
    klantenservice_client: Client, aanvraag: UwlrAanvraag, koppeling: LasKoppeling
) -> None:
    assert (
        klantenservice_client.get(
            f"/klantenservice/aanvragen/{aanvraag.pk}/goedkeuren/"
        ).status_code
        == 405
    )
    for actie in ("testaanroep/", "goedkeuren/", "afwijzen/"):
        assert klantenservice_client.get(_url(koppeling, actie)).status_code == 405


def test_the_coupling_page_shows_the_settings_but_not_the_key(
    klantenservice_client: Client, koppeling: LasKoppeling
) -> None:
    html = klantenservice_client.get(_url(koppeling)).content.decode()
    assert "Koppeling van GKV testschool" in html
    assert "•••• Ds5Z" in html and SLEUTEL not in html
    assert "Testaanroep" in html and "Goedkeuren" in html and "Afwijzen" in html
    assert "Goedkeuren kan pas na een geslaagde testaanroep." in html


def test_a_failed_test_call_is_stored_and_shown_and_nothing_else_changes(
    klantenservice_client: Client, koppeling: LasKoppeling
) -> None:
    response = klantenservice_client.post(_url(koppeling, "testaanroep/"), follow=True)
    assert "Het LAS is niet bereikbaar." in response.content.decode()
    na = LasKoppeling.objects.get(pk=koppeling.pk)
    assert na.laatste_test is not None and na.laatste_test["ok"] is False
    assert (na.status, na.sleutel_versleuteld) == (INGEDIEND, koppeling.sleutel_versleuteld)


def test_a_coupling_cannot_be_approved_without_a_successful_test(
    klantenservice_client: Client, koppeling: LasKoppeling
) -> None:
    response = klantenservice_client.post(_url(koppeling, "goedkeuren/"), follow=True)
    assert "Goedkeuren kan pas na een geslaagde testaanroep." in response.content.decode()
    assert LasKoppeling.objects.get(pk=koppeling.pk).status == INGEDIEND
    assert not mail.outbox


def test_approving_a_coupling_mails_that_only_the_import_is_left(
    klantenservice_client: Client, koppeling: LasKoppeling
) -> None:
    _geslaagd(koppeling)
    response = klantenservice_client.post(_url(koppeling, "goedkeuren/"), follow=True)
    assert "De koppeling van GKV testschool is goedgekeurd." in response.content.decode()
    assert LasKoppeling.objects.get(pk=koppeling.pk).status == GOEDGEKEURD
    [bericht] = mail.outbox
    assert bericht.to == [ADRES]
    assert "De koppeling is definitief gelegd. Je hoeft alleen nog de gegevens te importeren." in (
        bericht.body
    )
    assert "https://testcentrum.example/beheer/koppelen-met-las/importeren/" in bericht.body
    assert SLEUTEL not in bericht.body


def test_rejecting_a_coupling_needs_a_reason_and_mails_it(
    klantenservice_client: Client, koppeling: LasKoppeling
) -> None:
    response = klantenservice_client.post(_url(koppeling, "afwijzen/"), {"reden": " "})
    assert "Vul een reden in." in response.content.decode()
    assert LasKoppeling.objects.get(pk=koppeling.pk).status == INGEDIEND
    klantenservice_client.post(_url(koppeling, "afwijzen/"), {"reden": "Sleutel van 88YY"})
    na = LasKoppeling.objects.get(pk=koppeling.pk)
    assert (na.status, na.reden) == (AFGEWEZEN, "Sleutel van 88YY")
    [bericht] = mail.outbox
    assert "Sleutel van 88YY" in bericht.body


def test_an_unknown_coupling_is_not_found(klantenservice_client: Client) -> None:
    assert klantenservice_client.get("/klantenservice/koppelingen/999/").status_code == 404


def test_handled_couplings_are_listed_after_the_waiting_ones(
    klantenservice_client: Client, koppeling: LasKoppeling, andere_klant: Klant
) -> None:
    LasKoppeling.objects.filter(pk=koppeling.pk).update(
        status=GOEDGEKEURD, behandeld_op=timezone.now()
    )
    LasKoppeling.objects.create(
        klant=andere_klant,
        lastype="parnassys",
        brincode="88YY",
        schooljaar="2026-2027",
        sleutel_versleuteld=crypto.encrypt(SLEUTEL),
        sleutel_eind="Ds5Z",
        aangevraagd_op=timezone.now(),
    )
    html = klantenservice_client.get("/klantenservice/").content.decode()
    assert html.index("De Andere School") < html.index("Recent behandeld")
    assert html.index("Recent behandeld") < html.index("GKV testschool")


# --- koppel ea koppelingsmail ---------------------------------------------------------------------


def _command() -> str:
    out = StringIO()
    call_command("koppelingsmail", stdout=out)
    return out.getvalue().strip()


def test_the_koppelingsmail_goes_out_once_per_approved_coupling(koppeling: LasKoppeling) -> None:
    assert _command() == "0 koppelingsmails verstuurd."  # still waiting for approval
    LasKoppeling.objects.filter(pk=koppeling.pk).update(status=GOEDGEKEURD)
    assert _command() == "1 koppelingsmail verstuurd."
    [bericht] = mail.outbox
    assert bericht.to == [ADRES]
    assert "https://testcentrum.example/beheer/koppelen-met-las/importeren/" in bericht.body
    assert LasKoppeling.objects.get(pk=koppeling.pk).koppelingsmail_verstuurd_op is not None
    assert _command() == "0 koppelingsmails verstuurd."
    assert len(mail.outbox) == 1


def test_a_school_without_a_beheerder_address_gets_its_mail_once_one_exists(
    koppeling: LasKoppeling, met_email: User
) -> None:
    LasKoppeling.objects.filter(pk=koppeling.pk).update(status=GOEDGEKEURD)
    met_email.email = ""
    met_email.save()
    assert _command() == "0 koppelingsmails verstuurd."
    assert LasKoppeling.objects.get(pk=koppeling.pk).koppelingsmail_verstuurd_op is None
    met_email.email = ADRES
    met_email.save()
    assert _command() == "1 koppelingsmail verstuurd."


def test_a_new_key_after_approval_asks_for_a_new_koppelingsmail(
    koppeling: LasKoppeling, aanvraag: UwlrAanvraag, met_email: User
) -> None:
    UwlrAanvraag.objects.filter(pk=aanvraag.pk).update(status=GOEDGEKEURD)
    verstuurd = timezone.now() - dt.timedelta(days=3)
    LasKoppeling.objects.filter(pk=koppeling.pk).update(
        status=GOEDGEKEURD, koppelingsmail_verstuurd_op=verstuurd
    )
    instellingen = decisions.Instellingen(
        lastype="parnassys", brincode="99XX", vestigingsnummer="", schooljaar="2026-2027"
    )
    services.save_koppeling(
        koppeling.klant, instellingen, sleutel="nieuwe-sleutel-1234", door=met_email, now=verstuurd
    )
    na = LasKoppeling.objects.get(pk=koppeling.pk)
    assert (na.status, na.koppelingsmail_verstuurd_op) == (INGEDIEND, None)
    assert _command() == "0 koppelingsmails verstuurd."  # not before it is approved again
