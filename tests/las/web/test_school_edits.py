"""The beheerder's edits of school data: each one valid, in one service, and seen by partners."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from koppel.las.school.models import Groep, Leerkracht, Leerling, SamengesteldeGroep, School
from tests.las.helpers import Gekoppeld, Post, verzoek

pytestmark = pytest.mark.django_db

NIEUW = {
    "achternaam": "Vries",
    "voorvoegsel": "de",
    "roepnaam": "Fenna",
    "voorletters": "F.",
    "geboortedatum": "2019-04-12",
    "geslacht": "2",
    "jaargroep": "3",
    "inschrijvingsdatum": "2026-08-24",
}


def _groep(school: School, *, behalve: int | None = None) -> Groep:
    return Groep.objects.filter(school=school).exclude(pk=behalve).order_by("pk").first()


def _errors(response: object) -> str:
    return str(response.context["form"].errors)  # type: ignore[attr-defined]


# --- Leerling toevoegen -------------------------------------------------------------------------


def test_leerling_toevoegen_enrols_a_pupil_with_a_new_leerlingnummer(
    beheerder_client: Client, school: School
) -> None:
    voor = School.objects.get(pk=school.pk).mutatiedatum
    groep = _groep(school)
    response = beheerder_client.post(
        "/leerling/toevoegen/", {**NIEUW, "groep": groep.pk}, follow=True
    )
    nieuw = Leerling.objects.get(roepnaam="Fenna", achternaam="Vries")
    assert response.redirect_chain == [(f"/leerling/{nieuw.pk}/", 302)]
    assert "Leerling Fenna de Vries is toegevoegd met leerlingnummer LL-000061." in (
        response.content.decode()
    )
    assert (nieuw.school, nieuw.groep, nieuw.key, nieuw.geboortedatum) == (
        school,
        groep,
        "LL-000061",
        dt.date(2019, 4, 12),
    )
    assert School.objects.get(pk=school.pk).mutatiedatum > voor


def test_a_given_leerlingnummer_is_kept_and_must_be_unique(
    beheerder_client: Client, school: School
) -> None:
    beheerder_client.post("/leerling/toevoegen/", {**NIEUW, "key": "EIGEN-1"})
    assert Leerling.objects.filter(school=school, key="EIGEN-1").exists()
    response = beheerder_client.post("/leerling/toevoegen/", {**NIEUW, "key": "LL-000001"})
    assert response.status_code == 200
    assert "Dit leerlingnummer is al in gebruik." in _errors(response)
    assert Leerling.objects.filter(school=school).count() == 61


@pytest.mark.parametrize(
    ("wijziging", "fout"),
    [
        ({"geboortedatum": "2099-01-01"}, "De geboortedatum ligt in de toekomst."),
        (
            {"geboortedatum": "2020-05-01", "inschrijvingsdatum": "2020-04-30"},
            "De inschrijvingsdatum ligt voor de geboortedatum.",
        ),
        ({"achternaam": ""}, "Dit veld is verplicht."),
        ({"jaargroep": "99"}, "Selecteer een geldige keuze."),
    ],
)
def test_leerling_toevoegen_refuses_invalid_input_with_a_dutch_error(
    beheerder_client: Client, school: School, wijziging: dict[str, str], fout: str
) -> None:
    response = beheerder_client.post("/leerling/toevoegen/", {**NIEUW, **wijziging})
    assert response.status_code == 200
    assert fout in _errors(response)
    assert Leerling.objects.filter(school=school).count() == 60


def test_a_groep_of_another_school_is_not_a_valid_choice(
    beheerder_client: Client, school: School, andere_school: School
) -> None:
    vreemde = _groep(andere_school)
    response = beheerder_client.post("/leerling/toevoegen/", {**NIEUW, "groep": vreemde.pk})
    assert "Selecteer een geldige keuze." in _errors(response)
    assert not Leerling.objects.filter(groep=vreemde, school=school).exists()


# --- Andere groep, Uitschrijven -----------------------------------------------------------------


def test_andere_groep_moves_the_pupil_and_changes_mutatiedatum(
    beheerder_client: Client, school: School
) -> None:
    leerling = Leerling.objects.filter(school=school, groep__isnull=False).first()
    andere = _groep(school, behalve=leerling.groep_id)
    url = f"/leerling/{leerling.pk}/andere-groep/"
    response = beheerder_client.post(url, {"groep": andere.pk, "jaargroep": "5"}, follow=True)
    assert escape(f"{leerling} zit nu in {andere.naam}.") in response.content.decode()
    na = Leerling.objects.get(pk=leerling.pk)
    assert (na.groep, na.jaargroep) == (andere, "5")
    assert na.mutatiedatum > leerling.mutatiedatum


def test_andere_groep_refuses_the_current_groep_and_another_schools_groep(
    beheerder_client: Client, school: School, andere_school: School
) -> None:
    leerling = Leerling.objects.filter(school=school, groep__isnull=False).first()
    url = f"/leerling/{leerling.pk}/andere-groep/"
    zelfde = {"groep": leerling.groep_id, "jaargroep": leerling.jaargroep}
    assert "al in deze groep" in _errors(beheerder_client.post(url, zelfde))
    vreemd = {"groep": _groep(andere_school).pk, "jaargroep": leerling.jaargroep}
    assert "Selecteer een geldige keuze." in _errors(beheerder_client.post(url, vreemd))
    assert Leerling.objects.get(pk=leerling.pk).mutatiedatum == leerling.mutatiedatum


def test_uitschrijven_asks_for_a_confirmation_before_the_pupil_leaves(
    beheerder_client: Client, school: School
) -> None:
    leerling = Leerling.objects.filter(school=school).first()
    url = f"/leerling/{leerling.pk}/uitschrijven/"
    vandaag = timezone.localdate()
    eerst = beheerder_client.post(url, {"datum": vandaag.isoformat()})
    assert "Weet je zeker dat je" in eerst.content.decode()
    assert Leerling.objects.get(pk=leerling.pk).uitschrijvingsdatum is None
    response = beheerder_client.post(
        url, {"datum": vandaag.isoformat(), "bevestigd": "1"}, follow=True
    )
    assert f"is uitgeschreven per {vandaag:%d-%m-%Y}." in response.content.decode()
    na = Leerling.objects.get(pk=leerling.pk)
    assert na.uitschrijvingsdatum == vandaag
    assert na.mutatiedatum > leerling.mutatiedatum


def test_uitschrijven_before_the_inschrijving_is_refused(
    beheerder_client: Client, school: School
) -> None:
    leerling = Leerling.objects.filter(school=school).first()
    te_vroeg = leerling.inschrijvingsdatum - dt.timedelta(days=1)
    response = beheerder_client.post(
        f"/leerling/{leerling.pk}/uitschrijven/", {"datum": te_vroeg.isoformat(), "bevestigd": "1"}
    )
    assert "De uitschrijvingsdatum ligt voor de inschrijvingsdatum" in _errors(response)
    assert Leerling.objects.get(pk=leerling.pk).uitschrijvingsdatum is None


# --- Groepen wijzigen ---------------------------------------------------------------------------


def test_groepen_wijzigen_replaces_the_teachers_groepen(
    beheerder_client: Client, school: School, leerkracht: Leerkracht
) -> None:
    groepen = list(Groep.objects.filter(school=school).exclude(leerkrachten=leerkracht)[:2])
    sg = SamengesteldeGroep.objects.filter(school=school).exclude(leerkrachten=leerkracht).first()
    response = beheerder_client.post(
        f"/medewerker/{leerkracht.pk}/groepen/",
        {"groepen": [g.pk for g in groepen], "samengestelde_groepen": [sg.pk]},
        follow=True,
    )
    assert f"De groepen van {leerkracht} zijn gewijzigd." in response.content.decode()
    na = Leerkracht.objects.get(pk=leerkracht.pk)
    assert set(na.groepen.all()) == set(groepen)
    assert list(na.samengestelde_groepen.all()) == [sg]
    assert na.mutatiedatum > leerkracht.mutatiedatum


def test_groepen_wijzigen_refuses_another_schools_groep(
    beheerder_client: Client, leerkracht: Leerkracht, andere_school: School
) -> None:
    voor = set(leerkracht.groepen.all())
    response = beheerder_client.post(
        f"/medewerker/{leerkracht.pk}/groepen/", {"groepen": [_groep(andere_school).pk]}
    )
    assert "Selecteer een geldige keuze." in _errors(response)
    assert set(leerkracht.groepen.all()) == voor


# --- who may edit -------------------------------------------------------------------------------


def _edit_urls(school: School) -> list[str]:
    leerling = Leerling.objects.filter(school=school).first()
    leerkracht = Leerkracht.objects.filter(school=school).first()
    return [
        "/leerling/toevoegen/",
        f"/leerling/{leerling.pk}/andere-groep/",
        f"/leerling/{leerling.pk}/uitschrijven/",
        f"/medewerker/{leerkracht.pk}/groepen/",
    ]


def test_a_medewerker_may_not_edit(medewerker_client: Client, school: School) -> None:
    for url in _edit_urls(school):
        assert medewerker_client.get(url).status_code == 403, url
        assert medewerker_client.post(url, NIEUW).status_code == 403, url
    assert Leerling.objects.filter(school=school).count() == 60


def test_a_beheerder_of_another_school_cannot_edit_this_schools_data(
    ander_client: Client, school: School
) -> None:
    leerling = Leerling.objects.filter(school=school).first()
    for url in _edit_urls(school)[1:]:
        assert ander_client.get(url).status_code == 404, url
    datum = timezone.localdate().isoformat()
    uitschrijven = f"/leerling/{leerling.pk}/uitschrijven/"
    assert ander_client.post(uitschrijven, {"datum": datum, "bevestigd": "1"}).status_code == 404
    assert Leerling.objects.get(pk=leerling.pk).uitschrijvingsdatum is None


# --- partners see the change --------------------------------------------------------------------


def _andere_groep(client: Client, school: School) -> None:
    leerling = Leerling.objects.filter(school=school, groep__isnull=False).first()
    andere = _groep(school, behalve=leerling.groep_id)
    data = {"groep": andere.pk, "jaargroep": leerling.jaargroep}
    client.post(f"/leerling/{leerling.pk}/andere-groep/", data)


def _uitschrijven(client: Client, school: School) -> None:
    leerling = Leerling.objects.filter(school=school).first()
    data = {"datum": timezone.localdate().isoformat(), "bevestigd": "1"}
    client.post(f"/leerling/{leerling.pk}/uitschrijven/", data)


def _toevoegen(client: Client, school: School) -> None:
    client.post("/leerling/toevoegen/", {**NIEUW, "inschrijvingsdatum": "2026-08-24"})


def _groepen_wijzigen(client: Client, school: School) -> None:
    leerkracht = Leerkracht.objects.filter(school=school, groepen__isnull=False).first()
    client.post(f"/medewerker/{leerkracht.pk}/groepen/", {"groepen": [_groep(school).pk]})


@pytest.mark.parametrize("edit", [_andere_groep, _uitschrijven, _toevoegen, _groepen_wijzigen])
def test_an_edit_through_the_page_is_sent_to_partners_asking_since_their_last_data(
    beheerder_client: Client,
    post: Post,
    gekoppeld: Gekoppeld,
    school: School,
    edit: Callable[[Client, School], None],
) -> None:
    ontvangen = timezone.now()
    voor = post(verzoek(laatstontvangengegevens=ontvangen), gekoppeld.autorisatie())
    assert voor.findall(".//lg:geenwijzigingen")
    edit(beheerder_client, school)
    na = post(verzoek(laatstontvangengegevens=ontvangen), gekoppeld.autorisatie())
    assert not na.findall(".//lg:geenwijzigingen")
    assert na.findall(".//lg:leerling")
