"""The pages of Gegevens importeren: the review with its tabs and categories, every row action,
the summary with its blokkades, running and aborting, resuming in a new browser session, and
who may see what."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koppel.ea.importeren import planning as p
from koppel.ea.importeren import selectors, services
from koppel.ea.importeren.models import AFGEBROKEN, Importplan
from koppel.ea.klanten.models import Klant, Leerkracht, Leerling
from koppel.ea.koppeling import crypto
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling

START = "/beheer/koppelen-met-las/importeren/"
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
GROEPEN = (
    p.LasGroep(key="G5", naam="Groep 5a", jaargroep="5"),
    p.LasGroep(key="G6", naam="Groep 6a", jaargroep="6"),
)
LEERKRACHTEN = (
    p.LasLeerkracht(
        key="K1", achternaam="Leerkracht", roepnaam="Mitchel", emailadres="mitchel@school.nl",
        groep_keys=("G5",),
    ),
    p.LasLeerkracht(key="K2", achternaam="Zon", roepnaam="Sam", groep_keys=("G6",)),
)  # fmt: skip


def leerlingen(n: int) -> tuple[p.LasLeerling, ...]:
    return tuple(
        p.LasLeerling(key=f"L{i:03}", achternaam=f"Kind{i:03}", roepnaam="Sam", groep_key="G5")
        for i in range(n)
    )


def concept(klant: Klant, *, aantal: int = 3) -> Importplan:
    las = p.LasGegevens(
        kop=p.Kop(schooljaar="2026-2027", brincode=klant.brincode, schoolkey="S-1"),
        groepen=GROEPEN,
        leerkrachten=LEERKRACHTEN,
        leerlingen=leerlingen(aantal),
    )
    return services.store_plan(
        klant, None, las, p.plan_import(las, selectors.bestaand(klant)), now=NOW
    )


def rij(klant: Klant, soort: str, las_key: str) -> p.Rij:
    importplan = selectors.concept(klant)
    assert importplan is not None
    gevonden = selectors.rij(selectors.plan_van(importplan), soort, las_key)
    assert gevonden is not None
    return gevonden


# --- access --------------------------------------------------------------------------------------


def test_a_leerkracht_may_not_import(leerkracht_client: Client) -> None:
    assert leerkracht_client.get(START).status_code == 403


def test_without_an_approved_coupling_the_page_points_to_koppelen_met_las(
    beheerder_client: Client,
) -> None:
    pagina = beheerder_client.get(START).text
    assert "nog geen goedgekeurde koppeling" in pagina
    assert "Gegevens ophalen" not in pagina


def test_with_an_approved_coupling_the_page_offers_to_fetch(
    beheerder_client: Client, klant: Klant
) -> None:
    LasKoppeling.objects.create(
        klant=klant, lastype="koppel", brincode="99XX", schooljaar="2026-2027",
        sleutel_versleuteld=crypto.encrypt("s"), sleutel_eind="s", status=GOEDGEKEURD,
        aangevraagd_op=timezone.now(),
    )  # fmt: skip
    assert "Gegevens ophalen" in beheerder_client.get(START).text


def test_fetching_without_coupling_shows_why(beheerder_client: Client) -> None:
    antwoord = beheerder_client.post(reverse("importeren:ophalen"), follow=True)
    assert "nog geen goedgekeurde koppeling" in antwoord.text
    assert not Importplan.objects.exists()


def test_another_schools_plan_is_not_found(beheerder_client: Client, andere_klant: Klant) -> None:
    concept(andere_klant)

    assert "Schoolkey" not in beheerder_client.get(START).text
    url = reverse("importeren:niet_importeren", args=[p.LEERLINGEN])
    assert beheerder_client.post(url, {"las_key": "L000"}).status_code == 404
    assert beheerder_client.post(reverse("importeren:afbreken")).status_code == 404


# --- the review ----------------------------------------------------------------------------------


def test_the_review_shows_the_header_tabs_and_categories(
    beheerder_client: Client, klant: Klant
) -> None:
    concept(klant)
    pagina = beheerder_client.get(START, {"tab": "leerkrachten"}).text

    for label in ("Schooljaar", "2026-2027", "Brincode", "Dependancecode", "Schoolkey", "S-1"):
        assert label in pagina
    assert "Groepen (2)" in pagina and "Leerlingen (3)" in pagina
    assert 'href="?tab=leerkrachten" aria-current="page">Leerkrachten (2)' in pagina
    assert "Nieuwe leerkrachten toevoegen (2)" in pagina
    assert "Bestaande leerkrachten koppelen (0)" in pagina
    assert "Niet importeren (0)" in pagina
    assert "Koppel met bestaande leerkracht" in pagina
    assert 'value="mitchel@school.nl"' in pagina
    assert "Import afbreken" in pagina and "Gegevens importeren" in pagina


def test_a_matched_record_shows_why_it_matched(beheerder_client: Client, klant: Klant) -> None:
    Leerkracht.objects.create(
        klant=klant, achternaam="Boelee", roepnaam="Mitchel", emailadres="Mitchel@school.nl"
    )
    concept(klant)
    pagina = beheerder_client.get(START, {"tab": "leerkrachten"}).text

    assert "Bestaande leerkrachten koppelen (1)" in pagina
    assert "Boelee, Mitchel" in pagina and "op e-mailadres" in pagina


def test_long_categories_are_paginated(beheerder_client: Client, klant: Klant) -> None:
    concept(klant, aantal=60)
    eerste = beheerder_client.get(START, {"tab": "leerlingen"}).text
    tweede = beheerder_client.get(START, {"tab": "leerlingen", "pagina_nieuw": "2"}).text

    assert "Nieuwe leerlingen toevoegen (60)" in eerste
    assert "Kind049" in eerste and "Kind050" not in eerste
    assert "pagina_nieuw=2" in eerste
    assert "Kind050" in tweede and "Kind049" not in tweede


def test_niet_importeren_moves_the_row_and_returns_to_its_tab(
    beheerder_client: Client, klant: Klant
) -> None:
    concept(klant)
    url = reverse("importeren:niet_importeren", args=[p.LEERLINGEN])
    antwoord = beheerder_client.post(url, {"las_key": "L001", "terug": "pagina_nieuw=1"})

    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{START}?tab=leerlingen&pagina_nieuw=1"
    pagina = beheerder_client.get(antwoord["Location"]).text
    assert "Niet importeren (1)" in pagina and "Terugzetten" in pagina
    assert rij(klant, p.LEERLINGEN, "L001").categorie == p.NIET


def test_terugzetten_restores_the_automatic_category(
    beheerder_client: Client, klant: Klant
) -> None:
    concept(klant)
    services.niet_importeren(klant, soort=p.GROEPEN, las_key="G6")
    beheerder_client.post(reverse("importeren:terugzetten", args=["groepen"]), {"las_key": "G6"})

    assert rij(klant, p.GROEPEN, "G6").categorie == p.NIEUW


def test_the_search_lists_only_the_schools_own_records(
    beheerder_client: Client, klant: Klant, andere_klant: Klant
) -> None:
    Leerkracht.objects.create(klant=klant, achternaam="Boelee", roepnaam="Mitchel")
    Leerkracht.objects.create(klant=klant, achternaam="Anders", roepnaam="Bo")
    Leerkracht.objects.create(klant=andere_klant, achternaam="Boelee", roepnaam="Vreemd")
    concept(klant)
    url = reverse("importeren:koppelen", args=["leerkrachten"])
    pagina = beheerder_client.get(url, {"las_key": "K2", "zoek": "boelee"}).text

    assert "Koppel met bestaande leerkracht" in pagina
    assert "Zon, Sam" in pagina
    assert "Boelee, Mitchel" in pagina
    assert "Vreemd" not in pagina and "Anders" not in pagina


def test_linking_by_hand_moves_the_row_to_bestaand(beheerder_client: Client, klant: Klant) -> None:
    bestaand = Leerkracht.objects.create(klant=klant, achternaam="Boelee", roepnaam="Sam")
    concept(klant)
    url = reverse("importeren:koppelen", args=["leerkrachten"])
    antwoord = beheerder_client.post(url, {"las_key": "K2", "bestaand_id": bestaand.pk})
    pagina = beheerder_client.get(antwoord["Location"]).text

    assert "Bestaande leerkrachten koppelen (1)" in pagina
    assert "handmatig gekoppeld" in pagina
    assert rij(klant, p.LEERKRACHTEN, "K2").bestaand_id == bestaand.pk


def test_linking_to_another_schools_record_is_not_found(
    beheerder_client: Client, klant: Klant, andere_klant: Klant
) -> None:
    vreemd = Leerling.objects.create(
        klant=andere_klant, leerlingnummer="1", achternaam="Ander", roepnaam="Kind"
    )
    concept(klant)
    url = reverse("importeren:koppelen", args=["leerlingen"])

    assert (
        beheerder_client.post(url, {"las_key": "L000", "bestaand_id": vreemd.pk}).status_code == 404
    )
    assert rij(klant, p.LEERLINGEN, "L000").categorie == p.NIEUW


def test_an_email_address_is_stored_and_a_wrong_one_refused(
    beheerder_client: Client, klant: Klant
) -> None:
    concept(klant)
    url = reverse("importeren:emailadres")
    fout = beheerder_client.post(url, {"las_key": "K2", "emailadres": "sam@"}, follow=True)
    assert "Vul een geldig e-mailadres in" in fout.text
    assert rij(klant, p.LEERKRACHTEN, "K2").emailadres == ""

    beheerder_client.post(url, {"las_key": "K2", "emailadres": "sam@school.nl"})
    assert rij(klant, p.LEERKRACHTEN, "K2").emailadres == "sam@school.nl"


def test_closing_the_browser_loses_nothing(
    beheerder_client: Client, beheerder: User, klant: Klant
) -> None:
    concept(klant)
    beheerder_client.post(
        reverse("importeren:niet_importeren", args=["leerkrachten"]), {"las_key": "K1"}
    )
    nieuwe_sessie = Client()
    nieuwe_sessie.force_login(beheerder, backend="django.contrib.auth.backends.ModelBackend")
    pagina = nieuwe_sessie.get(START, {"tab": "leerkrachten"}).text

    assert "Nieuwe leerkrachten toevoegen (1)" in pagina and "Niet importeren (1)" in pagina


# --- summary, import, abort ----------------------------------------------------------------------


def test_a_teacher_without_email_address_blocks_the_import(
    beheerder_client: Client, klant: Klant
) -> None:
    concept(klant)
    pagina = beheerder_client.get(reverse("importeren:samenvatting")).text
    assert "Leerkracht Zon, Sam heeft nog geen e-mailadres." in pagina
    assert '<button type="submit" disabled>Gegevens importeren</button>' in pagina

    antwoord = beheerder_client.post(reverse("importeren:uitvoeren"), follow=True)
    assert "nog geen e-mailadres" in antwoord.text
    assert not Leerling.objects.exists()


def test_the_summary_then_gegevens_importeren_runs_the_import(
    beheerder_client: Client, klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant)
    services.zet_emailadres(klant, las_key="K2", emailadres="sam@school.nl")
    services.niet_importeren(klant, soort=p.LEERLINGEN, las_key="L002")
    pagina = beheerder_client.get(reverse("importeren:samenvatting")).text
    assert '<th scope="row">Leerlingen</th><td>2</td><td>0</td><td>1</td>' in pagina
    assert "Leerkrachten die een e-mail krijgen om een account aan te maken: 2." in pagina

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = beheerder_client.post(reverse("importeren:uitvoeren"))
    assert antwoord["Location"] == reverse("klanten:leerlingen")
    home = beheerder_client.get(antwoord["Location"]).text
    assert (
        "De gegevens zijn geïmporteerd: 2 groepen, 2 leerkrachten en 2 leerlingen toegevoegd; "
        "2 leerkrachten krijgen een e-mail om een account aan te maken." in home
    )
    assert Leerling.objects.filter(klant=klant).count() == 2
    assert "Laatste import: 23-11-2026" in beheerder_client.get(START).text


def test_import_afbreken_asks_first_and_then_aborts(beheerder_client: Client, klant: Klant) -> None:
    concept(klant)
    assert 'data-dialog="import-afbreken"' in beheerder_client.get(START).text
    assert "Import afbreken?" in beheerder_client.get(reverse("importeren:afbreken")).text

    antwoord = beheerder_client.post(reverse("importeren:afbreken"), follow=True)
    assert "De import is afgebroken" in antwoord.text
    assert Importplan.objects.get(klant=klant).status == AFGEBROKEN
    assert not Leerling.objects.exists()


def test_a_reimport_shows_moved_pupils_and_pupils_no_longer_in_the_las(
    beheerder_client: Client, klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant)
    services.zet_emailadres(klant, las_key="K2", emailadres="sam@school.nl")
    with django_capture_on_commit_callbacks(execute=True):
        beheerder_client.post(reverse("importeren:uitvoeren"))
    # The LAS now has L000 in groep 6a and no longer sends L002.
    verhuisd = p.LasLeerling(key="L000", achternaam="Kind000", roepnaam="Sam", groep_key="G6")
    las = p.LasGegevens(
        kop=p.Kop(schooljaar="2026-2027", brincode=klant.brincode),
        groepen=GROEPEN,
        leerkrachten=LEERKRACHTEN,
        leerlingen=(verhuisd, leerlingen(2)[1]),
    )
    services.store_plan(klant, None, las, p.plan_import(las, selectors.bestaand(klant)), now=NOW)

    pagina = beheerder_client.get(START).text
    assert "Wijzigingen sinds de vorige import" in pagina
    assert "verhuisd van Groep 5a naar Groep 6a" in pagina
    assert (
        "Kind002, Sam</strong> (L002): staat niet meer in het LAS en wordt gedeactiveerd" in pagina
    )
