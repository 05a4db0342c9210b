"""The GKV uitgebreid operations on the pupil file through Django's client: each delivers the
seeded data of the pupils enrolled today, GKV basis is refused, secret addresses and phone numbers
never leave the LAS, every element is in the data set and the answer is valid against our XSD."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.utils import timezone
from lxml import etree

from koppel.las.gkv.operations import OPERATIES
from koppel.las.koppelingen.models import GKV_UITGEBREID, Gegevenstoegang, Recht
from koppel.las.leerlingdossier.models import (
    Absentie,
    Arrangement,
    Groepsindeling,
    Inschrijving,
    LeerlingVerzorger,
    MethodetoetsScore,
    Uitstroom,
    Verzorger,
)
from koppel.las.school.models import Leerling, School
from koppel.las.school.selectors import ingeschreven
from tests.las.gkv import client as gkv_client
from tests.las.gkv.conftest import LEVERANCIER, Antwoord, Gkv, GkvKoppeling, post_raw
from tests.las.gkv.support import assert_schema_valid, paden, return_element

pytestmark = pytest.mark.django_db
NIEUW = ["getVerzorgers", "getAbsenties", "getLoopbaan", "getToetsen", "getLgf", "getEdexml"]


@pytest.fixture
def uitgebreid(gkv: Gkv, gekoppeld: GkvKoppeling) -> Gkv:
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(soort=GKV_UITGEBREID)
    return gkv


@pytest.fixture
def geheim(school: School) -> Verzorger:
    """The first verzorger of the first enrolled pupil, given a secret address and phone."""
    leerling = _ingeschreven(school).filter(relaties__isnull=False).first()
    assert leerling is not None
    relatie = LeerlingVerzorger.objects.filter(leerling=leerling).order_by("volgorde").first()
    assert relatie is not None
    verzorger = relatie.verzorger
    assert verzorger.adres is not None
    adres = verzorger.adres
    adres.straat, adres.plaats, adres.geheim = "Geheimstraat", "Verborgenoord", True
    adres.save()
    verzorger.telefoon, verzorger.telefoon_geheim = "06-GEHEIM-99", True
    verzorger.save()
    return verzorger


def _ingeschreven(school: School) -> QuerySet[Leerling]:
    return Leerling.objects.filter(ingeschreven(timezone.localdate()), school=school)


def _xpath(antwoord: Antwoord, pad: str) -> list[str]:
    assert antwoord.status == 200, antwoord.content
    return [str(x) for x in cast(list[object], return_element(antwoord.content).xpath(pad))]


def _keys(school: School) -> dict[int, str]:
    return dict(_ingeschreven(school).values_list("pk", "key"))


@pytest.mark.parametrize("operatie", NIEUW)
def test_a_basis_only_partner_is_refused_every_pupil_file_operation(
    gkv: Gkv, operatie: str
) -> None:
    antwoord = gkv(operatie)
    assert antwoord.status == 500 and antwoord.faultcode == "Client.GeenRecht"
    assert Gegevenstoegang.objects.get(operatie=operatie).uitkomst == "Client.GeenRecht"


@pytest.mark.parametrize("operatie", NIEUW)
def test_every_delivered_element_is_allowed_and_the_answer_valid_against_the_xsd(
    uitgebreid: Gkv, geheim: Verzorger, operatie: str
) -> None:
    antwoord = uitgebreid(operatie)
    assert antwoord.status == 200, antwoord.content
    ret = return_element(antwoord.content)
    assert len(ret) and paden(ret) <= OPERATIES[operatie].datasets[GKV_UITGEBREID]
    assert_schema_valid(ret.getparent())


@pytest.mark.parametrize("operatie", ["getVerzorgers", "getLeerlingen"])
def test_secret_addresses_and_phone_numbers_are_never_delivered(
    uitgebreid: Gkv, geheim: Verzorger, operatie: str
) -> None:
    xml = uitgebreid(operatie).content.decode()
    for verboden in ("Geheimstraat", "Verborgenoord", "06-GEHEIM-99", f">A-{geheim.adres_id}<"):
        assert verboden not in xml
    assert "<geheimadres>true" not in xml and "<geheim>true" not in xml


def test_get_verzorgers_delivers_every_relation_of_the_enrolled_pupils(
    uitgebreid: Gkv, school: School
) -> None:
    keys = _keys(school)
    verwacht = {
        (r.verzorger.key, keys[r.leerling_id], r.relatie)
        for r in LeerlingVerzorger.objects.filter(leerling_id__in=keys).select_related("verzorger")
    }
    ret = return_element(uitgebreid("getVerzorgers").content)
    geleverd = {
        (v.findtext("id"), r.findtext("leerling"), r.findtext("relatie"))
        for v in ret.iterfind("verzorgers/verzorger")
        for r in v.iterfind("relaties/relatie")
    }
    assert verwacht and geleverd == verwacht


def test_a_verzorger_refers_to_its_open_address_with_the_data_of_the_database(
    uitgebreid: Gkv, school: School
) -> None:
    ret = return_element(uitgebreid("getVerzorgers").content)
    verzorger = ret.find("verzorgers/verzorger[adres]")
    assert verzorger is not None
    db = Verzorger.objects.get(school=school, key=verzorger.findtext("id"))
    adres = ret.find(f"adressen/adres[id='{verzorger.findtext('adres')}']")
    assert db.adres is not None and adres is not None and not db.adres.geheim
    assert (adres.findtext("straat"), adres.findtext("plaats")) == (
        db.adres.straat,
        db.adres.plaats,
    )


def test_get_leerlingen_uitgebreid_fills_the_pupil_address_from_the_verzorgers(
    uitgebreid: Gkv, school: School, geheim: Verzorger
) -> None:
    antwoord = uitgebreid("getLeerlingen")
    verwijzingen = _xpath(antwoord, "leerlingen/leerling/leerlingAdres/text()")
    adressen = set(_xpath(antwoord, "adressen/adres/id/text()"))
    assert verwijzingen and set(verwijzingen) <= adressen
    assert f"A-{geheim.adres_id}" not in adressen


def test_get_absenties_delivers_the_absences_and_filters_on_the_period(
    uitgebreid: Gkv, client: Client, gekoppeld: GkvKoppeling, school: School
) -> None:
    keys = _keys(school)
    alle = Absentie.objects.filter(leerling_id__in=keys)
    assert (
        set(_xpath(uitgebreid("getAbsenties"), "absenties/absentie/id/text()"))
        == {str(pk) for pk in alle.values_list("pk", flat=True)}
        != set()
    )
    datums = sorted(alle.values_list("datum", flat=True))
    vanaf, tot = datums[len(datums) // 4], datums[len(datums) // 2]
    antwoord = _absenties(
        client, gekoppeld, f"<vanafDatum>{vanaf}</vanafDatum><totDatum>{tot}</totDatum>"
    )
    geleverd = {
        dt.date.fromisoformat(d) for d in _xpath(antwoord, "absenties/absentie/datum/text()")
    }
    assert geleverd and min(geleverd) >= vanaf and max(geleverd) <= tot
    assert (
        len(_xpath(antwoord, "absenties/absentie"))
        == alle.filter(datum__range=(vanaf, tot)).count()
    )


def test_an_invalid_period_date_is_refused_as_ongeldig_bericht(
    uitgebreid: Gkv, client: Client, gekoppeld: GkvKoppeling
) -> None:
    antwoord = _absenties(client, gekoppeld, "<vanafDatum>1-9-2026</vanafDatum>")
    assert antwoord.faultcode == "Client.OngeldigBericht"
    assert "vanafDatum" in antwoord.content.decode()


def _absenties(client: Client, gekoppeld: GkvKoppeling, extra: str) -> Antwoord:
    body = gkv_client.verzoek(
        "getAbsenties", naam=LEVERANCIER, sleutel=gekoppeld.sleutel, brin="99XX"
    )
    body = body.replace(b"</par:getAbsenties>", extra.encode() + b"</par:getAbsenties>")
    return post_raw(client, body, soapaction='"getAbsenties"')


def test_get_loopbaan_delivers_enrolments_group_history_and_outflow(
    uitgebreid: Gkv, school: School
) -> None:
    keys = _keys(school)
    leerling = Leerling.objects.get(pk=next(iter(keys)))
    Uitstroom.objects.create(
        leerling=leerling, datum=dt.date(2027, 7, 9), schooladvies="havo/vwo",
        school_van_bestemming="Het Lyceum",
    )  # fmt: skip
    antwoord = uitgebreid("getLoopbaan")
    assert set(_xpath(antwoord, "leerlingen/leerling/id/text()")) == set(keys.values())
    indelingen = Groepsindeling.objects.filter(leerling_id__in=keys)
    assert sorted(_xpath(antwoord, "//groepsindeling/id/text()")) == sorted(
        str(pk) for pk in indelingen.values_list("pk", flat=True)
    )
    inschrijvingen = Inschrijving.objects.filter(leerling_id__in=keys).count()
    assert len(_xpath(antwoord, "//inschrijving")) == inschrijvingen > 0
    pad = f"leerlingen/leerling[id='{leerling.key}']/uitstroom/schooladvies/text()"
    assert _xpath(antwoord, pad) == ["havo/vwo"]


def test_get_toetsen_delivers_the_raw_scores_exactly_as_typed(
    uitgebreid: Gkv, school: School
) -> None:
    keys = _keys(school)
    score = MethodetoetsScore.objects.filter(leerling_id__in=keys).first()
    assert score is not None
    score.ruwe_score = "7,50"  # as a teacher typed it: never 7.5
    score.save()
    ret = return_element(uitgebreid("getToetsen").content)
    geleverd = {
        s.findtext("id"): s.findtext("ruweScore") for s in ret.iterfind("toetsscores/toetsscore")
    }
    verwacht = dict(
        MethodetoetsScore.objects.filter(leerling_id__in=keys).values_list("pk", "ruwe_score")
    )
    assert geleverd == {str(pk): waarde for pk, waarde in verwacht.items()}
    assert geleverd[str(score.pk)] == "7,50"
    toets = ret.find(f"methodetoetsen/methodetoets[id='{score.toets_id}']")
    assert toets is not None and toets.findtext("maximumscore") == str(score.toets.maximumscore)


def test_get_lgf_delivers_the_arrangements_of_the_enrolled_pupils(
    uitgebreid: Gkv, school: School
) -> None:
    keys = _keys(school)
    leerling = Leerling.objects.get(pk=next(iter(keys)))
    Arrangement.objects.create(
        leerling=leerling, soort="lgf-2", begindatum=dt.date(2025, 8, 25), omschrijving="Rugzak"
    )
    antwoord = uitgebreid("getLgf")
    verwacht = Arrangement.objects.filter(leerling_id__in=keys)
    assert sorted(_xpath(antwoord, "arrangementen/arrangement/id/text()")) == sorted(
        str(pk) for pk in verwacht.values_list("pk", flat=True)
    )
    pad = f"arrangementen/arrangement[leerling='{leerling.key}'][soort='lgf-2']/omschrijving/text()"
    assert _xpath(antwoord, pad) == ["Rugzak"]


def test_a_pupil_file_delivery_is_recorded_with_the_uitgebreid_right(
    uitgebreid: Gkv, school: School
) -> None:
    uitgebreid("getVerzorgers")
    rij = Gegevenstoegang.objects.get(operatie="getVerzorgers")
    assert (rij.uitkomst, rij.profiel) == ("geleverd", GKV_UITGEBREID)
    assert 0 < rij.aantal_leerlingen <= len(_keys(school))


def test_the_wsdl_offers_the_pupil_file_operations(client: Client) -> None:
    wsdl = etree.fromstring(client.get(gkv_client.PAD + "?wsdl").content)
    namen = wsdl.xpath("//*[local-name()='portType']/*[local-name()='operation']/@name")
    assert set(NIEUW) <= set(cast(list[str], namen))
