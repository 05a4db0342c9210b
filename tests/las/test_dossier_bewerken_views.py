"""The edit pages of the pupil file through Django's client: a beheerder adds, changes, links and
unlinks verzorgers and records uitstroom and LGF; a teacher adds a method test; a teacher cannot
edit the pupil file (403) and another school's beheerder finds nothing (404)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from koppel.las.accounts import services as accounts
from koppel.las.accounts.models import BEHEERDER, MEDEWERKER
from koppel.las.leerlingdossier import pages, services_verzorgers
from koppel.las.leerlingdossier.models import (
    Arrangement,
    LeerlingVerzorger,
    Methodetoets,
    Uitstroom,
    Verzorger,
)
from koppel.las.school import services as school_services
from koppel.las.school.models import Leerkracht, Leerling, School
from koppel.las.school.seeding import plan_school
from tests.las.helpers import SCHOOLJAAR

pytestmark = pytest.mark.django_db

VERZORGER = {
    "achternaam": "Bakker",
    "roepnaam": "Mila",
    "voorletters": "M.",
    "relatie": "moeder",
    "wettelijk_gezag": "on",
    "telefoon": "06-11112222",
    "straat": "Lindelaan",
    "huisnummer": "4",
    "postcode": "1234ab",
    "plaats": "Ede",
}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _user(naam: str, school: School, rol: str, leerkracht: Leerkracht | None = None) -> User:
    user = accounts.create_user(naam, wachtwoord=None, naam=naam.title())
    accounts.grant_school(user, school, rol=rol, leerkracht=leerkracht)
    return user


@pytest.fixture
def leerkracht(school: School) -> Leerkracht:
    return Leerkracht.objects.filter(school=school, groepen__isnull=False).distinct().first()


@pytest.fixture
def beheerder(school: School) -> Client:
    return _client(_user("beheerder", school, BEHEERDER))


@pytest.fixture
def juf(school: School, leerkracht: Leerkracht) -> Client:
    return _client(_user("juf", school, MEDEWERKER, leerkracht))


@pytest.fixture
def leerling(leerkracht: Leerkracht) -> Leerling:
    """A pupil of the teacher's own group (so the teacher may read the leerling page)."""
    return Leerling.objects.filter(groep__in=leerkracht.groepen.all()).order_by("pk").first()


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _post(client: Client, url: str, data: dict[str, str] | None = None) -> str:
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def _stamp(leerling: Leerling) -> dt.datetime:
    stamp = timezone.now() - dt.timedelta(days=3)
    Leerling.objects.filter(pk=leerling.pk).update(mutatiedatum=stamp)
    return stamp


# --- verzorgers ---------------------------------------------------------------------------------


def test_a_beheerder_adds_a_verzorger_who_then_shows_on_the_leerling_page(
    beheerder: Client, leerling: Leerling
) -> None:
    oud = _stamp(leerling)
    html = _post(beheerder, f"/leerling/{leerling.pk}/verzorger/toevoegen/", VERZORGER)
    assert f"Verzorger Mila Bakker is toegevoegd aan {escape(str(leerling))}." in html
    assert "06-11112222" in html and "Lindelaan 4, 1234 AB Ede" in html
    verzorger = Verzorger.objects.get(achternaam="Bakker", roepnaam="Mila")
    assert verzorger.relaties.get().leerling == leerling
    assert Leerling.objects.get(pk=leerling.pk).mutatiedatum > oud


def test_an_incomplete_address_or_bad_postcode_is_refused_in_dutch(
    beheerder: Client, leerling: Leerling
) -> None:
    data = {**VERZORGER, "huisnummer": "", "postcode": "12345"}
    response = beheerder.post(f"/leerling/{leerling.pk}/verzorger/toevoegen/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul dit veld in voor een volledig adres." in html
    assert "Een postcode is vier cijfers en twee hoofdletters, zoals 1234 AB." in html
    assert not Verzorger.objects.filter(roepnaam="Mila", achternaam="Bakker").exists()


def test_changing_a_verzorger_shows_on_the_pages_of_every_linked_pupil(
    beheerder: Client, leerling: Leerling, school: School
) -> None:
    broer = Leerling.objects.filter(school=school).exclude(pk=leerling.pk).first()
    verzorger = _verzorger(leerling)
    services_verzorgers.link_verzorger(
        broer, verzorger, relatie=services_verzorgers.RelatieVelden(relatie="vader")
    )
    url = f"/leerling/{leerling.pk}/verzorger/{verzorger.pk}/wijzigen/"
    assert f"ook verzorger van {escape(str(broer))}" in _html(beheerder, url)
    oud = _stamp(broer)
    html = _post(beheerder, url, {**VERZORGER, "telefoon": "06-33334444"})
    assert "De gegevens van verzorger Mila Bakker zijn opgeslagen." in html
    assert "06-33334444" in _html(beheerder, f"/leerling/{broer.pk}/")
    assert Leerling.objects.get(pk=broer.pk).mutatiedatum > oud


def _verzorger(leerling: Leerling) -> Verzorger:
    velden = services_verzorgers.VerzorgerVelden(achternaam="Bakker", roepnaam="Mila")
    relatie = services_verzorgers.RelatieVelden(relatie="moeder")
    return services_verzorgers.add_verzorger(leerling, velden, relatie=relatie)


def test_koppel_bestaande_verzorger_finds_by_name_and_links_to_the_pupil(
    beheerder: Client, leerling: Leerling, school: School
) -> None:
    zus = Leerling.objects.filter(school=school).exclude(pk=leerling.pk).first()
    verzorger = _verzorger(zus)
    url = f"/leerling/{leerling.pk}/verzorger/koppelen/?zoek=mila+bakk"
    assert f"Mila Bakker, verzorger van {escape(str(zus))}" in _html(beheerder, url)
    html = _post(beheerder, url, {"verzorger": str(verzorger.pk), "relatie": "moeder"})
    assert f"Mila Bakker is nu ook verzorger van {escape(str(leerling))}." in html
    assert set(verzorger.leerlingen.all()) == {leerling, zus}


def test_a_search_finding_too_many_verzorgers_asks_to_narrow_it_down(
    beheerder: Client, leerling: Leerling, school: School
) -> None:
    zus = Leerling.objects.filter(school=school).exclude(pk=leerling.pk).first()
    for n in range(pages.ZOEK_MAX + 1):
        velden = services_verzorgers.VerzorgerVelden(achternaam="Veelvoud", roepnaam=f"R{n}")
        relatie = services_verzorgers.RelatieVelden(relatie="moeder")
        services_verzorgers.add_verzorger(zus, velden, relatie=relatie)
    url = f"/leerling/{leerling.pk}/verzorger/koppelen/?zoek=veelvoud"
    html = _html(beheerder, url)
    assert f'Meer dan {pages.ZOEK_MAX} verzorgers gevonden met "veelvoud"' in html
    assert 'type="radio"' not in html
    smaller = _html(beheerder, url + "+R1")  # R1 and R10..R19
    assert "Meer dan" not in smaller and smaller.count('name="verzorger"') == 11


def test_another_schools_verzorger_cannot_be_chosen(beheerder: Client, leerling: Leerling) -> None:
    plan = plan_school(brincode="88YY", leerlingen=5, seed=8, schooljaar=SCHOOLJAAR)
    vreemd = Verzorger.objects.filter(school=school_services.seed_school(plan)).first()
    url = f"/leerling/{leerling.pk}/verzorger/koppelen/?zoek={vreemd.achternaam}"
    response = beheerder.post(url, {"verzorger": str(vreemd.pk), "relatie": "moeder"})
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not vreemd.relaties.filter(leerling=leerling).exists()


def test_ontkoppelen_asks_for_a_confirmation_then_removes_the_last_link(
    beheerder: Client, leerling: Leerling
) -> None:
    verzorger = _verzorger(leerling)
    url = f"/leerling/{leerling.pk}/verzorger/{verzorger.pk}/ontkoppelen/"
    assert "Weet je zeker dat je Mila Bakker wilt ontkoppelen" in _html(beheerder, url)
    assert LeerlingVerzorger.objects.filter(verzorger=verzorger).exists()
    html = _post(beheerder, url)
    assert "Mila Bakker is ontkoppeld" in html and "zijn verwijderd" in html
    assert not Verzorger.objects.filter(pk=verzorger.pk).exists()


# --- roles, other schools, CSRF ------------------------------------------------------------------


def test_only_a_beheerder_sees_the_edit_buttons_on_the_leerling_page(
    beheerder: Client, juf: Client, leerling: Leerling
) -> None:
    knoppen = ("Verzorger toevoegen", "Koppel bestaande verzorger", "LGF/arrangement toevoegen")
    html = _html(beheerder, f"/leerling/{leerling.pk}/")
    assert all(k in html for k in knoppen)
    html = _html(juf, f"/leerling/{leerling.pk}/")
    assert not any(k in html for k in knoppen) and "Ontkoppelen" not in html


EDITS = [
    "verzorger/toevoegen/",
    "verzorger/koppelen/",
    "verzorger/{v}/wijzigen/",
    "verzorger/{v}/ontkoppelen/",
    "uitstroom/",
    "uitstroom/wissen/",
    "arrangement/toevoegen/",
    "arrangement/{a}/beeindigen/",
    "arrangement/{a}/verwijderen/",
]


def _edit_url(leerling: Leerling, pad: str) -> str:
    relatie = leerling.relaties.first() or LeerlingVerzorger(verzorger_id=0)
    arrangement = leerling.arrangementen.first() or Arrangement(pk=0)
    return f"/leerling/{leerling.pk}/" + pad.format(v=relatie.verzorger_id, a=arrangement.pk)


@pytest.mark.parametrize("pad", EDITS)
def test_a_teacher_may_not_edit_the_pupil_file(juf: Client, leerling: Leerling, pad: str) -> None:
    url = _edit_url(leerling, pad)
    assert juf.get(url).status_code == 403
    assert juf.post(url, VERZORGER).status_code == 403


def test_another_schools_beheerder_finds_none_of_the_pupils(
    school: School, leerling: Leerling
) -> None:
    plan = plan_school(brincode="88YY", leerlingen=5, seed=8, schooljaar=SCHOOLJAAR)
    ander = _client(_user("ander", school_services.seed_school(plan), BEHEERDER))
    verzorger = _verzorger(leerling)
    voor = (leerling.relaties.count(), leerling.arrangementen.count())
    for pad in EDITS:
        assert ander.post(_edit_url(leerling, pad), VERZORGER).status_code == 404, pad
    assert (leerling.relaties.count(), leerling.arrangementen.count()) == voor
    assert Verzorger.objects.get(pk=verzorger.pk).telefoon == ""


def test_a_post_without_csrf_token_is_refused(school: School, leerling: Leerling) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(_user("csrf", school, BEHEERDER))
    response = client.post(f"/leerling/{leerling.pk}/verzorger/toevoegen/", VERZORGER)
    assert response.status_code == 403
    assert not Verzorger.objects.filter(roepnaam="Mila", achternaam="Bakker").exists()


# --- uitstroom, LGF and methodetoetsen ----------------------------------------------------------


def test_an_uitstroom_is_recorded_checked_against_the_enrolment_and_cleared(
    beheerder: Client, leerling: Leerling
) -> None:
    Uitstroom.objects.filter(leerling=leerling).delete()
    url = f"/leerling/{leerling.pk}/uitstroom/"
    te_vroeg = leerling.inschrijvingsdatum - dt.timedelta(days=1)
    response = beheerder.post(url, {"datum": te_vroeg.isoformat(), "bestemming": "vo"})
    assert "De uitstroomdatum ligt voor de inschrijvingsdatum" in response.content.decode()
    datum = leerling.inschrijvingsdatum + dt.timedelta(days=1)
    data = {"datum": datum.isoformat(), "bestemming": "vo", "schooladvies": "havo/vwo"}
    html = _post(beheerder, url, data)
    assert "De uitstroom van" in html and "schooladvies havo/vwo" in html
    assert "Weet je zeker" in _html(beheerder, f"{url}wissen/")
    assert "is gewist" in _post(beheerder, f"{url}wissen/")
    assert not Uitstroom.objects.filter(leerling=leerling).exists()


def test_an_arrangement_is_added_ended_and_deleted_from_the_leerling_page(
    beheerder: Client, leerling: Leerling
) -> None:
    basis = f"/leerling/{leerling.pk}/arrangement/"
    data = {"soort": "lgf-4", "begindatum": "2026-09-01", "einddatum": "2026-08-31"}
    response = beheerder.post(f"{basis}toevoegen/", data)
    assert "De einddatum ligt voor de begindatum (01-09-2026)." in response.content.decode()
    html = _post(beheerder, f"{basis}toevoegen/", {**data, "einddatum": ""})
    assert "LGF cluster 4 (gedrag en psychiatrisch) is toegevoegd" in html
    arrangement = Arrangement.objects.get(leerling=leerling, soort="lgf-4")
    html = _post(beheerder, f"{basis}{arrangement.pk}/beeindigen/", {"einddatum": "2027-07-09"})
    assert "loopt tot en met 09-07-2027" in html
    assert "Weet je zeker" in _html(beheerder, f"{basis}{arrangement.pk}/verwijderen/")
    assert "is verwijderd" in _post(beheerder, f"{basis}{arrangement.pk}/verwijderen/")
    assert not Arrangement.objects.filter(pk=arrangement.pk).exists()


def test_a_teacher_adds_a_methodetoets_and_enters_a_score_for_it(
    juf: Client, leerling: Leerling
) -> None:
    groep = leerling.groep
    assert groep is not None
    data = {"methode": "Pluspunt 4", "naam": "Blok 3", "vakgebied": "rekenen", "maximumscore": "35"}
    html = _post(juf, f"/groep/{groep.pk}/methodetoets/", data)
    toets = Methodetoets.objects.get(methode="Pluspunt 4", naam="Blok 3")
    assert "Methodetoets Pluspunt 4: Blok 3 is toegevoegd." in html
    assert f'<option value="{toets.pk}" selected>' in html
    score = {"leerling": leerling.pk, "toets": toets.pk, "ruwe_score": "17,5"}
    html = _post(juf, f"/groep/{groep.pk}/toetsscore/", {**score, "datum": _vandaag()})
    assert "Score 17,5 voor Pluspunt 4: Blok 3" in html
    assert toets.scores.get().ruwe_score == "17,5"
    dubbel = juf.post(f"/groep/{groep.pk}/methodetoets/", data)
    assert "De methodetoets Pluspunt 4: Blok 3 bestaat al." in dubbel.content.decode()


def _vandaag() -> str:
    return timezone.localdate().isoformat()
