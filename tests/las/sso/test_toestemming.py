"""Consent once per user and partner, the right check (active coupling, running SSO right) with
its Dutch refusal page and audit, and the beheerder's "Ingelogd bij koppelpartijen" with revoking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client as Browser
from django.utils import timezone
from oauth2_provider.models import AccessToken, Grant

from koppel.las.accounts import services as accounts
from koppel.las.koppelingen.models import SSO, Gegevenstoegang, Koppeling, Koppelpartner, Recht
from koppel.las.school import services as school_services
from koppel.las.school.seeding import plan_school
from koppel.las.sso.models import Toestemming
from koppel.las.sso.services import INLOGGEN, INTREKKEN
from tests.las.helpers import SCHOOLJAAR
from tests.las.sso.flow import AUTHORIZE, Client, Poging, approve, authorize_params, exchange, query

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client: Browser, juf: User) -> Browser:
    client.force_login(juf)
    return client


def _ask(browser: Browser, oidc_client: Client) -> int:
    return browser.get(AUTHORIZE, authorize_params(oidc_client, Poging())).status_code


def test_consent_is_asked_on_first_use_in_dutch(ingelogd: Browser, oidc_client: Client) -> None:
    response = ingelogd.get(AUTHORIZE, authorize_params(oidc_client, Poging()))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Inloggen bij Boom testcentrum" in text and "Toestaan" in text
    assert "Je school (BRIN), je rol, je groepen en je ECK-iD" in text


def test_a_second_sign_in_skips_consent(ingelogd: Browser, oidc_client: Client) -> None:
    approve(ingelogd, oidc_client, Poging())
    response = ingelogd.get(AUTHORIZE, authorize_params(oidc_client, Poging()))
    assert response.status_code == 302 and "code" in query(response["Location"])


def test_refusing_consent_returns_access_denied_and_stores_nothing(
    ingelogd: Browser, oidc_client: Client
) -> None:
    form = ingelogd.get(AUTHORIZE, authorize_params(oidc_client, Poging())).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    response = ingelogd.post(AUTHORIZE, data)
    assert query(response["Location"])["error"] == "access_denied"
    assert not Toestemming.objects.exists()


def test_a_sign_in_is_audited_in_gegevenstoegang(ingelogd: Browser, oidc_client: Client) -> None:
    approve(ingelogd, oidc_client, Poging())
    rij = Gegevenstoegang.objects.get(operatie=INLOGGEN)
    assert (rij.uitkomst, rij.door, rij.school.brincode) == ("Gelukt", "juf", "99XX")


def test_a_school_without_an_active_coupling_is_refused(
    ingelogd: Browser, oidc_client: Client
) -> None:
    Koppeling.objects.update(actief=False)
    response = ingelogd.get(AUTHORIZE, authorize_params(oidc_client, Poging()))
    assert response.status_code == 403
    assert "geen actieve koppeling met Boom testcentrum" in response.content.decode()
    assert Gegevenstoegang.objects.get(operatie=INLOGGEN).uitkomst == "Geweigerd"


@pytest.mark.parametrize(
    ("begin", "eind"), [(-10, -1), (1, None)], ids=["ended-yesterday", "starts-tomorrow"]
)
def test_a_partner_whose_sso_right_does_not_run_today_is_refused(
    ingelogd: Browser, oidc_client: Client, begin: int, eind: int | None
) -> None:
    today = timezone.localdate()
    Recht.objects.filter(soort=SSO).update(
        begindatum=today + dt.timedelta(days=begin),
        einddatum=None if eind is None else today + dt.timedelta(days=eind),
    )
    response = ingelogd.get(AUTHORIZE, authorize_params(oidc_client, Poging()))
    assert response.status_code == 403
    assert "geen lopend recht op Single Sign On" in response.content.decode()


def test_a_right_ending_today_still_counts(ingelogd: Browser, oidc_client: Client) -> None:
    Recht.objects.filter(soort=SSO).update(einddatum=timezone.localdate())
    assert _ask(ingelogd, oidc_client) == 200


def test_the_beheerder_sees_who_signed_in_at_which_partner(
    ingelogd: Browser, oidc_client: Client, beheerder: User
) -> None:
    approve(ingelogd, oidc_client, Poging())
    pagina = Browser()
    pagina.force_login(beheerder)
    text = pagina.get("/beheer/ingelogd-bij-koppelpartijen/").content.decode()
    assert "Juf Jansen" in text and "Boom testcentrum" in text and "Intrekken" in text


def test_revoking_deletes_tokens_and_asks_consent_again(
    ingelogd: Browser, oidc_client: Client, beheerder: User
) -> None:
    poging = Poging()
    code = query(approve(ingelogd, oidc_client, poging))["code"]
    exchange(ingelogd, oidc_client, code, poging.verifier)
    pagina = Browser()
    pagina.force_login(beheerder)
    toestemming = Toestemming.objects.get()
    pagina.post(f"/beheer/ingelogd-bij-koppelpartijen/{toestemming.pk}/intrekken/")
    assert not AccessToken.objects.exists() and not Grant.objects.exists()
    assert not Toestemming.objects.exists()
    assert Gegevenstoegang.objects.filter(operatie=INTREKKEN, door="beheerder").exists()
    assert _ask(ingelogd, oidc_client) == 200


def test_a_teacher_may_not_open_the_beheer_page(ingelogd: Browser) -> None:
    assert ingelogd.get("/beheer/ingelogd-bij-koppelpartijen/").status_code == 403


def test_a_beheerder_of_another_school_cannot_revoke(
    ingelogd: Browser, oidc_client: Client, sso_partner: Koppelpartner
) -> None:
    approve(ingelogd, oidc_client, Poging())
    ander = school_services.seed_school(
        plan_school(brincode="88YY", leerlingen=5, seed=8, schooljaar=SCHOOLJAAR)
    )
    user = accounts.create_user("ander", wachtwoord=None)
    accounts.grant_school(user, ander, rol="beheerder")
    pagina = Browser()
    pagina.force_login(user)
    toestemming = Toestemming.objects.get()
    assert "Juf" not in pagina.get("/beheer/ingelogd-bij-koppelpartijen/").content.decode()
    url = f"/beheer/ingelogd-bij-koppelpartijen/{toestemming.pk}/intrekken/"
    assert pagina.post(url).status_code == 404
    assert Toestemming.objects.exists()


def test_the_consent_page_lets_its_form_end_at_the_registered_partner(
    ingelogd: Browser, oidc_client: Client
) -> None:
    response = ingelogd.get(AUTHORIZE, authorize_params(oidc_client, Poging()))
    assert "form-action 'self' https://ea.example;" in response["Content-Security-Policy"]


def test_the_log_in_page_of_a_flow_lets_its_form_end_at_the_partner(
    client: Browser, oidc_client: Client
) -> None:
    flow = client.get(AUTHORIZE, authorize_params(oidc_client, Poging()))["Location"]
    response = client.get(flow)
    assert "form-action 'self' https://ea.example;" in response["Content-Security-Policy"]


def test_an_unregistered_redirect_uri_gains_no_form_action(
    client: Browser, oidc_client: Client
) -> None:
    params = authorize_params(oidc_client, Poging(), redirect_uri="https://evil.example/")
    flow = client.get(AUTHORIZE, params)["Location"]
    assert "form-action 'self';" in client.get(flow)["Content-Security-Policy"]
