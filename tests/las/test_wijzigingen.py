"""``laatstontvangengegevens``: ``geenwijzigingen`` until the school's data change; ``geengegevens``
for a school without pupils or another school year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koppel.las.school import services
from koppel.las.school.models import Groep, Leerling, School
from koppel.las.school.selectors import laatste_wijziging
from koppel.las.uwlr_service.decisions import lege_inhoud
from koppel.uwlr import messages as m
from tests.las.helpers import Gekoppeld, Post, verzoek

pytestmark = pytest.mark.django_db


def _leerling_keys(post: Post, gekoppeld: Gekoppeld, **changes: object) -> set[str]:
    antwoord = post(verzoek(**changes), gekoppeld.autorisatie())
    return {e.get("key") for e in antwoord.findall(".//lg:leerling")}


def test_no_changes_since_the_last_data_answers_geenwijzigingen(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    antwoord = post(verzoek(laatstontvangengegevens=timezone.now()), gekoppeld.autorisatie())
    assert antwoord.findall(".//lg:geenwijzigingen")
    assert not antwoord.findall(".//lg:leerling")


def test_moving_a_pupil_to_another_group_sends_the_data_again(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    ontvangen = timezone.now()
    leerling = Leerling.objects.filter(groep__isnull=False).first()
    andere = Groep.objects.exclude(pk=leerling.groep_id).first()
    services.move_leerling(leerling, groep=andere)
    antwoord = post(verzoek(laatstontvangengegevens=ontvangen), gekoppeld.autorisatie())
    assert not antwoord.findall(".//lg:geenwijzigingen")
    mine = next(e for e in antwoord.findall(".//lg:leerling") if e.get("key") == leerling.key)
    assert mine.find("{*}groep").get("key") == andere.key


def test_changing_samengestelde_groepen_counts_as_a_change(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    ontvangen = timezone.now()
    services.set_samengestelde_groepen(Leerling.objects.first(), [])
    antwoord = post(verzoek(laatstontvangengegevens=ontvangen), gekoppeld.autorisatie())
    assert antwoord.findall(".//lg:leerling")


def test_a_pupil_who_left_is_no_longer_sent_and_the_data_count_as_changed(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    ontvangen = timezone.now()
    leerling = Leerling.objects.first()
    services.uitschrijven(leerling, datum=timezone.localdate())
    antwoord = post(verzoek(laatstontvangengegevens=ontvangen), gekoppeld.autorisatie())
    keys = {e.get("key") for e in antwoord.findall(".//lg:leerling")}
    assert keys and leerling.key not in keys


def test_deleting_a_pupil_counts_as_a_change(post: Post, gekoppeld: Gekoppeld) -> None:
    ontvangen = timezone.now()
    services.delete_leerling(Leerling.objects.first())
    antwoord = post(verzoek(laatstontvangengegevens=ontvangen), gekoppeld.autorisatie())
    assert antwoord.findall(".//lg:leerling")


def test_a_future_leaving_date_becomes_a_change_on_that_date(school: School) -> None:
    vandaag = timezone.localdate()
    leerling = Leerling.objects.filter(school=school).first()
    Leerling.objects.filter(pk=leerling.pk).update(
        uitschrijvingsdatum=vandaag + dt.timedelta(days=10)
    )
    later = vandaag + dt.timedelta(days=10)
    assert laatste_wijziging(school.pk, today=later) > laatste_wijziging(school.pk, today=vandaag)
    assert laatste_wijziging(school.pk, today=later).date() >= later - dt.timedelta(days=1)


def test_a_school_without_pupils_answers_geengegevens(post: Post, gekoppeld: Gekoppeld) -> None:
    Leerling.objects.all().delete()
    assert post(verzoek(), gekoppeld.autorisatie()).findall(".//lg:geengegevens")


def test_another_school_year_answers_geengegevens(post: Post, gekoppeld: Gekoppeld) -> None:
    assert post(verzoek(schooljaar="2019-2020"), gekoppeld.autorisatie()).findall(
        ".//lg:geengegevens"
    )


def test_lege_inhoud_treats_an_equal_timestamp_as_no_change() -> None:
    moment = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)
    common = {
        "gevraagd_schooljaar": "2026-2027",
        "schooljaar": "2026-2027",
        "heeft_gegevens": True,
        "laatste_wijziging": moment,
    }
    assert lege_inhoud(**common, laatstontvangen=moment) == m.GeenWijzigingen()
    assert lege_inhoud(**common, laatstontvangen=moment - dt.timedelta(seconds=1)) is None
    assert lege_inhoud(**common, laatstontvangen=None) is None
