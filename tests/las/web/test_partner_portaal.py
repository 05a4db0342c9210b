"""The partner's own pages: its klantcode, rights and couplings, and suggesting a coupling to a
school by BRIN (which then waits in the school's Beheer → Koppelingen, Actief = Nee)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client

from koppel.common.web.templatetags.koppel_web import datum
from koppel.las.accounts import services as accounts
from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import (
    LVS_SET,
    SMALLE_SET,
    SSO,
    SUGGESTIE,
    Gegevenstoegang,
    Koppeling,
    Koppelpartner,
)
from koppel.las.partners.emails import wachtwoord_link
from koppel.las.partners.models import Partneraccount
from koppel.las.school.models import School
from tests.las.helpers import Gekoppeld

pytestmark = pytest.mark.django_db

GEEN_SCHOOL = "Er is geen school met deze BRIN-code."


def _partner_client(partner: Koppelpartner, gebruikersnaam: str) -> Client:
    user = accounts.create_user(gebruikersnaam, wachtwoord=None, emailadres=gebruikersnaam)
    Partneraccount.objects.create(user=user, partner=partner)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def partner_client(partner: Koppelpartner) -> Client:
    return _partner_client(partner, "jan@boom.example")


def _voorstellen(client: Client, brincode: str, **extra: str) -> str:
    data = {"brincode": brincode, "dependancecode": "00", "profiel": SMALLE_SET, **extra}
    return client.post("/koppelpartner/", data, follow=True).content.decode()


def test_the_portal_needs_a_log_in_with_a_partneraccount(
    client: Client, beheerder_client: Client, medewerker_client: Client, las_beheer_client: Client
) -> None:
    assert client.get("/koppelpartner/")["Location"].startswith("/inloggen/?next=/koppelpartner/")
    for other in (beheerder_client, medewerker_client, las_beheer_client):
        assert other.get("/koppelpartner/").status_code == 403


def test_a_partner_is_sent_to_its_portal_from_the_start_page(partner_client: Client) -> None:
    assert partner_client.get("/")["Location"] == "/koppelpartner/"


def test_the_portal_shows_klantcode_rights_and_couplings(
    partner_client: Client, gekoppeld: Gekoppeld, school: School
) -> None:
    html = partner_client.get("/koppelpartner/").content.decode()
    assert "<code>BOOM-01</code>" in html
    assert "<td>Resultatenkoppeling</td>" in html
    assert school.naam in html
    assert "<td>99XX00</td>" in html
    assert "<td>Ja</td>" in html
    assert "Koppelingen - 1 t/m 1 (van 1)" in html
    assert "Koppeling voorstellen aan een school" in html
    assert "style=" not in html


def test_a_partner_sees_only_its_own_couplings(
    partner_client: Client, school: School, andere_school: School
) -> None:
    ander = koppelingen.add_partner(naam="Gynzy", klantcode="GYNZY")
    koppelingen.suggest(school=andere_school, partner=ander)
    html = partner_client.get("/koppelpartner/").content.decode()
    assert andere_school.naam not in html
    assert "Je hebt nog geen koppelingen voorgesteld." in html


def test_a_partner_suggests_a_coupling_to_a_school_by_brin(
    partner_client: Client, partner: Koppelpartner, school: School, beheerder_client: Client
) -> None:
    html = _voorstellen(partner_client, "99xx", dependancecode="", profiel=LVS_SET)
    assert f"De koppeling is voorgesteld aan {school.naam} (99XX00)." in html
    koppeling = Koppeling.objects.get(partner=partner)
    assert (koppeling.school, koppeling.actief, koppeling.profiel) == (school, False, LVS_SET)
    assert koppeling.geactiveerd_op is None
    assert dt.datetime.now(dt.UTC) - koppeling.gesuggereerd_op < dt.timedelta(minutes=1)
    assert Gegevenstoegang.objects.filter(koppeling=koppeling, operatie=SUGGESTIE).exists()
    assert "<td>Nee</td>" in html
    # the school sees it under Beheer → Koppelingen with its date of suggestion, not yet active
    lijst = beheerder_client.get("/beheer/koppelingen/").content.decode()
    rij = rf"{partner.naam}</a></td>\s*<td>Nee</td>\s*<td>{datum(koppeling.gesuggereerd_op)}</td>"
    assert re.search(rij, lijst), lijst


def test_an_unknown_brin_gives_a_form_error_and_nothing_more(
    partner_client: Client, school: School
) -> None:
    for brincode, dependancecode in (("12AB", "00"), ("99XX", "01")):
        html = _voorstellen(partner_client, brincode, dependancecode=dependancecode)
        assert GEEN_SCHOOL in html
    assert "Een BRIN-code is vier cijfers of letters." in _voorstellen(partner_client, "9-XX")
    assert not Koppeling.objects.exists()


def test_an_existing_coupling_is_reported_as_already_suggested(
    partner_client: Client, gekoppeld: Gekoppeld, school: School
) -> None:
    html = _voorstellen(partner_client, "99XX", profiel=LVS_SET)
    assert f"De koppeling is al eerder voorgesteld aan {school.naam}." in html
    koppeling = Koppeling.objects.get()
    assert (koppeling.actief, koppeling.profiel) == (True, SMALLE_SET)


def test_a_suggestion_needs_the_resultatenkoppeling_right(school: School) -> None:
    sso = koppelingen.add_partner(naam="Inlogdienst", klantcode="SSO-01", rechten=(SSO,))
    client = _partner_client(sso, "sso@inlog.example")
    assert "Koppeling voorstellen aan een school" in client.get("/koppelpartner/").content.decode()
    assert 'name="brincode"' not in client.get("/koppelpartner/").content.decode()
    html = _voorstellen(client, "99XX")
    assert "het recht Resultatenkoppeling nodig" in html
    assert GEEN_SCHOOL not in html  # no answer about the school without the right
    assert not Koppeling.objects.exists()


def test_the_password_link_works_for_partners_only(beheerder: User) -> None:
    pad = urlsplit(wachtwoord_link(beheerder)).path
    html = Client().get(pad, follow=True).content.decode()
    assert "ongeldig of verlopen" in html
    assert 'name="new_password1"' not in html
