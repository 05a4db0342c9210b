"""The pupil-file pages: the leerling page's sections, absences per group and day, and entering a
raw test score, each for the roles that may (a teacher of the group, a beheerder) and no one else."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from koppel.las.leerlingdossier.models import (
    Absentie,
    Adres,
    Arrangement,
    Methodetoets,
    MethodetoetsScore,
    Uitstroom,
    Verzorger,
)
from koppel.las.school.models import Groep, Leerkracht, Leerling, School

pytestmark = pytest.mark.django_db


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _eigen_groep(leerkracht: Leerkracht) -> Groep:
    return leerkracht.groepen.order_by("pk").first()


def _lid(groep: Groep) -> Leerling:
    return groep.leerlingen.order_by("pk").first()


# --- the leerling page --------------------------------------------------------------------------


def test_the_pupil_page_shows_verzorgers_loopbaan_absenties_and_toetsen(
    beheerder_client: Client,
) -> None:
    score = MethodetoetsScore.objects.select_related("leerling", "toets").first()
    leerling = score.leerling
    html = _html(beheerder_client, f"/leerling/{leerling.pk}/")
    for relatie in leerling.relaties.select_related("verzorger"):
        assert str(relatie.verzorger) in html and relatie.get_relatie_display() in html
    for h2 in ("Verzorgers", "Loopbaan", "Absenties", "Toetsen"):
        assert f"<h2>{h2}" in html
    assert leerling.groep.naam in html
    assert "Nieuwe leerling" in html or "Zij-instroom" in html
    assert f"<td>{score.ruwe_score} van {score.toets.maximumscore}</td>" in html
    assert " style=" not in html and "<script>" not in html


def test_secret_address_and_phone_are_shown_to_staff_marked_geheim(
    medewerker_client: Client, leerkracht: Leerkracht
) -> None:
    leerling = _lid(_eigen_groep(leerkracht))
    verzorger = Verzorger.objects.filter(leerlingen=leerling).first()
    Adres.objects.filter(pk=verzorger.adres_id).update(geheim=True)
    Verzorger.objects.filter(pk=verzorger.pk).update(telefoon_geheim=True)
    html = _html(medewerker_client, f"/leerling/{leerling.pk}/")
    assert f"{verzorger.telefoon} <strong>(geheim)</strong>" in html
    assert f"{verzorger.adres.straat} {verzorger.adres.huisnummer}" in html
    assert "<strong>(geheim adres)</strong>" in html
    assert "niet aan koppelpartijen doorgegeven" in html


def test_the_loopbaan_shows_uitstroom_and_lgf(beheerder_client: Client, school: School) -> None:
    leerling = Leerling.objects.filter(school=school, jaargroep="8").first()
    Uitstroom.objects.create(
        leerling=leerling,
        datum=dt.date(2027, 7, 9),
        schooladvies="havo/vwo",
        school_van_bestemming="Het Lyceum",
    )
    Arrangement.objects.create(
        leerling=leerling, soort="lgf-2", begindatum=dt.date(2025, 9, 1), omschrijving="Logopedie"
    )
    html = _html(beheerder_client, f"/leerling/{leerling.pk}/")
    assert "09-07-2027: Voortgezet onderwijs, schooladvies havo/vwo, naar Het Lyceum" in html
    assert "LGF cluster 2 (auditief en communicatief), 01-09-2025: Logopedie" in html


def test_a_medewerker_finds_no_pupil_file_of_another_groups_pupil(
    medewerker_client: Client, leerkracht: Leerkracht, school: School
) -> None:
    eigen = set(
        Leerling.objects.filter(groep__leerkrachten=leerkracht).values_list("pk", flat=True)
    )
    eigen |= set(
        Leerling.objects.filter(samengestelde_groepen__leerkrachten=leerkracht).values_list(
            "pk", flat=True
        )
    )
    vreemd = Leerling.objects.filter(school=school).exclude(pk__in=eigen).first()
    response = medewerker_client.get(f"/leerling/{vreemd.pk}/")
    assert response.status_code == 404
    assert str(vreemd.relaties.first().verzorger) not in response.content.decode()


# --- absenties per group and day ----------------------------------------------------------------


def test_the_absence_grid_lists_the_groups_pupils_with_that_days_absences(
    medewerker_client: Client, leerkracht: Leerkracht
) -> None:
    groep = _eigen_groep(leerkracht)
    leerling, dag = _lid(groep), dt.date(2026, 11, 20)
    Absentie.objects.filter(leerling=leerling).delete()
    Absentie.objects.create(leerling=leerling, datum=dag, dagdeel="middag", soort="ziek")
    html = _html(medewerker_client, f"/groep/{groep.pk}/absenties/?datum=2026-11-20")
    assert "Absenties " + groep.naam + " op 20-11-2026" in html
    assert "Ziek (middag)" in html
    assert len(re.findall(r'href="/leerling/\d+/"', html)) == groep.leerlingen.count()
    assert 'href="?datum=2026-11-19"' in html and 'href="?datum=2026-11-21"' in html


def test_a_teacher_records_an_absence_and_returns_to_that_day(
    medewerker_client: Client, leerkracht: Leerkracht
) -> None:
    groep = _eigen_groep(leerkracht)
    leerling, dag = _lid(groep), timezone.localdate()
    Absentie.objects.filter(leerling=leerling, datum=dag).delete()
    response = medewerker_client.post(
        f"/groep/{groep.pk}/absenties/",
        {
            "leerling": leerling.pk,
            "datum": dag.isoformat(),
            "dagdeel": "ochtend",
            "soort": "te_laat",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/groep/{groep.pk}/absenties/?datum={dag.isoformat()}"
    assert escape(f"De absentie van {leerling} is geregistreerd.") in response.content.decode()
    absentie = Absentie.objects.get(leerling=leerling, datum=dag)
    assert (absentie.soort, absentie.ingevoerd_door) == ("te_laat", "Juf Jansen")


def test_an_invalid_absence_is_shown_in_dutch_and_not_stored(
    beheerder_client: Client, school: School
) -> None:
    groep = Groep.objects.filter(school=school).first()
    leerling, morgen = _lid(groep), timezone.localdate() + dt.timedelta(days=1)
    data = {"leerling": leerling.pk, "datum": morgen.isoformat(), "dagdeel": "dag", "soort": "ziek"}
    html = beheerder_client.post(f"/groep/{groep.pk}/absenties/", data).content.decode()
    assert "De datum ligt in de toekomst." in html
    assert not Absentie.objects.filter(leerling=leerling, datum=morgen).exists()


def test_a_pupil_of_another_group_is_an_invalid_choice(
    medewerker_client: Client, leerkracht: Leerkracht, school: School
) -> None:
    groep = _eigen_groep(leerkracht)
    vreemd = Leerling.objects.filter(school=school).exclude(groep=groep).first()
    data = {"leerling": vreemd.pk, "datum": "2026-11-20", "dagdeel": "dag", "soort": "ziek"}
    html = medewerker_client.post(f"/groep/{groep.pk}/absenties/", data).content.decode()
    assert "Selecteer een geldige keuze" in html
    assert not Absentie.objects.filter(leerling=vreemd, datum=dt.date(2026, 11, 20)).exists()


def test_an_absence_can_be_removed(medewerker_client: Client, leerkracht: Leerkracht) -> None:
    groep = _eigen_groep(leerkracht)
    absentie = Absentie.objects.create(
        leerling=_lid(groep), datum=dt.date(2026, 11, 2), dagdeel="ochtend", soort="ziek"
    )
    url = f"/groep/{groep.pk}/absenties/{absentie.pk}/verwijderen/"
    assert medewerker_client.get(url).status_code == 405
    response = medewerker_client.post(url)
    assert response.status_code == 302 and not Absentie.objects.filter(pk=absentie.pk).exists()


def test_teachers_of_other_groups_and_other_schools_find_no_absence_pages(
    medewerker_client: Client, ander_client: Client, leerkracht: Leerkracht, school: School
) -> None:
    vreemd = Groep.objects.filter(school=school).exclude(leerkrachten=leerkracht).first()
    eigen = _eigen_groep(leerkracht)
    absentie = Absentie.objects.filter(leerling__groep=eigen).first()
    for url in (f"/groep/{vreemd.pk}/absenties/", f"/groep/{vreemd.pk}/toetsscore/"):
        assert medewerker_client.get(url).status_code == 404
    for url in (f"/groep/{eigen.pk}/absenties/", f"/groep/{eigen.pk}/toetsscore/"):
        assert ander_client.get(url).status_code == 404
    verwijderen = f"/groep/{eigen.pk}/absenties/{absentie.pk}/verwijderen/"
    assert ander_client.post(verwijderen).status_code == 404
    assert Absentie.objects.filter(pk=absentie.pk).exists()


def test_the_forms_need_a_csrf_token(medewerker: User, leerkracht: Leerkracht) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(medewerker, backend="django.contrib.auth.backends.ModelBackend")
    groep = _eigen_groep(leerkracht)
    html = _html(client, f"/groep/{groep.pk}/absenties/")
    assert 'name="csrfmiddlewaretoken"' in html
    assert client.post(f"/groep/{groep.pk}/absenties/", {}).status_code == 403


# --- toetsscore invoeren ------------------------------------------------------------------------


def test_a_teacher_enters_a_raw_score_stored_as_typed(
    medewerker_client: Client, leerkracht: Leerkracht, school: School
) -> None:
    groep = _eigen_groep(leerkracht)
    leerling = _lid(groep)
    toets = Methodetoets.objects.filter(school=school, vakgebied="spelling").first()
    data = {"leerling": leerling.pk, "toets": toets.pk, "datum": "2026-11-20", "ruwe_score": "12,5"}
    response = medewerker_client.post(f"/groep/{groep.pk}/toetsscore/", data, follow=True)
    html = response.content.decode()
    assert escape(f"Score 12,5 voor {toets} van {leerling} is opgeslagen.") in html
    score = MethodetoetsScore.objects.get(
        leerling=leerling, toets=toets, datum=dt.date(2026, 11, 20)
    )
    assert (score.ruwe_score, score.ingevoerd_door) == ("12,5", "Juf Jansen")
    assert "<td>12,5</td>" in html


@pytest.mark.parametrize(
    ("score", "fout"),
    [
        ("31", "hoger dan de maximumscore van deze toets (30)"),
        ("twaalf", "Vul een score in als getal, bijvoorbeeld 17 of 7,5."),
    ],
)
def test_an_impossible_score_is_refused_with_a_dutch_message(
    beheerder_client: Client, school: School, score: str, fout: str
) -> None:
    groep = Groep.objects.filter(school=school).first()
    toets = Methodetoets.objects.filter(school=school, vakgebied="spelling").first()
    data = {
        "leerling": _lid(groep).pk,
        "toets": toets.pk,
        "datum": "2026-11-20",
        "ruwe_score": score,
    }
    html = beheerder_client.post(f"/groep/{groep.pk}/toetsscore/", data).content.decode()
    assert fout in html
    assert not MethodetoetsScore.objects.filter(
        toets=toets, leerling=_lid(groep), datum=dt.date(2026, 11, 20)
    ).exists()


def test_the_groep_page_links_to_absenties_and_toetsscore_only_for_a_stamgroep(
    beheerder_client: Client, school: School
) -> None:
    groep = Groep.objects.filter(school=school).first()
    html = _html(beheerder_client, f"/groep/{groep.pk}/")
    assert f'href="/groep/{groep.pk}/absenties/"' in html
    assert f'href="/groep/{groep.pk}/toetsscore/"' in html
    sg = school.samengestelde_groepen.first()
    assert "Toetsscore invoeren" not in _html(beheerder_client, f"/groep/samengesteld/{sg.pk}/")


@pytest.mark.parametrize("pad", ["absenties/", "toetsscore/"])
def test_the_record_pages_need_no_inline_styles_or_scripts(
    beheerder_client: Client, school: School, pad: str
) -> None:
    groep = Groep.objects.filter(school=school).first()
    html = _html(beheerder_client, f"/groep/{groep.pk}/{pad}")
    assert " style=" not in html and "<script>" not in html and " onclick=" not in html
