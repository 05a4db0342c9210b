"""The home page "Mijn leerlingen": who sees which pupils, the filters, tabs, search and pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from koppel.ea.klanten.models import Groep, Klant, Leerkracht, Leerling
from koppel.ea.klanten.selectors import initialen, lijstnaam

pytestmark = pytest.mark.django_db


def _groep(klant: Klant, naam: str, jaargroep: str = "5", **extra: object) -> Groep:
    return Groep.objects.create(klant=klant, naam=naam, jaargroep=jaargroep, **extra)


def _leerling(
    klant: Klant, nummer: str, roepnaam: str, achternaam: str, **extra: object
) -> Leerling:
    return Leerling.objects.create(
        klant=klant, leerlingnummer=nummer, roepnaam=roepnaam, achternaam=achternaam, **extra
    )


def _nummers(html: str) -> list[str]:
    return re.findall(r'<span class="leerlingnummer">([^<]*)</span>', html)


@pytest.fixture
def school(klant: Klant) -> dict[str, Groep]:
    """Two groups with two pupils each, a samengestelde groep, and one deactivated pupil."""
    groep5, groep6 = _groep(klant, "Groep 5a"), _groep(klant, "Groep 6b", "6")
    plusklas = _groep(klant, "Plusklas", "", samengesteld=True)
    _leerling(klant, "1001", "Arent", "Acikbas", groep=groep5, jaargroep="5")
    _leerling(klant, "1002", "Jan", "Vries", voorvoegsel="de", groep=groep5, jaargroep="5")
    zes = _leerling(klant, "2001", "Thing", "Adams", groep=groep6, jaargroep="6")
    _leerling(klant, "2002", "Bo", "Bakker", groep=groep6, jaargroep="6")
    zes.samengestelde_groepen.add(plusklas)
    _leerling(
        klant, "9999", "Oud", "Vertrokken", groep=groep5, jaargroep="5",
        actief=False, gedeactiveerd_op=timezone.now(),
    )  # fmt: skip
    return {"5a": groep5, "6b": groep6, "plus": plusklas}


def test_home_sends_a_school_user_to_mijn_leerlingen(beheerder_client: Client) -> None:
    assert beheerder_client.get("/")["Location"] == "/leerlingen/"


def test_the_heading_counts_the_active_pupils_and_deactivated_ones_are_not_listed(
    beheerder_client: Client, school: dict[str, Groep]
) -> None:
    html = beheerder_client.get("/leerlingen/").content.decode()
    assert "<h1>Mijn leerlingen (4)</h1>" in html
    assert sorted(_nummers(html)) == ["1001", "1002", "2001", "2002"]
    assert "Vertrokken" not in html


def test_a_row_shows_initials_the_name_in_bold_the_leerlingnummer_groep_and_jaargroep(
    beheerder_client: Client, school: dict[str, Groep]
) -> None:
    html = beheerder_client.get("/leerlingen/", {"zoek": "1001"}).content.decode()
    assert '<span class="initialen" aria-hidden="true">AA</span>' in html
    assert '<strong>Acikbas, Arent</strong><span class="leerlingnummer">1001</span>' in html
    assert "<td>Groep 5a</td>" in html and "<td>Groep 5</td>" in html


def test_the_page_offers_the_manuals_filters_tabs_and_search(
    beheerder_client: Client, school: dict[str, Groep], klant: Klant
) -> None:
    html = beheerder_client.get("/leerlingen/").content.decode()
    for label in ("Test", "Locatie", "Groep", "Jaargroep"):
        assert f">{label}</label>" in html
    assert ">Alle tests</option>" in html
    assert f'<option value="{klant.pk}" selected>GKV testschool</option>' in html
    assert 'placeholder="Zoeken op leerlingnummer, voornaam of achternaam"' in html
    for tab in ("Uitgenodigd (0)", "Gescoord (0)", "Genormeerd (0)", "Definitief (0)"):
        assert f"<li>{tab}</li>" in html


@pytest.mark.parametrize(
    ("zoek", "verwacht"),
    [("1002", ["1002"]), ("thing", ["2001"]), ("BAKKER", ["2002"]), ("arent acik", ["1001"])],
)
def test_the_search_finds_pupils_by_leerlingnummer_voornaam_or_achternaam(
    beheerder_client: Client, school: dict[str, Groep], zoek: str, verwacht: list[str]
) -> None:
    html = beheerder_client.get("/leerlingen/", {"zoek": zoek}).content.decode()
    assert _nummers(html) == verwacht


def test_the_groep_filter_includes_members_of_a_samengestelde_groep(
    beheerder_client: Client, school: dict[str, Groep]
) -> None:
    html = beheerder_client.get("/leerlingen/", {"groep": school["plus"].pk}).content.decode()
    assert _nummers(html) == ["2001"]
    assert "<h1>Mijn leerlingen (1)</h1>" in html


def test_the_jaargroep_filter_offers_and_applies_the_jaargroepen_present(
    beheerder_client: Client, school: dict[str, Groep]
) -> None:
    html = beheerder_client.get("/leerlingen/", {"jaargroep": "6"}).content.decode()
    assert sorted(_nummers(html)) == ["2001", "2002"]
    assert '<option value="5">Groep 5</option>' in html
    assert '<option value="7">' not in html


def test_another_schools_pupils_and_groups_are_never_shown(
    beheerder_client: Client, school: dict[str, Groep], andere_klant: Klant
) -> None:
    vreemd = _groep(andere_klant, "Vreemde groep")
    _leerling(andere_klant, "1001", "Andere", "Leerling", groep=vreemd)
    html = beheerder_client.get("/leerlingen/", {"groep": vreemd.pk}).content.decode()
    assert "Andere" not in html and "Vreemde groep" not in html
    assert 'class="errorlist"' in html  # the unknown groep is refused and ignored
    assert len(_nummers(html)) == 4


def test_a_leerkracht_sees_only_the_pupils_of_the_own_groups(
    leerkracht_client: Client, leerkracht_user: User, school: dict[str, Groep], klant: Klant
) -> None:
    leerkracht = Leerkracht.objects.create(klant=klant, achternaam="Meester", user=leerkracht_user)
    leerkracht.groepen.add(school["plus"])
    html = leerkracht_client.get("/leerlingen/").content.decode()
    assert _nummers(html) == ["2001"]
    assert "Groep 5a</option>" not in html and "Plusklas</option>" in html

    leerkracht.groepen.add(school["5a"])
    html = leerkracht_client.get("/leerlingen/").content.decode()
    assert sorted(_nummers(html)) == ["1001", "1002", "2001"]
    assert "<h1>Mijn leerlingen (3)</h1>" in html


def test_a_leerkracht_without_a_teacher_record_sees_no_pupils(
    leerkracht_client: Client, school: dict[str, Groep]
) -> None:
    html = leerkracht_client.get("/leerlingen/").content.decode()
    assert "<h1>Mijn leerlingen (0)</h1>" in html and _nummers(html) == []


def test_the_list_shows_fifty_pupils_a_page(beheerder_client: Client, klant: Klant) -> None:
    geboren = dt.date(2015, 5, 1)
    Leerling.objects.bulk_create(
        Leerling(klant=klant, leerlingnummer=f"{n:04}", roepnaam="Kind", achternaam=f"Achter{n:02}",
                 geboortedatum=geboren)
        for n in range(60)
    )  # fmt: skip
    eerste = beheerder_client.get("/leerlingen/").content.decode()
    assert "<h1>Mijn leerlingen (60)</h1>" in eerste and "1 t/m 50 (van 60)" in eerste
    tweede = beheerder_client.get("/leerlingen/", {"pagina": 2}).content.decode()
    assert len(_nummers(eerste)) == 50 and len(_nummers(tweede)) == 10
    assert set(_nummers(eerste)).isdisjoint(_nummers(tweede))


def test_an_empty_school_points_the_beheerder_to_the_import(beheerder_client: Client) -> None:
    html = beheerder_client.get("/leerlingen/").content.decode()
    assert "Er staan nog geen leerlingen in het testcentrum." in html
    assert "Koppelen met LAS → Gegevens importeren" in html


def test_klantenservice_without_a_school_cannot_open_the_list(
    klantenservice_client: Client,
) -> None:
    assert klantenservice_client.get("/leerlingen/").status_code == 403


def test_initials_and_list_names_follow_the_manuals_examples() -> None:
    assert initialen("Arent", "Acikbas") == "AA"
    assert initialen("thing", "adams") == "TA"
    assert lijstnaam(achternaam="Acikbas", roepnaam="Arent") == "Acikbas, Arent"
    assert lijstnaam(achternaam="Vries", roepnaam="Jan", voorvoegsel="de") == "Vries, Jan de"
    assert lijstnaam(achternaam="Zonder", roepnaam="") == "Zonder"
