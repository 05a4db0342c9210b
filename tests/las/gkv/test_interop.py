"""A GKV client written against the documented wire format (raw XML request, answer read by
element names) fetches leerlingen and medewerkers from a real LAS process over HTTP; the LAS's
office hours come from ``KOPPEL_LAS_KANTOORUREN`` and refuse a partner whose right says Nee."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.las.gkv import client as gkv_client
from tests.support.las_process import LasProcess

BRIN = "77GK"

_OPZET = """
import json
from koppel.las.koppelingen import services as k
from koppel.las.koppelingen.models import GKV_BASIS, Recht
from koppel.las.school.models import School
from koppel.las.school.selectors import ingeschreven
from django.utils import timezone
school = School.objects.get(brincode={brin!r})
sleutels = {{}}
for naam, code, kantoor in (("Identiteit & Co", "IDM", True), ("Nachtwerk", "NACHT", False)):
    p = k.add_partner(naam=naam, klantcode=code, rechten=(GKV_BASIS,))
    Recht.objects.filter(partner=p).update(gkv_tijdens_kantooruren=kantoor)
    kp = k.suggest(school=school, partner=p)
    k.activate(kp, door="test")
    sleutels[code] = k.rekey_leverancier(kp, door="test")
leerlingen = school.leerlingen.filter(ingeschreven(timezone.localdate()))
print(json.dumps({{"sleutels": sleutels, "leerlingen": sorted(leerlingen.values_list("key", flat=True)),
    "medewerkers": school.leerkrachten.count(), "schooljaar": school.schooljaar}}))
"""


@dataclass(frozen=True)
class Las:
    url: str
    sleutels: dict[str, str]
    leerlingen: list[str]
    medewerkers: int
    schooljaar: str


@pytest.fixture(scope="module")
def las() -> Iterator[Las]:
    with LasProcess(workers=1, env={"KOPPEL_LAS_KANTOORUREN": "ma-zo 00:00-24:00"}) as proces:
        proces.run("seed", "--brin", BRIN, "--leerlingen", "40", "--seed", "5")
        opzet = json.loads(proces.python(_OPZET.format(brin=BRIN)).splitlines()[-1])
        yield Las(url=proces.base_url + gkv_client.PAD, **opzet)


def _call(las: Las, operatie: str, *, naam: str, code: str) -> httpx.Response:
    body = gkv_client.verzoek(
        operatie,
        naam=naam,
        sleutel=las.sleutels[code],
        brin=BRIN,
        schooljaar=las.schooljaar.replace("-", " / "),
    )
    return httpx.post(las.url, content=body, headers=gkv_client.headers(operatie), timeout=30)


def test_a_raw_xml_client_fetches_the_pupils(las: Las) -> None:
    response = _call(las, "getLeerlingen", naam="Identiteit & Co", code="IDM")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/xml")
    leerlingen = gkv_client.items(response.content, "leerlingen", "leerling")
    assert sorted(ll["id"] for ll in leerlingen) == las.leerlingen
    assert all(ll["achternaam"] and ll["geboortedatum"] for ll in leerlingen)
    (schooljaar,) = gkv_client.items(response.content, "schooljaren", "schooljaar")
    assert schooljaar["naam"] == las.schooljaar.replace("-", " / ")


def test_a_raw_xml_client_fetches_the_teachers(las: Las) -> None:
    response = _call(las, "getMedewerkers", naam="Identiteit & Co", code="IDM")
    medewerkers = gkv_client.items(response.content, "medewerkers", "medewerker")
    assert len(medewerkers) == las.medewerkers
    assert all(m["lastName"] and "@" in m["email"] for m in medewerkers)


def test_a_partner_without_gkv_during_office_hours_is_refused_by_the_configured_hours(
    las: Las,
) -> None:
    response = _call(las, "getLeerlingen", naam="Nachtwerk", code="NACHT")
    assert response.status_code == 500
    assert gkv_client.fault(response.content) == (
        "Client.BuitenKantoortijden",
        "Deze webservice mag alleen buiten kantoortijden worden bevraagd",
    )


def test_the_wsdl_is_served_with_the_address_of_the_running_las(las: Las) -> None:
    wsdl = httpx.get(las.url + "?wsdl", timeout=30)
    assert f'location="{las.url}"' in wsdl.text
