"""The GKV endpoint through Django's client: what it delivers with GKV basis and uitgebreid, the
WSDL and XSD it serves, and the faults of malformed requests."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

from koppel.las.gkv.operations import OPERATIES
from koppel.las.koppelingen.models import GKV_BASIS, GKV_UITGEBREID, Gegevenstoegang, Recht
from koppel.las.school.models import Leerkracht, Leerling, School
from koppel.las.school.selectors import ingeschreven
from tests.las.gkv import client as gkv_client
from tests.las.gkv.conftest import LEVERANCIER, Gkv, GkvKoppeling, post_raw
from tests.las.gkv.support import assert_schema_valid, paden, return_element

pytestmark = pytest.mark.django_db


def _ingeschreven(school: School) -> set[str]:
    rows = Leerling.objects.filter(ingeschreven(timezone.localdate()), school=school)
    return set(rows.values_list("key", flat=True))


def test_get_leerlingen_delivers_every_enrolled_pupil_with_the_basis_data(
    gkv: Gkv, school: School
) -> None:
    antwoord = gkv("getLeerlingen")
    assert antwoord.status == 200, antwoord.content
    leerlingen = gkv_client.items(antwoord.content, "leerlingen", "leerling")
    assert {ll["id"] for ll in leerlingen} == _ingeschreven(school)
    eerste = Leerling.objects.get(school=school, key=leerlingen[0]["id"])
    assert leerlingen[0]["achternaam"] == eerste.achternaam
    assert leerlingen[0]["geboortedatum"] == eerste.geboortedatum.isoformat()
    groepen = {gr["id"] for gr in gkv_client.items(antwoord.content, "groepen", "groep")}
    indelingen = cast(
        list[str], return_element(antwoord.content).xpath("//groepsindeling/groep/text()")
    )
    assert indelingen and set(indelingen) <= groepen


def test_get_medewerkers_delivers_teachers_with_user_name_email_and_groups(
    gkv: Gkv, school: School
) -> None:
    antwoord = gkv("getMedewerkers")
    medewerkers = {
        m["id"]: m for m in gkv_client.items(antwoord.content, "medewerkers", "medewerker")
    }
    leerkracht = Leerkracht.objects.filter(school=school, groepen__isnull=False).first()
    assert leerkracht is not None and len(medewerkers) == school.leerkrachten.count()
    assert medewerkers[leerkracht.key]["gebruikersnaam"] == leerkracht.gebruikersnaam
    assert medewerkers[leerkracht.key]["email"] == leerkracht.emailadres
    pad = f"medewerkers/medewerker[id='{leerkracht.key}']/groepen/groep/text()"
    groepen = cast(list[str], return_element(antwoord.content).xpath(pad))
    assert set(groepen) == set(leerkracht.groepen.values_list("key", flat=True))


@pytest.mark.parametrize(
    ("operatie", "recht"), [(op, recht) for op in OPERATIES for recht in OPERATIES[op].datasets]
)
def test_every_delivered_element_is_in_the_data_set_and_valid_against_the_xsd(
    gkv: Gkv, gekoppeld: GkvKoppeling, operatie: str, recht: str
) -> None:
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(soort=recht)
    ret = return_element(gkv(operatie).content)
    assert paden(ret) <= OPERATIES[operatie].datasets[recht]
    assert_schema_valid(ret.getparent())


def test_uitgebreid_adds_pupil_number_and_enrolment(gkv: Gkv, gekoppeld: GkvKoppeling) -> None:
    basis = gkv_client.items(gkv().content, "leerlingen", "leerling")[0]
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(soort=GKV_UITGEBREID)
    uitgebreid = gkv_client.items(gkv().content, "leerlingen", "leerling")[0]
    assert "leerlingNummer" not in basis and "datumAanmelding" not in basis
    assert uitgebreid["leerlingNummer"] == uitgebreid["id"] and uitgebreid["datumAanmelding"]


def test_a_delivery_is_recorded_under_gegevenstoegang(gkv: Gkv, school: School) -> None:
    gkv("getLeerlingen")
    rij = Gegevenstoegang.objects.get(operatie="getLeerlingen")
    assert (rij.uitkomst, rij.profiel, rij.school_id) == ("geleverd", GKV_BASIS, school.pk)
    assert rij.aantal_leerlingen == len(_ingeschreven(school))


def test_another_school_year_is_answered_with_empty_lists(gkv: Gkv) -> None:
    antwoord = gkv("getLeerlingen", schooljaar="2025 / 2026")
    assert antwoord.status == 200
    assert gkv_client.items(antwoord.content, "leerlingen", "leerling") == []


def test_the_supplier_name_may_be_sent_html_escaped(
    client: Client, gekoppeld: GkvKoppeling
) -> None:
    body = gkv_client.verzoek(
        "getGroepen", naam=LEVERANCIER.replace("&", "&amp;"), sleutel=gekoppeld.sleutel, brin="99XX"
    )
    assert post_raw(client, body, soapaction='"getGroepen"').status == 200


def test_a_dependance_is_named_with_six_characters(gkv: Gkv) -> None:
    assert gkv("getGroepen", brin="99XX00").status == 200
    assert gkv("getGroepen", brin="99XX01").faultcode == "Client.LeveranciersleutelOngeldig"


# --- WSDL and XSD ------------------------------------------------------------------------------


def test_the_wsdl_names_this_endpoint_and_the_three_operations(client: Client) -> None:
    response = client.get(gkv_client.PAD + "?wsdl")
    wsdl = etree.fromstring(response.content)
    ns = {"w": "http://schemas.xmlsoap.org/wsdl/", "s": "http://schemas.xmlsoap.org/wsdl/soap/"}
    assert wsdl.xpath("//s:address/@location", namespaces=ns) == [
        "http://testserver/bao/services/cxf/v3/generic"
    ]
    acties = wsdl.xpath("//w:binding/w:operation/s:operation/@soapAction", namespaces=ns)
    assert acties == list(OPERATIES)


def test_the_xsd_is_served_and_an_unknown_document_is_404(client: Client) -> None:
    xsd = client.get(gkv_client.PAD + "?xsd=gkv.xsd")
    assert xsd.status_code == 200 and b"getLeerlingenResponse" in xsd.content
    assert client.get(gkv_client.PAD + "?xsd=../settings.py").status_code == 404


@pytest.mark.parametrize("methode", ["get", "put", "delete"])
def test_only_post_answers_soap(client: Client, methode: str) -> None:
    assert getattr(client, methode)(gkv_client.PAD).status_code == 405


# --- faults of malformed requests --------------------------------------------------------------

DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'


def _v(operatie: str = "getGroepen", **changes: str) -> bytes:
    return gkv_client.verzoek(operatie, **({"naam": "x", "sleutel": "y", "brin": "99XX"} | changes))


@pytest.mark.parametrize(
    ("body", "soapaction", "melding"),
    [
        (b"<niet-af", None, "geen goedgevormde XML"),
        (DOCTYPE, None, "DOCTYPE"),
        (_v("getGeheimen"), None, "Onbekende operatie"),
        (_v(), '"getLeerlingen"', "SOAPAction"),
        (_v(brin="99X"), None, "brinnummer"),
        (_v(schooljaar="2026-2028"), None, "schooljaar"),
        (_v(naam=""), None, "leveranciernaam"),
    ],
    ids=["not-xml", "doctype", "unknown-operation", "soapaction", "brin", "schooljaar", "no-name"],
)
def test_a_malformed_request_is_refused_as_ongeldig_bericht(
    client: Client, body: bytes, soapaction: str | None, melding: str
) -> None:
    antwoord = post_raw(client, body, soapaction=soapaction)
    assert antwoord.status == 500 and antwoord.faultcode == "Client.OngeldigBericht"
    root = etree.fromstring(antwoord.content)
    assert melding in "".join(map(str, root.itertext()))


def test_a_request_without_a_key_is_refused(gkv: Gkv) -> None:
    assert gkv(sleutel="").faultcode == "Client.LeveranciersleutelOngeldig"


def test_a_request_larger_than_the_limit_is_refused(client: Client, settings: Any) -> None:
    settings.UWLR_MAX_REQUEST_BYTES = 100
    antwoord = post_raw(client, b"<x>" + b" " * 200 + b"</x>")
    assert antwoord.faultcode == "Client.OngeldigBericht"
    assert "groter dan toegestaan" in antwoord.content.decode()
