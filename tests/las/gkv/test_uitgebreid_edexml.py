"""``getEdexml`` (GKV uitgebreid): the school as an EDEXML 2.1 document, base64 in the answer,
with every enrolled pupil, the groups and the teachers, references by key; and one call of each
kind through the raw-XML client against a real LAS process."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import httpx
import pytest
from django.utils import timezone
from lxml import etree

from koppel.las.koppelingen.models import GKV_UITGEBREID, Gegevenstoegang, Recht
from koppel.las.school.models import Leerling, SamengesteldeGroep, School, Vestiging
from koppel.las.school.selectors import ingeschreven
from tests.las.gkv import client as gkv_client
from tests.las.gkv.conftest import Gkv, GkvKoppeling
from tests.las.gkv.support import return_element
from tests.support.las_process import LasProcess
from tests.support.official_edexml import edexml_errors


def _document(content: bytes) -> bytes:
    tekst = return_element(content).findtext("edexml")
    assert tekst, content
    return base64.b64decode(tekst)


def _edex(content: bytes) -> etree._Element:
    return etree.fromstring(_document(content))


def _xp(element: etree._Element, pad: str) -> list[str]:
    return [str(x) for x in cast(list[object], element.xpath(pad))]


@pytest.mark.django_db
def test_a_school_year_without_pupils_gets_a_fault_not_an_invalid_document(
    gkv: Gkv, gekoppeld: GkvKoppeling
) -> None:
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(soort=GKV_UITGEBREID)
    antwoord = gkv("getEdexml", schooljaar="2019 / 2020")
    assert antwoord.status == 500
    assert antwoord.faultcode == "Client.GeenLeerlingen"
    rij = Gegevenstoegang.objects.get(operatie="getEdexml")
    assert rij.uitkomst == "Client.GeenLeerlingen" and "ten minste één leerling" in rij.melding
    assert gkv("getLeerlingen", schooljaar="2019 / 2020").status == 200  # an empty list there


@pytest.mark.django_db
def test_the_edexml_export_parses_and_holds_every_enrolled_pupil(
    gkv: Gkv, gekoppeld: GkvKoppeling, school: School
) -> None:
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(soort=GKV_UITGEBREID)
    edex = _edex(gkv("getEdexml").content)
    leerlingen = Leerling.objects.filter(ingeschreven(timezone.localdate()), school=school)
    assert edex.tag == "EDEX" and edex.findtext("school/xsdversie") == "2.1"
    assert edex.findtext("school/brincode") == "99XX"
    assert edex.findtext("school/schooljaar") == school.schooljaar
    assert set(_xp(edex, "leerlingen/leerling/@key")) == set(
        leerlingen.values_list("key", flat=True)
    )
    groepen = set(_xp(edex, "groepen/groep/@key"))
    assert set(_xp(edex, "leerlingen/leerling/groep/@key")) <= groepen
    assert set(_xp(edex, "leerkrachten/leerkracht/groepen/groep/@key")) <= groepen
    assert len(_xp(edex, "leerkrachten/leerkracht")) == school.leerkrachten.count()


@pytest.mark.django_db
def test_a_pupil_in_the_edexml_export_has_the_name_and_birth_date_of_the_database(
    gkv: Gkv, gekoppeld: GkvKoppeling, school: School
) -> None:
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(soort=GKV_UITGEBREID)
    edex = _edex(gkv("getEdexml").content)
    item = edex.find("leerlingen/leerling")
    assert item is not None
    leerling = Leerling.objects.get(school=school, key=item.get("key"))
    assert item.findtext("achternaam") == leerling.achternaam
    assert item.findtext("geboortedatum") == leerling.geboortedatum.isoformat()
    assert next(c.tag for c in item) == "achternaam"


@pytest.mark.django_db
def test_the_edexml_export_is_valid_against_the_official_edexml_2_1_types(
    gkv: Gkv, gekoppeld: GkvKoppeling, school: School
) -> None:
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(soort=GKV_UITGEBREID)
    Vestiging.objects.create(school=school, key="V-1", naam="Dependance De Wilg")
    document = _document(gkv("getEdexml").content)
    assert edexml_errors(document) == []
    edex = etree.fromstring(document)
    assert _xp(edex, "vestigingen/vestiging/@key") == ["V-1"]


@pytest.mark.django_db
def test_the_edexml_export_holds_the_samengestelde_groepen_and_eck_ids(
    gkv: Gkv, gekoppeld: GkvKoppeling, school: School
) -> None:
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(soort=GKV_UITGEBREID)
    edex = _edex(gkv("getEdexml").content)
    sg = SamengesteldeGroep.objects.filter(school=school)
    assert (
        set(_xp(edex, "groepen/samengestelde_groep/@key"))
        == set(sg.values_list("key", flat=True))
        != set()
    )
    lid = Leerling.objects.filter(school=school, samengestelde_groepen__isnull=False).first()
    assert lid is not None
    item = edex.find(f"leerlingen/leerling[@key='{lid.key}']")
    assert item is not None
    assert set(_xp(item, "samengestelde_groepen/samengestelde_groep/@key")) == set(
        lid.samengestelde_groepen.values_list("key", flat=True)
    )
    met_eckid = Leerling.objects.filter(school=school, eckid__isnull=False).first()
    assert met_eckid is not None
    assert _xp(edex, f"leerlingen/leerling[@key='{met_eckid.key}']/@eckid") == [met_eckid.eckid]
    leerkracht = school.leerkrachten.filter(samengestelde_groepen__isnull=False).first()
    assert leerkracht is not None
    lk = edex.find(f"leerkrachten/leerkracht[@key='{leerkracht.key}']")
    assert lk is not None and lk.findtext("rol") == leerkracht.rol
    assert set(_xp(lk, "groepen/samengestelde_groep/@key")) == set(
        leerkracht.samengestelde_groepen.values_list("key", flat=True)
    )


# --- a real LAS process ------------------------------------------------------------------------

BRIN = "78GU"
_OPZET = """
import json
from koppel.las.koppelingen import services as k
from koppel.las.koppelingen.models import GKV_UITGEBREID
from koppel.las.leerlingdossier.models import LeerlingVerzorger
from koppel.las.school.models import School
from koppel.las.school.selectors import ingeschreven
from django.utils import timezone
school = School.objects.get(brincode={brin!r})
p = k.add_partner(naam="Ouderportaal & Co", klantcode="OPC", rechten=(GKV_UITGEBREID,))
kp = k.suggest(school=school, partner=p)
k.activate(kp, door="test")
sleutel = k.rekey_leverancier(kp, door="test")
leerlingen = school.leerlingen.filter(ingeschreven(timezone.localdate()))
relaties = LeerlingVerzorger.objects.filter(leerling__in=leerlingen)
print(json.dumps({{"sleutel": sleutel, "leerlingen": sorted(leerlingen.values_list("key", flat=True)),
    "verzorgers": sorted(set(relaties.values_list("verzorger__key", flat=True))),
    "schooljaar": school.schooljaar}}))
"""


@dataclass(frozen=True)
class Las:
    url: str
    sleutel: str
    leerlingen: list[str]
    verzorgers: list[str]
    schooljaar: str


@pytest.fixture(scope="module")
def las() -> Iterator[Las]:
    with LasProcess(workers=1, env={"KOPPEL_LAS_KANTOORUREN": "geen"}) as proces:
        proces.run("seed", "--brin", BRIN, "--leerlingen", "30", "--seed", "3")
        opzet = json.loads(proces.python(_OPZET.format(brin=BRIN)).splitlines()[-1])
        yield Las(url=proces.base_url + gkv_client.PAD, **opzet)


def _call(las: Las, operatie: str) -> httpx.Response:
    body = gkv_client.verzoek(
        operatie, naam="Ouderportaal & Co", sleutel=las.sleutel, brin=BRIN,
        schooljaar=las.schooljaar.replace("-", " / "),
    )  # fmt: skip
    return httpx.post(las.url, content=body, headers=gkv_client.headers(operatie), timeout=30)


def test_a_raw_xml_client_fetches_the_verzorgers_from_a_real_las(las: Las) -> None:
    response = _call(las, "getVerzorgers")
    assert response.status_code == 200, response.text
    verzorgers = gkv_client.items(response.content, "verzorgers", "verzorger")
    assert sorted(v["id"] for v in verzorgers) == las.verzorgers != []
    assert all(v["achternaam"] for v in verzorgers)


def test_a_raw_xml_client_fetches_the_edexml_export_from_a_real_las(las: Las) -> None:
    response = _call(las, "getEdexml")
    assert response.status_code == 200, response.text
    edex = _edex(response.content)
    assert sorted(_xp(edex, "leerlingen/leerling/@key")) == las.leerlingen
