"""Beheer → Koppelingen: the list, the koppeling page and its actions (Afnemen, a new
autorisatiesleutel shown once, Deactiveren), the data set a partner receives, and who may do what."""

from __future__ import annotations

import dataclasses
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from lxml import etree, html

from koppel.las.koppelingen import services
from koppel.las.koppelingen.models import (
    AFNEMEN,
    Gegevenstoegang,
    Koppeling,
    Koppelpartner,
)
from koppel.las.school.models import School
from koppel.uwlr import messages as m
from koppel.uwlr.codec import decode
from tests.las.helpers import Antwoord, Gekoppeld, Post, couple, verzoek

pytestmark = pytest.mark.django_db

SLEUTEL = re.compile(r'<code id="autorisatiesleutel">([^<]+)</code>')
LET_OP = "LET OP: Deze sleutel wordt slechts eenmalig weergegeven en kan alleen opnieuw ingesteld worden."


@pytest.fixture
def koppeling(school: School, partner: Koppelpartner) -> Koppeling:
    """A coupling the partner suggested; not active, no key."""
    return services.suggest(school=school, partner=partner)


def url(koppeling: Koppeling, actie: str = "") -> str:
    return f"/beheer/koppelingen/{koppeling.pk}/" + (f"{actie}/" if actie else "")


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def text(content: str) -> str:
    """The visible text of a page, whitespace collapsed."""
    return " ".join(" ".join(html.fromstring(content).itertext()).split())


def new_key(client: Client, koppeling: Koppeling) -> str:
    response = client.post(url(koppeling, "sleutel"))
    assert response.status_code == 200
    found = SLEUTEL.search(response.content.decode())
    assert found is not None
    return found.group(1)


def uwlr_fault(post: Post, sleutel: str) -> str | None:
    autorisatie = Gekoppeld(Koppeling.objects.get(school__brincode="99XX"), sleutel).autorisatie()
    return post(verzoek(), autorisatie).faultcode


# --- the list -------------------------------------------------------------------------------------


def test_the_list_shows_the_schools_couplings_with_the_manuals_columns(
    beheerder_client: Client, koppeling: Koppeling, school: School
) -> None:
    actief = services.suggest(
        school=school, partner=services.add_partner(naam="DWE-ICT", klantcode="DWE")
    )
    services.activate(actief, door="Testaccount van OpenId")
    content = text(page(beheerder_client, "/beheer/koppelingen/"))
    assert "Koppelingen - 1 t/m 2 (van 2)" in content
    assert "Naam Actief Datum van suggestie Datum van activatie Geactiveerd door" in content
    vandaag = timezone.localtime(koppeling.gesuggereerd_op).strftime("%d-%m-%Y")
    assert f"Boom testcentrum Nee {vandaag}" in content
    assert f"DWE-ICT Ja {vandaag} {vandaag} Testaccount van OpenId" in content


def test_the_list_has_20_per_page_sorted_by_name_so_a_partner_may_be_on_page_2(
    beheerder_client: Client, school: School
) -> None:
    for nummer in range(24):
        partner = services.add_partner(naam=f"Aanbieder {nummer:02}", klantcode=f"A{nummer}")
        services.suggest(school=school, partner=partner)
    boom = services.add_partner(naam="Boom testcentrum UWLR", klantcode="BOOM-UWLR")
    services.suggest(school=school, partner=boom)
    eerste = page(beheerder_client, "/beheer/koppelingen/")
    assert "Koppelingen - 1 t/m 20 (van 25)" in eerste
    assert "Aanbieder 00" in eerste and "Boom testcentrum UWLR" not in eerste
    assert 'href="?pagina=2"' in eerste
    tweede = page(beheerder_client, "/beheer/koppelingen/?pagina=2")
    assert "Koppelingen - 21 t/m 25 (van 25)" in tweede
    assert "Boom testcentrum UWLR" in tweede and "Aanbieder 00" not in tweede


def test_the_list_shows_no_coupling_of_another_school(
    beheerder_client: Client, andere_school: School, partner: Koppelpartner
) -> None:
    services.suggest(school=andere_school, partner=partner)
    content = page(beheerder_client, "/beheer/koppelingen/")
    assert "Koppelingen - 0 t/m 0 (van 0)" in content
    assert "Boom testcentrum" not in content


# --- the koppeling page and Afnemen ---------------------------------------------------------------


def test_the_koppeling_page_shows_the_rights_and_the_couplings_data(
    beheerder_client: Client, koppeling: Koppeling
) -> None:
    content = page(beheerder_client, url(koppeling))
    assert "<h1>Boom testcentrum</h1>" in content
    zichtbaar = text(content)
    begin = koppeling.partner.rechten.get().begindatum.strftime("%d-%m-%Y")
    assert "Koppelpartij heeft toegang tot de volgende webservices - 1 t/m 1 (van 1)" in zichtbaar
    assert (
        f"Recht Begindatum Einddatum GKV tijdens kantooruren Resultatenkoppeling {begin} Nee"
        in (zichtbaar)
    )
    assert "Gegevens van de koppeling voor deze school Koppeling actief Nee" in zichtbaar
    assert "Autorisatiesleutel aanwezig Nee Profiel Smalle set" in zichtbaar
    for knop in ("Afnemen", "Resultatenkoppeling gegevensset inzien", "Terug naar overzicht"):
        assert f">{knop}<" in content
    assert ">Deactiveren<" not in content and "Nieuwe autorisatiesleutel instellen" not in content


def test_afnemen_opens_a_dialog_that_posts_the_definitive_activation(
    beheerder_client: Client, koppeling: Koppeling
) -> None:
    tree = html.fromstring(page(beheerder_client, url(koppeling)))
    (knop,) = tree.xpath('//button[@data-dialog="afnemen-bevestigen"]')
    assert knop.text == "Afnemen"
    assert knop.getparent().get("method") == "get"
    assert knop.getparent().get("action") == url(koppeling, "afnemen")
    (dialog,) = tree.xpath('//dialog[@id="afnemen-bevestigen"]')
    assert (
        "Je gaat de koppeling met Boom testcentrum definitief activeren." in dialog.text_content()
    )
    (form,) = dialog.xpath(".//form")
    assert (form.get("method"), form.get("action")) == ("post", url(koppeling, "afnemen"))
    assert form.xpath('.//button[@type="submit"]')[0].text == "Akkoord"
    assert form.xpath(".//button[@data-dialog-close]")[0].text == "Annuleren"


def test_a_get_of_afnemen_only_asks_for_confirmation(
    beheerder_client: Client, koppeling: Koppeling
) -> None:
    content = page(beheerder_client, url(koppeling, "afnemen"))
    assert "definitief activeren" in content and ">Akkoord<" in content
    assert not Koppeling.objects.get().actief
    assert not Gegevenstoegang.objects.filter(operatie=AFNEMEN).exists()


def test_afnemen_activates_the_coupling_and_records_who_did_it(
    beheerder_client: Client, koppeling: Koppeling
) -> None:
    response = beheerder_client.post(url(koppeling, "afnemen"))
    assert (response.status_code, response["Location"]) == (302, url(koppeling))
    gevolgd = text(page(beheerder_client, url(koppeling)))
    assert "De koppeling met Boom testcentrum is geactiveerd." in gevolgd
    assert "Koppeling actief Ja" in gevolgd and "Geactiveerd door Anna de Vries" in gevolgd
    assert "Autorisatiesleutel aanwezig Nee" in gevolgd
    rij = Gegevenstoegang.objects.get(operatie=AFNEMEN)
    assert (rij.door, rij.remote_addr) == ("Anna de Vries", "127.0.0.1")


def test_an_action_that_does_not_fit_the_state_gives_an_error_message(
    beheerder_client: Client, koppeling: Koppeling
) -> None:
    response = beheerder_client.post(url(koppeling, "sleutel"), follow=True)
    assert "Alleen een actieve koppeling krijgt een nieuwe autorisatiesleutel." in text(
        response.content.decode()
    )
    beheerder_client.post(url(koppeling, "afnemen"))
    response = beheerder_client.post(url(koppeling, "afnemen"), follow=True)
    assert "De koppeling is al actief." in response.content.decode()


# --- the key --------------------------------------------------------------------------------------


def test_a_new_key_is_shown_once_and_opens_the_uwlr_service(
    beheerder_client: Client, koppeling: Koppeling, post: Post
) -> None:
    beheerder_client.post(url(koppeling, "afnemen"))
    response = beheerder_client.post(url(koppeling, "sleutel"))
    assert response["Cache-Control"] == "no-store"
    content = response.content.decode()
    sleutel = SLEUTEL.search(content).group(1)  # type: ignore[union-attr]
    assert "Sleutel voor de resultatenkoppeling." in content and LET_OP in content
    assert 'data-copy="autorisatiesleutel">Kopiëren<' in content
    assert "Autorisatiesleutel aanwezig Ja" in text(content)
    assert uwlr_fault(post, sleutel) is None
    assert sleutel not in page(beheerder_client, url(koppeling))
    assert sleutel not in str(dict(beheerder_client.session))


def test_a_second_key_is_confirmed_first_and_stops_the_old_key(
    beheerder_client: Client, koppeling: Koppeling, post: Post
) -> None:
    beheerder_client.post(url(koppeling, "afnemen"))
    oud = new_key(beheerder_client, koppeling)
    tree = html.fromstring(page(beheerder_client, url(koppeling)))
    (knop,) = tree.xpath('//button[@data-dialog="sleutel-bevestigen"]')
    assert knop.text == "Nieuwe autorisatiesleutel instellen"
    (dialog,) = tree.xpath('//dialog[@id="sleutel-bevestigen"]')
    assert "werkt de oude sleutel direct niet meer" in dialog.text_content()
    assert dialog.xpath('.//form[@method="post"]//button[@type="submit"]')[0].text == (
        "Nieuwe sleutel instellen"
    )
    assert "Nieuwe sleutel instellen" in page(beheerder_client, url(koppeling, "sleutel"))
    nieuw = new_key(beheerder_client, koppeling)
    assert nieuw != oud
    assert uwlr_fault(post, oud) == "Client.AutorisatieOngeldig"
    assert uwlr_fault(post, nieuw) is None


def _stand(content: str, actie: str) -> str:
    """The hidden ``stand`` of the page's POST form to ``actie``."""
    (waarde,) = html.fromstring(content).xpath(
        f'//form[@method="post"][contains(@action, "/{actie}/")]//input[@name="stand"]/@value'
    )
    return str(waarde)


def test_a_resubmitted_key_form_sets_no_other_key_and_says_why(
    beheerder_client: Client, koppeling: Koppeling, post: Post
) -> None:
    beheerder_client.post(url(koppeling, "afnemen"))
    stand = _stand(page(beheerder_client, url(koppeling)), "sleutel")
    assert stand == ""  # no key yet
    eerste = beheerder_client.post(url(koppeling, "sleutel"), {"stand": stand})
    sleutel = SLEUTEL.search(eerste.content.decode()).group(1)  # type: ignore[union-attr]
    digest = Koppeling.objects.get(pk=koppeling.pk).sleutel_digest

    nogmaals = beheerder_client.post(url(koppeling, "sleutel"), {"stand": stand}, follow=True)
    assert SLEUTEL.search(nogmaals.content.decode()) is None
    assert "Er is intussen al een nieuwe autorisatiesleutel ingesteld" in text(
        nogmaals.content.decode()
    )
    assert Koppeling.objects.get(pk=koppeling.pk).sleutel_digest == digest
    assert uwlr_fault(post, sleutel) is None

    nieuwe_stand = _stand(eerste.content.decode(), "sleutel")  # the dialog on the key's page
    assert nieuwe_stand != stand
    assert new_key_met(beheerder_client, koppeling, nieuwe_stand) != sleutel


def new_key_met(client: Client, koppeling: Koppeling, stand: str) -> str:
    response = client.post(url(koppeling, "sleutel"), {"stand": stand})
    found = SLEUTEL.search(response.content.decode())
    assert found is not None
    return found.group(1)


# --- Deactiveren ----------------------------------------------------------------------------------


def test_deactiveren_asks_first_and_then_stops_the_partners_access(
    beheerder_client: Client, gekoppeld: Gekoppeld, post: Post
) -> None:
    koppeling = gekoppeld.koppeling
    tree = html.fromstring(page(beheerder_client, url(koppeling)))
    (dialog,) = tree.xpath('//dialog[@id="deactiveren-bevestigen"]')
    (form,) = dialog.xpath(".//form")
    assert (form.get("method"), form.get("action")) == ("post", url(koppeling, "deactiveren"))
    assert form.xpath('.//button[@type="submit"]')[0].text == "Ja, deactiveren"
    assert "Ja, deactiveren" in page(beheerder_client, url(koppeling, "deactiveren"))
    assert uwlr_fault(post, gekoppeld.sleutel) is None
    response = beheerder_client.post(url(koppeling, "deactiveren"))
    assert response.status_code == 302
    assert uwlr_fault(post, gekoppeld.sleutel) == "Client.AutorisatieOngeldig"
    gevolgd = text(page(beheerder_client, url(koppeling)))
    assert "is gedeactiveerd" in gevolgd and "Koppeling actief Nee" in gevolgd


# --- Resultatenkoppeling gegevensset inzien -------------------------------------------------------

# where each kind of the data set is in the UWLR answer
IN_ANTWOORD = {
    "school": "lg:leerlinggegevens/lg:school",
    "groepen": "lg:leerlinggegevens/lg:groepen/lg:groep",
    "samengestelde_groepen": "lg:leerlinggegevens/lg:groepen/lg:samengestelde_groep",
    "leerlingen": "lg:leerlinggegevens/lg:leerlingen/lg:leerling",
    "leerkrachten": "lg:leerlinggegevens/lg:leerkrachten/lg:leerkracht",
}


def velden_in_antwoord(antwoord: Antwoord) -> dict[str, set[str]]:
    """Per kind, every element and attribute sent for at least one item, as field names."""
    velden: dict[str, set[str]] = {}
    for soort, path in IN_ANTWOORD.items():
        namen = velden.setdefault(soort, set())
        for item in antwoord.findall(".//" + path):
            namen |= {etree.QName(c).localname.replace("-", "_") for c in item} | set(item.attrib)
    return velden


def velden_op_pagina(content: str) -> dict[str, set[str]]:
    tree = html.fromstring(content)
    return {
        soort: set(tree.xpath(f'//table[@data-soort="{soort}"]//th/@data-veld'))
        for soort in IN_ANTWOORD
    }


@pytest.mark.parametrize(
    ("profiel", "xsdversie"),
    [("smalle-set", "2.2"), ("lvs-set", "2.2"), ("lvs-set", "2.1"), ("smalle-set", "2.3")],
)
def test_the_data_set_shows_exactly_the_fields_of_the_real_uwlr_answer(
    beheerder_client: Client,
    gekoppeld: Gekoppeld,
    post: Post,
    profiel: str,
    xsdversie: str,
) -> None:
    koppeling = services.suggest(
        school=gekoppeld.koppeling.school, partner=gekoppeld.koppeling.partner, profiel=profiel
    )
    content = page(beheerder_client, url(koppeling, "gegevensset") + f"?xsdversie={xsdversie}")
    antwoord = post(verzoek(xsdversie=xsdversie), gekoppeld.autorisatie())
    assert velden_op_pagina(content) == velden_in_antwoord(antwoord)


def test_the_profile_and_version_decide_which_fields_the_page_shows(
    beheerder_client: Client, gekoppeld: Gekoppeld
) -> None:
    pad = url(gekoppeld.koppeling, "gegevensset")
    smal = velden_op_pagina(page(beheerder_client, pad))
    services.suggest(
        school=gekoppeld.koppeling.school, partner=gekoppeld.koppeling.partner, profiel="lvs-set"
    )
    lvs = velden_op_pagina(page(beheerder_client, pad))
    assert {"bsn_ondwnr_4", "geslacht"} <= lvs["leerlingen"] - smal["leerlingen"]
    assert "emailadres" in smal["leerkrachten"] - lvs["leerkrachten"]
    assert "omschrijving" in lvs["samengestelde_groepen"] - smal["samengestelde_groepen"]
    assert "eckid" in lvs["leerlingen"]
    assert (
        "eckid"
        not in velden_op_pagina(page(beheerder_client, pad + "?xsdversie=2.1"))["leerlingen"]
    )


def test_the_data_set_pages_the_pupils_by_50_and_keeps_the_version(
    beheerder_client: Client, gekoppeld: Gekoppeld
) -> None:
    pad = url(gekoppeld.koppeling, "gegevensset")
    eerste = text(page(beheerder_client, pad + "?xsdversie=2.3"))
    assert "Leerlingen - 1 t/m 50 (van 60)" in eerste and "Groepen - 1 t/m 4 (van 4)" in eerste
    assert 'href="?xsdversie=2.3&amp;pagina=2"' in page(beheerder_client, pad + "?xsdversie=2.3")
    tweede = page(beheerder_client, pad + "?xsdversie=2.3&pagina=2")
    assert "Leerlingen - 51 t/m 60 (van 60)" in text(tweede)
    assert '<option value="2.3" selected>' in tweede


def test_the_xml_download_is_the_answer_the_partner_gets(
    beheerder_client: Client, gekoppeld: Gekoppeld, post: Post
) -> None:
    response = beheerder_client.get(url(gekoppeld.koppeling, "gegevensset") + "?formaat=xml")
    assert response["Content-Disposition"].startswith('attachment; filename="gegevensset-99XX00-')
    assert response["Cache-Control"] == "no-store"
    download = decode(response.content).body
    echt = decode(post(verzoek(), gekoppeld.autorisatie()).content).body
    assert isinstance(download, m.LeerlinggegevensAntwoord)
    assert isinstance(echt, m.LeerlinggegevensAntwoord)
    d, e = download.inhoud, echt.inhoud
    assert isinstance(d, m.Leerlinggegevens) and isinstance(e, m.Leerlinggegevens)
    assert (d.groepen, d.leerlingen, d.leerkrachten) == (e.groepen, e.leerlingen, e.leerkrachten)
    assert dataclasses.replace(d.school, aanmaakdatum=None) == dataclasses.replace(
        e.school, aanmaakdatum=None
    )


def test_viewing_the_data_set_records_no_delivery_and_changes_nothing(
    beheerder_client: Client, koppeling: Koppeling
) -> None:
    voor = (Gegevenstoegang.objects.count(), Koppeling.objects.values().get())
    content = page(beheerder_client, url(koppeling, "gegevensset"))
    beheerder_client.get(url(koppeling, "gegevensset") + "?formaat=xml&xsdversie=2.1")
    assert "De koppeling is nog niet actief" in content and "Leerlingen - 1 t/m 50" in content
    assert (Gegevenstoegang.objects.count(), Koppeling.objects.values().get()) == voor


# --- who may do what ------------------------------------------------------------------------------


def paths(koppeling: Koppeling) -> list[str]:
    return [url(koppeling), url(koppeling, "gegevensset"), "/beheer/koppelingen/"]


ACTIES = ("afnemen", "sleutel", "deactiveren")


def test_a_medewerker_gets_403_on_every_page_and_action(
    medewerker_client: Client, gekoppeld: Gekoppeld
) -> None:
    koppeling, digest = gekoppeld.koppeling, Koppeling.objects.get().sleutel_digest
    for path in paths(koppeling):
        assert medewerker_client.get(path).status_code == 403
    for actie in ACTIES:
        assert medewerker_client.post(url(koppeling, actie)).status_code == 403
    assert Koppeling.objects.get().sleutel_digest == digest


def test_a_beheerder_of_another_school_gets_404_on_the_coupling_and_every_post(
    ander_client: Client, gekoppeld: Gekoppeld, post: Post
) -> None:
    koppeling = gekoppeld.koppeling
    for path in paths(koppeling)[:2]:
        assert ander_client.get(path).status_code == 404
    for actie in ACTIES:
        assert ander_client.get(url(koppeling, actie)).status_code == 404
        assert ander_client.post(url(koppeling, actie)).status_code == 404
    assert uwlr_fault(post, gekoppeld.sleutel) is None


def test_state_changes_need_the_csrf_token(beheerder: User, koppeling: Koppeling) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(beheerder, backend="django.contrib.auth.backends.ModelBackend")
    for actie in ACTIES:
        assert client.post(url(koppeling, actie)).status_code == 403
    assert not Koppeling.objects.get().actief
    client.get(url(koppeling))
    token = client.cookies["csrftoken"].value
    response = client.post(url(koppeling, "afnemen"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Koppeling.objects.get().actief


def test_the_pages_accept_no_post(beheerder_client: Client, koppeling: Koppeling) -> None:
    assert beheerder_client.post("/beheer/koppelingen/").status_code == 405
    assert beheerder_client.post(url(koppeling)).status_code == 405
    assert beheerder_client.post(url(koppeling, "gegevensset")).status_code == 405


def test_the_pages_keep_to_the_content_security_policy(
    beheerder_client: Client, gekoppeld: Gekoppeld
) -> None:
    koppeling = gekoppeld.koppeling
    for path in [*paths(koppeling), url(koppeling, "deactiveren")]:
        content = page(beheerder_client, path)
        assert "<script>" not in content and "style=" not in content
        assert not re.search(r"\son[a-z]+=", content)


def test_a_coupling_of_the_school_is_found_by_primary_key_only_within_the_school(
    beheerder_client: Client, andere_school: School, partner: Koppelpartner
) -> None:
    ander = couple(andere_school, partner).koppeling
    assert beheerder_client.get(url(ander)).status_code == 404
    assert beheerder_client.post(url(ander, "deactiveren")).status_code == 404
    assert Koppeling.objects.get(pk=ander.pk).actief
