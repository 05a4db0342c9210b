"""The home page "Mijn leerlingen": who sees which pupils, the filters, the status tabs with their
counts, the Test filter, the Test(s) column and the actions per row, search and pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from koppel.ea.klanten.models import Groep, Klant, Leerkracht, Leerling
from koppel.ea.klanten.selectors import initialen, lijstnaam
from koppel.ea.toetsen.models import DEFINITIEF, GENORMEERD, GESCOORD, UITGENODIGD, Afname, Toets
from tests.ea import test_toetsen_hulp as hulp
from tests.ea.test_toetsen_hulp import LV, NU, RW

pytestmark = pytest.mark.django_db
toetsen = hulp.toetsen  # the catalogue fixture of the toetsen tests


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


def test_a_row_shows_initials_the_name_in_bold_with_the_leerlingnummer_under_it_and_the_actions(
    beheerder_client: Client, school: dict[str, Groep]
) -> None:
    html = beheerder_client.get("/leerlingen/", {"zoek": "1001"}).content.decode()
    pk = Leerling.objects.get(leerlingnummer="1001").pk
    assert '<span class="initialen" aria-hidden="true">AA</span>' in html
    assert '<strong>Acikbas, Arent</strong><span class="leerlingnummer">1001</span>' in html
    assert ">Naam</th>" in html and ">Test(s)</th>" in html and ">Acties</th>" in html
    assert f'<input type="checkbox" name="leerling" value="{pk}"' in html
    for url, tekst in (
        (f"/toetsen/leerling/{pk}/score/", "☆</span> Score invoeren"),
        (f"/toetsen/leerling/{pk}/starten/", "▶</span> Test starten"),
        (f"/toetsen/uitnodigen/?leerling={pk}", "✉</span> Uitnodigen"),
    ):
        assert re.search(rf'<a href="{re.escape(url)}"><span aria-hidden="true">{tekst}', html)
    assert '<button type="submit">Uitnodigen</button>' in html


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
        assert f">{tab}</a></li>" in html


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


# --- tests on the list: Test(s), the Test filter and the status tabs ------------------------------


def _afname(leerling: Leerling, toets: Toets, status: str) -> Afname:
    return Afname.objects.create(
        klant=leerling.klant, leerling=leerling, toets=toets, status=status, uitgenodigd_op=NU
    )


@pytest.fixture
def afnames(school: dict[str, Groep], toetsen: dict[str, Toets]) -> dict[str, Leerling]:
    """Arent: LV Gescoord and RW Genormeerd; Jan: LV Uitgenodigd; Thing: RW Definitief and a
    new RW Uitgenodigd; Bo: none."""
    leerlingen = {ll.roepnaam: ll for ll in Leerling.objects.filter(actief=True)}
    _afname(leerlingen["Arent"], toetsen[LV], GESCOORD)
    _afname(leerlingen["Arent"], toetsen[RW], GENORMEERD)
    _afname(leerlingen["Jan"], toetsen[LV], UITGENODIGD)
    _afname(leerlingen["Thing"], toetsen[RW], DEFINITIEF)
    _afname(leerlingen["Thing"], toetsen[RW], UITGENODIGD)
    return leerlingen


def _tabs(html: str) -> dict[str, int]:
    return {naam: int(n) for naam, n in re.findall(r">(\w+) \((\d+)\)</a></li>", html)}


def test_each_row_lists_the_abbreviations_of_the_pupils_tests(
    beheerder_client: Client, afnames: dict[str, Leerling]
) -> None:
    html = beheerder_client.get("/leerlingen/").content.decode()
    cellen = dict(
        re.findall(r'leerlingnummer">(\d+)</span>.*?<td class="toetsen">([^<]*)</td>', html, re.S)
    )
    assert cellen == {"1001": "LVS LV, LVS RW", "1002": "LVS LV", "2001": "LVS RW", "2002": ""}


def test_the_status_tabs_count_the_pupils_with_an_afname_in_each_status(
    beheerder_client: Client, afnames: dict[str, Leerling]
) -> None:
    html = beheerder_client.get("/leerlingen/").content.decode()
    assert _tabs(html) == {"Uitgenodigd": 2, "Gescoord": 1, "Genormeerd": 1, "Definitief": 1}


def test_clicking_a_tab_lists_only_the_pupils_with_an_afname_in_that_status(
    beheerder_client: Client, afnames: dict[str, Leerling]
) -> None:
    html = beheerder_client.get("/leerlingen/", {"status": UITGENODIGD}).content.decode()
    assert sorted(_nummers(html)) == ["1002", "2001"]
    assert "<h1>Mijn leerlingen (2)</h1>" in html
    # the active tab links back to all statuses; the others switch the status
    assert '<a href="?status=" aria-current="page">Uitgenodigd (2)</a>' in html
    assert '<a href="?status=gescoord">Gescoord (1)</a>' in html
    assert '<input type="hidden" name="status" value="uitgenodigd"' in html  # the filters keep it
    html = beheerder_client.get(
        "/leerlingen/", {"status": GESCOORD, "jaargroep": "6"}
    ).content.decode()
    assert _nummers(html) == [] and "Geen leerlingen gevonden." in html


def test_the_test_filter_keeps_the_pupils_with_that_test_and_scopes_the_tabs(
    beheerder_client: Client, afnames: dict[str, Leerling], toetsen: dict[str, Toets]
) -> None:
    html = beheerder_client.get("/leerlingen/", {"test": toetsen[RW].pk}).content.decode()
    assert f'<option value="{toetsen[RW].pk}" selected>Rekenen-Wiskunde</option>' in html
    assert sorted(_nummers(html)) == ["1001", "2001"]
    assert _tabs(html) == {"Uitgenodigd": 1, "Gescoord": 0, "Genormeerd": 1, "Definitief": 1}
    query = {"test": toetsen[RW].pk, "status": UITGENODIGD}
    assert _nummers(beheerder_client.get("/leerlingen/", query).content.decode()) == ["2001"]


def test_a_leerkracht_counts_only_the_pupils_of_the_own_groups(
    leerkracht_client: Client,
    leerkracht_user: User,
    school: dict[str, Groep],
    klant: Klant,
    afnames: dict[str, Leerling],
) -> None:
    leerkracht = Leerkracht.objects.create(klant=klant, achternaam="Meester", user=leerkracht_user)
    leerkracht.groepen.add(school["5a"])
    html = leerkracht_client.get("/leerlingen/").content.decode()
    assert _tabs(html) == {"Uitgenodigd": 1, "Gescoord": 1, "Genormeerd": 1, "Definitief": 0}
