"""Beheer → "Resultaten naar LAS" and the klantenservice list of failed results, through Django's
test client: counts, filter, pages of 25, the reasons, and "Opnieuw versturen" (one or ticked)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koppel.ea.klanten.models import Klant
from koppel.ea.resultaten.models import IN_WACHTRIJ, MISLUKT, VERZONDEN, Resultaat, Uitgaand
from tests.ea.levering_factories import maak_leerlingen, maak_resultaten, maak_toets

pytestmark = pytest.mark.django_db

OVERZICHT = reverse("resultaten:overzicht")
OPNIEUW = reverse("resultaten:opnieuw")
MISLUKT_LIJST = reverse("resultaten:mislukt")
FOUT = "Het LAS kent deze leerling niet. (Client.LeerlingOngeldig)"


def _resultaten(klant: Klant, leerlingen: int) -> list[Resultaat]:
    pupils = maak_leerlingen(klant, [(f"LL-{klant.pk}-{n}", None) for n in range(leerlingen)])
    return maak_resultaten(klant, pupils, [maak_toets(f"KOPPEL-RW-{klant.pk}")])


def _mislukt(*resultaten: Resultaat) -> list[int]:
    rows = Uitgaand.objects.filter(resultaat__in=resultaten)
    rows.update(status=MISLUKT, pogingen=1, laatste_fout=FOUT)
    return list(rows.values_list("pk", flat=True))


def test_the_beheer_page_links_to_the_results_page(beheerder_client: Client) -> None:
    assert OVERZICHT in beheerder_client.get(reverse("portal:beheer")).content.decode()


def test_the_page_counts_per_state_and_shows_each_result_with_its_state(
    klant: Klant, beheerder_client: Client
) -> None:
    r = _resultaten(klant, leerlingen=2)  # 4 results
    Uitgaand.objects.filter(resultaat=r[0]).update(status=VERZONDEN, verzonden_op=timezone.now())
    _mislukt(r[1])
    html = beheerder_client.get(OVERZICHT).content.decode()
    for telling in ("In wachtrij (2)", "Verzonden (1)", "Mislukt (1)"):
        assert telling in html
    assert FOUT in html
    assert str(r[0].leerling) in html
    assert "Bewerkingen" in html and "Rekenen-Wiskunde midden groep 5" in html
    assert html.count(">Opnieuw versturen</button>") == 1  # only the failed one


def test_the_list_filters_on_state_and_shows_25_per_page(
    klant: Klant, beheerder_client: Client
) -> None:
    r = _resultaten(klant, leerlingen=15)  # 30 results
    _mislukt(*r[:3])
    eerste = beheerder_client.get(OVERZICHT)
    assert len(eerste.context["page_obj"]) == 25
    assert len(beheerder_client.get(OVERZICHT, {"pagina": 2}).context["page_obj"]) == 5
    gefilterd = beheerder_client.get(OVERZICHT, {"status": MISLUKT}).context["page_obj"]
    assert {u.status for u in gefilterd} == {MISLUKT} and len(gefilterd) == 3
    onzin = beheerder_client.get(OVERZICHT, {"status": "onzin"})
    assert onzin.status_code == 200 and onzin.context["page_obj"].paginator.count == 30


def test_one_failed_result_is_sent_again_with_its_button(
    klant: Klant, beheerder_client: Client
) -> None:
    r = _resultaten(klant, leerlingen=1)
    een, ander = _mislukt(*r)
    response = beheerder_client.post(OPNIEUW, {"een": een, "status": MISLUKT}, follow=True)
    assert response.redirect_chain[-1][0] == f"{OVERZICHT}?status={MISLUKT}"
    assert "1 resultaat staat weer in de wachtrij" in response.content.decode()
    assert Uitgaand.objects.get(pk=een).status == IN_WACHTRIJ
    assert Uitgaand.objects.get(pk=ander).status == MISLUKT


def test_ticked_failed_results_are_sent_again_together(
    klant: Klant, beheerder_client: Client
) -> None:
    ids = _mislukt(*_resultaten(klant, leerlingen=2))
    response = beheerder_client.post(OPNIEUW, {"geselecteerd": ids[:3]}, follow=True)
    assert "3 resultaten staan weer in de wachtrij" in response.content.decode()
    assert Uitgaand.objects.filter(status=IN_WACHTRIJ).count() == 3


def test_sending_again_without_a_choice_says_what_to_do(beheerder_client: Client) -> None:
    response = beheerder_client.post(OPNIEUW, {}, follow=True)
    assert "Kies eerst de resultaten" in response.content.decode()


def test_a_beheerder_cannot_send_another_schools_results_again(
    andere_klant: Klant, beheerder_client: Client
) -> None:
    ids = _mislukt(*_resultaten(andere_klant, leerlingen=1))
    response = beheerder_client.post(OPNIEUW, {"geselecteerd": ids}, follow=True)
    assert "Er is niets opnieuw verstuurd" in response.content.decode()
    assert set(Uitgaand.objects.values_list("status", flat=True)) == {MISLUKT}


def test_sending_again_needs_the_csrf_token(klant: Klant, beheerder: User) -> None:
    ids = _mislukt(*_resultaten(klant, leerlingen=1))
    client = Client(enforce_csrf_checks=True)
    client.force_login(beheerder, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(OPNIEUW, {"een": ids[0]}).status_code == 403
    assert Uitgaand.objects.get(pk=ids[0]).status == MISLUKT


def test_the_pages_are_for_the_beheerder_and_klantenservice_only(
    klant: Klant, leerkracht_client: Client, beheerder_client: Client
) -> None:
    assert leerkracht_client.get(OVERZICHT).status_code == 403
    assert beheerder_client.get(MISLUKT_LIJST).status_code == 403
    assert beheerder_client.get(OPNIEUW).status_code == 405


def test_klantenservice_sees_failed_results_of_every_school_and_sends_them_again(
    klant: Klant, andere_klant: Klant, klantenservice_client: Client
) -> None:
    eigen = _mislukt(*_resultaten(klant, leerlingen=1))
    ander = _mislukt(*_resultaten(andere_klant, leerlingen=1))
    Uitgaand.objects.filter(pk=eigen[1]).update(status=VERZONDEN)
    response = klantenservice_client.get(MISLUKT_LIJST)
    assert {u.pk for u in response.context["page_obj"]} == {eigen[0], *ander}
    html = response.content.decode()
    assert klant.naam in html and andere_klant.naam in html and FOUT in html
    opnieuw = reverse("resultaten:mislukt_opnieuw")
    response = klantenservice_client.post(
        opnieuw, {"geselecteerd": [eigen[0], *ander]}, follow=True
    )
    assert "3 resultaten staan weer in de wachtrij" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 0
