"""Shared fixtures and helpers of the toetsen tests (no tests of its own): the real catalogue, a
school with two groups and a teacher of one of them, and helpers to answer or score a test.

The other ``test_toetsen_*`` modules import what they use from here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from koppel.ea.accounts.models import Rol
from koppel.ea.klanten.models import Groep, Klant, Leerkracht, Leerling
from koppel.ea.toetsen import catalogus
from koppel.ea.toetsen.models import Afname, Toets

NU = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)
LV, RW = "KOPPEL-LV-M5", "KOPPEL-RW-M5"


@pytest.fixture
def toetsen(db: None) -> dict[str, Toets]:
    """The shipped catalogue (Leesvaardigheid and Rekenen-Wiskunde), by code."""
    return {geladen.toets.code: geladen.toets for geladen in catalogus.laad()}


@pytest.fixture
def school(klant: Klant, leerkracht_user: User) -> dict[str, object]:
    """Groep 5a (Arent, Jan, Bo) with the leerkracht ``meester``, and Groep 6b (Thing)."""
    groep5 = Groep.objects.create(klant=klant, naam="Groep 5a", jaargroep="5")
    groep6 = Groep.objects.create(klant=klant, naam="Groep 6b", jaargroep="6")
    leerkracht = Leerkracht.objects.create(klant=klant, achternaam="Meester", user=leerkracht_user)
    leerkracht.groepen.add(groep5)
    return {
        "5a": groep5,
        "6b": groep6,
        "arent": leerling(klant, "1001", "Arent", "Acikbas", groep5),
        "jan": leerling(klant, "1002", "Jan", "Vries", groep5, voorvoegsel="de"),
        "bo": leerling(klant, "1003", "Bo", "Bakker", groep5),
        "thing": leerling(klant, "2001", "Thing", "Adams", groep6),
    }


def leerling(
    klant: Klant, nummer: str, roepnaam: str, achternaam: str, groep: Groep, **extra: str
) -> Leerling:
    return Leerling.objects.create(
        klant=klant, leerlingnummer=nummer, roepnaam=roepnaam, achternaam=achternaam,
        groep=groep, jaargroep=groep.jaargroep, **extra,
    )  # fmt: skip


def rol(user: User) -> Rol:
    return Rol.objects.select_related("klant").get(user=user)


def juiste_antwoorden(afname: Afname, *, fout: int = 0) -> dict[int, dict[int, int]]:
    """Per onderdeel volgnummer: opgave id → choice, all right except the first ``fout`` of each."""
    antwoorden: dict[int, dict[int, int]] = {}
    for onderdeel in afname.toets.onderdelen.all():
        keuzes = {}
        for index, opgave in enumerate(onderdeel.opgaven.all()):
            keuzes[opgave.pk] = (
                (opgave.juist + 1) % len(opgave.keuzes) if index < fout else opgave.juist
            )
        antwoorden[onderdeel.volgnummer] = keuzes
    return antwoorden


def onderdeel_ids(toets: Toets) -> list[int]:
    return list(toets.onderdelen.order_by("volgnummer").values_list("pk", flat=True))
