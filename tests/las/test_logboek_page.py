"""Beheer → Privacy → Wijzigingslog and the Wijzigingen section of the leerling page: the school's
own entries, newest first, with filters, paging and CSV export; for the school's beheerder only;
edits made on the pages are logged with the user who made them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.http import StreamingHttpResponse
from django.test import Client
from django.utils import timezone
from lxml import html

from koppel.las.accounts import services as accounts
from koppel.las.accounts.models import BEHEERDER, MEDEWERKER
from koppel.las.leerlingdossier import services_verzorgers as verzorgers
from koppel.las.logboek import models as logboek
from koppel.las.logboek.models import Wijziging
from koppel.las.logboek.services import record_wijziging
from koppel.las.school import services as school_services
from koppel.las.school.models import Leerkracht, Leerling, School
from koppel.las.school.seeding import plan_school
from tests.las.helpers import SCHOOLJAAR

pytestmark = pytest.mark.django_db

PAD = "/beheer/privacy/wijzigingslog/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _user(naam: str, school: School, rol: str, leerkracht: Leerkracht | None = None) -> User:
    user = accounts.create_user(naam.split()[0].lower(), wachtwoord=None, naam=naam)
    accounts.grant_school(user, school, rol=rol, leerkracht=leerkracht)
    return user


@pytest.fixture
def anna(school: School) -> User:
    return _user("Anna de Vries", school, BEHEERDER)


@pytest.fixture
def beheerder(anna: User) -> Client:
    return _client(anna)


@pytest.fixture
def leerkracht(school: School) -> Leerkracht:
    return Leerkracht.objects.filter(school=school, groepen__isnull=False).distinct().first()  # type: ignore[return-value]


@pytest.fixture
def juf(school: School, leerkracht: Leerkracht) -> Client:
    return _client(_user("Juf Jansen", school, MEDEWERKER, leerkracht))


@pytest.fixture
def andere_school(db: None) -> School:
    plan = plan_school(brincode="88YY", leerlingen=5, seed=8, schooljaar=SCHOOLJAAR)
    return school_services.seed_school(plan)


@pytest.fixture
def leerling(school: School) -> Leerling:
    rows = Leerling.objects.filter(school=school, uitschrijvingsdatum=None, groep__isnull=False)
    return rows.order_by("pk").first()  # type: ignore[return-value]


def _entry(leerling: Leerling | None, soort: str, door: str, *, op: dt.datetime) -> Wijziging:
    school_id = None if leerling is not None else School.objects.get(brincode="99XX").pk
    entry = record_wijziging(
        soort, f"{soort} door {door}", leerling=leerling, school_id=school_id, door=door
    )
    Wijziging.objects.filter(pk=entry.pk).update(op=op)  # back-dated, as a test fixture only
    return entry


def _text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(" ".join(html.fromstring(response.content).itertext()).split())


def _kolom(client: Client, query: str, kolom: int) -> list[str]:
    tree = html.fromstring(client.get(PAD + query).content)
    return [td.text_content() for td in tree.xpath(f"//tbody/tr/td[{kolom}]")]


def _csv(client: Client, query: str = "") -> list[str]:
    response = client.get(PAD + "?formaat=csv" + query)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="wijzigingslog-99XX00.csv"'
    data = b"".join(response.streaming_content)
    assert data.startswith("\ufeff".encode())
    return data.decode("utf-8-sig").splitlines()


NU = timezone.now()


@pytest.fixture
def drie(school: School, leerling: Leerling) -> list[Wijziging]:
    """Three entries: two days ago, yesterday (no pupil) and now, by two people."""
    andere = Leerling.objects.filter(school=school).exclude(pk=leerling.pk).first()
    return [
        _entry(andere, logboek.ABSENTIE, "Juf Jansen", op=NU - dt.timedelta(days=2)),
        _entry(None, logboek.METHODETOETS, "Juf Jansen", op=NU - dt.timedelta(days=1)),
        _entry(leerling, logboek.UITGESCHREVEN, "Anna de Vries", op=NU),
    ]


def test_the_log_lists_the_schools_changes_newest_first(
    beheerder: Client, drie: list[Wijziging], leerling: Leerling
) -> None:
    content = _text(beheerder, PAD)
    assert "Wijzigingen - 1 t/m 3 (van 3)" in content
    assert "Tijdstip Soort Leerling Leerlingnummer Omschrijving Door" in content
    assert _kolom(beheerder, "", 2) == [
        "Leerling uitgeschreven",
        "Methodetoets toegevoegd",
        "Absentie geregistreerd",
    ]
    assert _kolom(beheerder, "", 3)[0] == str(leerling)
    assert _kolom(beheerder, "", 4)[0] == leerling.key


def test_the_log_filters_by_soort_medewerker_period_and_pupil(
    beheerder: Client, drie: list[Wijziging], leerling: Leerling
) -> None:
    assert _kolom(beheerder, "?soort=absentie", 2) == ["Absentie geregistreerd"]
    assert len(_kolom(beheerder, "?medewerker=Juf+Jansen", 2)) == 2
    gisteren = timezone.localtime(NU - dt.timedelta(days=1)).date().isoformat()
    assert _kolom(beheerder, f"?van={gisteren}&tot={gisteren}", 2) == ["Methodetoets toegevoegd"]
    assert _kolom(beheerder, f"?zoek={leerling.key}", 3) == [str(leerling)]
    assert _kolom(beheerder, f"?zoek={leerling.achternaam.upper()}", 4)[0] == leerling.key
    assert _kolom(beheerder, f"?leerling={leerling.pk}", 3) == [str(leerling)]


def test_the_pupil_filter_names_the_pupil_and_offers_all_pupils_again(
    beheerder: Client, drie: list[Wijziging], leerling: Leerling
) -> None:
    content = _text(beheerder, f"{PAD}?leerling={leerling.pk}")
    assert f"Wijzigingen van {leerling} - 1 t/m 1 (van 1)" in content
    assert "Alle leerlingen" in content


def test_a_period_ending_before_it_starts_is_refused_in_dutch(
    beheerder: Client, drie: list[Wijziging]
) -> None:
    content = _text(beheerder, f"{PAD}?van=2026-11-20&tot=2026-11-01")
    assert "Deze datum ligt vóór de datum bij 'Van'." in content


def test_the_log_pages_by_fifty(beheerder: Client, school: School) -> None:
    for _ in range(51):
        record_wijziging(logboek.METHODETOETS, "Methodetoets M: T", school_id=school.pk, door="x")
    assert "Wijzigingen - 1 t/m 50 (van 51)" in _text(beheerder, PAD)
    assert "Wijzigingen - 51 t/m 51 (van 51)" in _text(beheerder, PAD + "?pagina=2")


def test_the_csv_export_holds_the_filtered_rows_and_defuses_formulas(
    beheerder: Client, drie: list[Wijziging], school: School
) -> None:
    record_wijziging(logboek.METHODETOETS, "=HYPERLINK()", school_id=school.pk, door="Juf Jansen")
    regels = _csv(beheerder, "&medewerker=Juf+Jansen")
    assert regels[0] == "Tijdstip;Soort;Leerling;Leerlingnummer;Omschrijving;Door"
    assert len(regels) == 4
    assert regels[1].endswith(";Methodetoets toegevoegd;;;'=HYPERLINK();Juf Jansen")
    assert all("Anna de Vries" not in regel for regel in regels)


def test_a_leerkracht_may_not_open_the_log(juf: Client, drie: list[Wijziging]) -> None:
    assert juf.get(PAD).status_code == 403
    assert juf.get(PAD + "?formaat=csv").status_code == 403


def test_another_schools_beheerder_sees_none_of_this_schools_changes(
    andere_school: School, drie: list[Wijziging], leerling: Leerling
) -> None:
    ander = _client(_user("Bert Beheer", andere_school, BEHEERDER))
    assert "Wijzigingen - 0 t/m 0 (van 0)" in _text(ander, PAD)
    assert "Wijzigingen van deze leerling - 0 t/m 0" in _text(
        ander, f"{PAD}?leerling={leerling.pk}"
    )
    assert ander.get(f"/leerling/{leerling.pk}/").status_code == 404


def test_the_beheer_page_links_to_the_log_under_privacy(beheerder: Client) -> None:
    tree = html.fromstring(beheerder.get("/beheer/").content)
    assert tree.xpath(f"//section[h2='Privacy']//a[@href='{PAD}']/text()") == ["Wijzigingslog"]


# --- the leerling page --------------------------------------------------------------------------


def test_the_leerling_page_shows_the_pupils_last_ten_changes_and_links_to_all(
    beheerder: Client, leerling: Leerling
) -> None:
    for dag in range(12):
        _entry(leerling, logboek.ABSENTIE, f"Juf {dag}", op=NU - dt.timedelta(days=dag))
    tree = html.fromstring(beheerder.get(f"/leerling/{leerling.pk}/").content)
    sectie = tree.xpath("//section[h2='Wijzigingen']")[0]
    doors = [td.text_content() for td in sectie.xpath(".//tbody/tr/td[4]")]
    assert doors == [f"Juf {dag}" for dag in range(10)]
    assert sectie.xpath(".//a/@href") == [f"{PAD}?leerling={leerling.pk}"]


def test_the_leerling_page_shows_no_changes_to_a_leerkracht(
    juf: Client, leerkracht: Leerkracht
) -> None:
    eigen = Leerling.objects.filter(groep__in=leerkracht.groepen.all()).first()
    assert eigen is not None
    response = juf.get(f"/leerling/{eigen.pk}/")
    assert response.status_code == 200
    assert not html.fromstring(response.content).xpath("//section[h2='Wijzigingen']")


# --- edits made on the pages --------------------------------------------------------------------


def test_an_edit_on_the_pages_is_logged_with_the_user_who_made_it(
    beheerder: Client, anna: User, leerling: Leerling
) -> None:
    datum = timezone.localdate().isoformat()
    url = f"/leerling/{leerling.pk}/uitschrijven/"
    assert beheerder.post(url, {"datum": datum, "bevestigd": "1"}).status_code == 302
    entry = Wijziging.objects.get()
    assert (entry.soort, entry.leerling, entry.door, entry.gebruiker) == (
        logboek.UITGESCHREVEN,
        leerling,
        "Anna de Vries",
        anna,
    )
    assert "Leerling uitgeschreven" in _text(beheerder, f"/leerling/{leerling.pk}/")


def test_changing_a_verzorger_on_the_page_logs_the_fields_not_the_values(
    beheerder: Client, leerling: Leerling
) -> None:
    velden = verzorgers.VerzorgerVelden(achternaam="Bakker", roepnaam="Mila")
    relatie = verzorgers.RelatieVelden(relatie="moeder")
    verzorger = verzorgers.add_verzorger(leerling, velden, relatie=relatie)
    url = f"/leerling/{leerling.pk}/verzorger/{verzorger.pk}/wijzigen/"
    data = {"achternaam": "Bakker", "roepnaam": "Mila", "relatie": "moeder", "telefoon": "0612"}
    data |= {"wettelijk_gezag": "on", "telefoon_geheim": "on"}
    assert beheerder.post(url, data).status_code == 302
    entry = Wijziging.objects.get(door="Anna de Vries")
    assert entry.omschrijving == "Verzorger Mila Bakker gewijzigd: telefoon, telefoon geheim"
    assert "0612" not in _text(beheerder, PAD)
