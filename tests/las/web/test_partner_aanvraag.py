"""Partner onboarding: the public application form, and its handling by LAS-beheer (approval with
a partner, a log-in and a password link by e-mail; rejection with a reason)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import smtplib
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client, RequestFactory
from django.utils import timezone

from koppel.las.koppelingen.models import GKV_BASIS, RESULTATENKOPPELING, SSO, Koppelpartner
from koppel.las.partners import services
from koppel.las.partners.models import AFGEWEZEN, GOEDGEKEURD, INGEDIEND, Aanvraag

pytestmark = pytest.mark.django_db

EMAIL = "jan@boom.example"
NIEUW_WACHTWOORD = "Zomer-Appel-Trein-42"
INTRO = (
    "Vul onderstaand formulier in om een UWLR, GKV basis, GKV uitgebreid of een SSO koppeling "
    "aan te vragen. Op dit moment ondersteunen wij geen andere typen koppelingen."
)
FORMULIER = {
    "organisatie": "Boom testcentrum",
    "contactpersoon": "Jan Boom",
    "emailadres": EMAIL,
    "telefoonnummer": "020 123 45 67",
    "soorten": [SSO, RESULTATENKOPPELING],
    "gegevensset": "Leerlingen, groepen en leerkrachten (Smalle set).",
    "doel": "Toetsen afnemen en resultaten terugsturen.",
}
Capture = Callable[..., Any]


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPException("421 service not available")


def _aanvraag(**changes: Any) -> Aanvraag:
    values = {**FORMULIER, "soorten": [RESULTATENKOPPELING, SSO], "ingediend_op": timezone.now()}
    values.update(changes)
    return Aanvraag.objects.create(**values)


def _wachtwoord_pad(body: str) -> str:
    found = re.search(r"https?://\S+/koppelpartner/wachtwoord/\S+/", body)
    assert found, body
    return urlsplit(found.group(0)).path


# --- the public form -----------------------------------------------------------------------------


def test_the_form_is_public_and_shows_the_intro_and_the_four_couplings(client: Client) -> None:
    html = client.get("/koppelpartner/aanvragen/").content.decode()
    assert "Aanvraagformulier koppelingen" in html
    assert INTRO in html
    for label in (
        "Uitwisseling leerresultaten koppeling (UWLR)",
        "Generiek koppelvlak (GKV) - basis",
        "Generiek koppelvlak (GKV) - uitgebreid",
        "Single Sign On koppeling (SSO)",
    ):
        assert label in html
    assert "csrfmiddlewaretoken" in html
    assert "style=" not in html


def test_an_anonymous_user_applies_and_both_sides_get_an_e_mail(
    client: Client, las_beheerder: User, django_capture_on_commit_callbacks: Capture
) -> None:
    las_beheerder.email = "vera@las.example"
    las_beheerder.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/koppelpartner/aanvragen/", FORMULIER)
    assert response.status_code == 302
    assert response["Location"] == "/koppelpartner/aanvragen/bedankt/"
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == INGEDIEND
    assert aanvraag.soorten == [RESULTATENKOPPELING, SSO]  # in the order of the form
    assert [m.to for m in mail.outbox] == [[EMAIL], ["vera@las.example"]]
    assert "Single Sign On koppeling (SSO)" in mail.outbox[0].body
    assert f"/las-beheer/aanvragen/{aanvraag.pk}/" in mail.outbox[1].body
    assert "Bedankt" in client.get(response["Location"]).content.decode()


def test_the_form_needs_a_coupling_and_limits_lengths(client: Client) -> None:
    data = {**FORMULIER, "soorten": [], "organisatie": "x" * 201, "doel": "y" * 2001}
    html = client.post("/koppelpartner/aanvragen/", data).content.decode()
    assert "Kies ten minste één koppeling." in html
    assert html.count('class="errorlist') == 3
    assert not Aanvraag.objects.exists()


def test_a_line_break_in_a_one_line_field_is_refused(client: Client) -> None:
    data = {**FORMULIER, "organisatie": "Boom\r\nBcc: iedereen@example.org"}
    html = client.post("/koppelpartner/aanvragen/", data).content.decode()
    assert "Gebruik geen regeleinden" in html
    assert not Aanvraag.objects.exists()


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    html = client.get("/koppelpartner/aanvragen/").content.decode()
    assert re.search(r'<div class="verborgen" aria-hidden="true">\s*<label for="id_website">', html)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/koppelpartner/aanvragen/", {**FORMULIER, "website": "spam.example"}
        )
    assert response["Location"] == "/koppelpartner/aanvragen/bedankt/"
    assert not Aanvraag.objects.exists()
    assert mail.outbox == []


def test_at_most_five_applications_per_e_mail_address_per_day(client: Client) -> None:
    for _ in range(4):
        _aanvraag(emailadres=EMAIL.upper())
    _aanvraag(ingediend_op=timezone.now() - dt.timedelta(days=1, minutes=1))
    assert client.post("/koppelpartner/aanvragen/", FORMULIER).status_code == 302
    html = client.post("/koppelpartner/aanvragen/", FORMULIER).content.decode()
    assert "in de afgelopen 24 uur al 5 aanvragen ingediend" in html
    assert Aanvraag.objects.count() == 6


def test_the_form_is_protected_against_cross_site_posts() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/koppelpartner/aanvragen/", FORMULIER).status_code == 403
    assert not Aanvraag.objects.exists()


# --- LAS-beheer: who may ---------------------------------------------------------------------------


def test_only_las_beheer_reaches_the_applications(
    client: Client, beheerder_client: Client, medewerker_client: Client, las_beheer_client: Client
) -> None:
    aanvraag = _aanvraag()
    for pad in ("/las-beheer/aanvragen/", f"/las-beheer/aanvragen/{aanvraag.pk}/"):
        assert client.get(pad)["Location"].startswith(f"/inloggen/?next={pad}")
        assert beheerder_client.get(pad).status_code == 403
        assert medewerker_client.get(pad).status_code == 403
        assert las_beheer_client.get(pad).status_code == 200
    beheerder_client.post(f"/las-beheer/aanvragen/{aanvraag.pk}/goedkeuren/", {})
    aanvraag.refresh_from_db()
    assert aanvraag.status == INGEDIEND


# --- LAS-beheer: the list and the detail page ---------------------------------------------------


def test_the_list_filters_by_status_and_is_paginated(las_beheer_client: Client) -> None:
    for nummer in range(25):
        _aanvraag(organisatie=f"Uitgever {nummer:02d}")
    _aanvraag(organisatie="Afgewezen BV", status=AFGEWEZEN)
    html = las_beheer_client.get("/las-beheer/aanvragen/").content.decode()
    assert "1 t/m 20 (van 25)" in html
    assert "Afgewezen BV" not in html
    assert (
        "21 t/m 25 (van 25)"
        in las_beheer_client.get("/las-beheer/aanvragen/?pagina=2").content.decode()
    )
    afgewezen = las_beheer_client.get("/las-beheer/aanvragen/?status=afgewezen").content.decode()
    assert "Afgewezen BV" in afgewezen
    assert "1 t/m 1 (van 1)" in afgewezen
    alle = las_beheer_client.get("/las-beheer/aanvragen/?status=alle").content.decode()
    assert "(van 26)" in alle


def test_the_detail_page_shows_the_application_and_a_prefilled_approval(
    las_beheer_client: Client,
) -> None:
    aanvraag = _aanvraag()
    html = las_beheer_client.get(f"/las-beheer/aanvragen/{aanvraag.pk}/").content.decode()
    for text in (
        FORMULIER["contactpersoon"],
        EMAIL,
        FORMULIER["telefoonnummer"],
        FORMULIER["doel"],
    ):
        assert text in html
    assert 'value="Boom testcentrum UWLR"' in html
    klantcode = re.search(r'name="klantcode" value="([A-Z0-9]+)"', html)
    assert klantcode and len(klantcode.group(1)) == 8
    assert ">Goedkeuren</button>" in html
    assert ">Afwijzen</button>" in html
    assert las_beheer_client.get("/las-beheer/aanvragen/999999/").status_code == 404


def test_the_suggested_klantnaam_uses_the_first_requested_coupling() -> None:
    assert services.suggested_klantnaam("Boom testcentrum", [RESULTATENKOPPELING, SSO]) == (
        "Boom testcentrum UWLR"
    )
    assert services.suggested_klantnaam("Gynzy ", [GKV_BASIS]) == "Gynzy GKV basis"
    assert len(services.suggested_klantnaam("X" * 100, [SSO])) == 64


def test_generated_klantcodes_avoid_characters_that_look_alike() -> None:
    codes = {services.random_klantcode() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 8 and not set(code) & set("0O1I") for code in codes)


# --- LAS-beheer: approval ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_approval_creates_partner_and_log_in_and_mails_a_working_password_link(
    las_beheer_client: Client, las_beheerder: User, settings: Any
) -> None:
    settings.LAS_URL = "https://las.example"
    aanvraag = _aanvraag()
    response = las_beheer_client.post(
        f"/las-beheer/aanvragen/{aanvraag.pk}/goedkeuren/",
        {"klantnaam": "Boom testcentrum UWLR", "klantcode": "btc23456"},
        follow=True,
    )
    partner = Koppelpartner.objects.get(klantcode="BTC23456")
    assert partner.naam == "Boom testcentrum UWLR"
    assert set(partner.rechten.values_list("soort", flat=True)) == {RESULTATENKOPPELING, SSO}
    user = User.objects.get(username=EMAIL)
    assert user.partneraccount.partner == partner
    assert user.email == EMAIL
    assert not user.has_usable_password()
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.partner, aanvraag.behandeld_door) == (
        GOEDGEKEURD,
        partner,
        las_beheerder,
    )
    assert aanvraag.behandeld_op is not None
    html = response.content.decode()
    assert "De aanvraag is goedgekeurd" in html
    assert "<code>BTC23456</code>" in html  # the page keeps showing klantnaam and klantcode
    [bericht] = mail.outbox
    assert bericht.to == [EMAIL]
    assert "Klantnaam: Boom testcentrum UWLR" in bericht.body
    assert "Klantcode: BTC23456" in bericht.body
    assert "https://las.example/koppelpartner/wachtwoord/" in bericht.body
    _set_password_through_the_link(_wachtwoord_pad(bericht.body))
    partner_client = Client()
    login = RequestFactory().post("/inloggen/")  # django-axes wants the request
    assert partner_client.login(request=login, username=EMAIL, password=NIEUW_WACHTWOORD)
    assert "BTC23456" in partner_client.get("/koppelpartner/").content.decode()


def _set_password_through_the_link(pad: str) -> None:
    client = Client()
    form = client.get(pad, follow=True)
    assert "Wachtwoord instellen" in form.content.decode()
    assert 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == "/inloggen/"
    assert "Je wachtwoord is ingesteld" in done.content.decode()
    assert "ongeldig of verlopen" in client.get(pad, follow=True).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_keeps_the_approval_and_shows_the_data_to_pass_on(
    las_beheer_client: Client, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    aanvraag = _aanvraag()
    with caplog.at_level(logging.WARNING, logger="koppel.las.partners"):
        response = las_beheer_client.post(
            f"/las-beheer/aanvragen/{aanvraag.pk}/goedkeuren/",
            {"klantnaam": "Boom testcentrum UWLR", "klantcode": "BTC23456"},
            follow=True,
        )
    aanvraag.refresh_from_db()
    assert aanvraag.status == GOEDGEKEURD
    assert User.objects.filter(username=EMAIL, partneraccount__partner=aanvraag.partner).exists()
    html = response.content.decode()
    assert "kon niet worden verstuurd" in html
    assert "klantcode BTC23456" in html
    assert "goedkeuring.txt" in caplog.text
    assert "wachtwoord/" not in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    again = las_beheer_client.post(
        f"/las-beheer/aanvragen/{aanvraag.pk}/opnieuw-versturen/", follow=True
    )
    assert "opnieuw verstuurd" in again.content.decode()
    [bericht] = mail.outbox
    assert "Klantcode: BTC23456" in bericht.body


def test_the_klantnaam_and_klantcode_must_be_new(
    las_beheer_client: Client, partner: Koppelpartner
) -> None:
    aanvraag = _aanvraag()
    pad = f"/las-beheer/aanvragen/{aanvraag.pk}/goedkeuren/"
    taken_name = las_beheer_client.post(pad, {"klantnaam": partner.naam, "klantcode": "NIEUW234"})
    assert "Er is al een koppelpartner met deze klantnaam." in taken_name.content.decode()
    taken_code = las_beheer_client.post(pad, {"klantnaam": "Nieuw", "klantcode": partner.klantcode})
    assert "Er is al een koppelpartner met deze klantcode." in taken_code.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == INGEDIEND
    assert not User.objects.filter(username=EMAIL).exists()


def test_handling_an_application_twice_gives_a_clear_error(las_beheer_client: Client) -> None:
    aanvraag = _aanvraag()
    data = {"klantnaam": "Boom testcentrum UWLR", "klantcode": "BTC23456"}
    las_beheer_client.post(f"/las-beheer/aanvragen/{aanvraag.pk}/goedkeuren/", data)
    again = las_beheer_client.post(
        f"/las-beheer/aanvragen/{aanvraag.pk}/afwijzen/", {"reden": "Dubbel"}, follow=True
    )
    assert "Deze aanvraag is al behandeld (status: goedgekeurd)." in again.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == GOEDGEKEURD
    assert Koppelpartner.objects.count() == 1


# --- LAS-beheer: rejection ---------------------------------------------------------------------------


def test_rejection_needs_a_reason_and_mails_it(
    las_beheer_client: Client, las_beheerder: User, django_capture_on_commit_callbacks: Capture
) -> None:
    aanvraag = _aanvraag()
    pad = f"/las-beheer/aanvragen/{aanvraag.pk}/afwijzen/"
    assert "Dit veld is verplicht." in las_beheer_client.post(pad, {"reden": ""}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = las_beheer_client.post(pad, {"reden": "Wij bieden geen SSO aan."})
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.reden, aanvraag.behandeld_door) == (
        AFGEWEZEN,
        "Wij bieden geen SSO aan.",
        las_beheerder,
    )
    assert aanvraag.partner is None
    [bericht] = mail.outbox
    assert bericht.to == [EMAIL]
    assert "Wij bieden geen SSO aan." in bericht.body
    assert not Koppelpartner.objects.exists()
