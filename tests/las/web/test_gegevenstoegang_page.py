"""Beheer → Privacy → Gegevenstoegang: the school's audit of data access, its filters, paging and
CSV export; only this school's rows, only for its beheerder, and never an autorisatiesleutel."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.utils import timezone
from lxml import html

from koppel.las.koppelingen import services
from koppel.las.koppelingen.models import Gegevenstoegang, Koppeling, Koppelpartner
from koppel.las.school.models import School
from tests.las.helpers import Gekoppeld, Post, verzoek

pytestmark = pytest.mark.django_db

PAD = "/beheer/privacy/gegevenstoegang/"


def text(client: Client, query: str = "") -> str:
    response = client.get(PAD + query)
    assert response.status_code == 200
    return " ".join(" ".join(html.fromstring(response.content).itertext()).split())


def csv_lines(client: Client, query: str = "") -> list[str]:
    response = client.get(PAD + "?formaat=csv" + query)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="gegevenstoegang-99XX00.csv"'
    data = b"".join(response.streaming_content)  # type: ignore[arg-type]
    assert data.startswith("\ufeff".encode())
    return data.decode("utf-8-sig").splitlines()


def row(partner: Koppelpartner, school: School, *, operatie: str, **details: object) -> None:
    uitkomst = str(details.pop("uitkomst", "geleverd"))
    tijdstip = details.pop("tijdstip", None)
    services.record_toegang(
        partner_id=partner.pk,
        operatie=operatie,
        uitkomst=uitkomst,
        school_id=school.pk,
        details=details,
    )
    if tijdstip is not None:
        Gegevenstoegang.objects.filter(pk=Gegevenstoegang.objects.latest("pk").pk).update(
            tijdstip=tijdstip
        )


def test_the_page_lists_deliveries_and_the_schools_own_actions_newest_first(
    beheerder_client: Client, gekoppeld: Gekoppeld, post: Post
) -> None:
    post(verzoek(), gekoppeld.autorisatie())
    content = text(beheerder_client)
    assert "Gegevenstoegang - 1 t/m 4 (van 4)" in content
    koppen = (
        "Tijdstip Koppelpartij Handeling/Operatie Profiel Aantal leerlingen Uitkomst Adres Door"
    )
    assert koppen in content
    assert "Boom testcentrum HaalLeerlinggegevens Smalle set 60 geleverd 127.0.0.1" in content
    tree = html.fromstring(beheerder_client.get(PAD).content)
    assert tree.xpath("//tbody/tr/td[3]/text()") == [
        "HaalLeerlinggegevens",
        "Nieuwe autorisatiesleutel",
        "Afnemen",
        "Suggestie",
    ]
    vandaag = timezone.localdate().strftime("%d-%m-%Y")
    assert f"{vandaag} " in content
    assert "Boom testcentrum Afnemen Smalle set 0 ok test" in content


def test_the_page_shows_no_row_of_another_school(
    beheerder_client: Client, school: School, andere_school: School, partner: Koppelpartner
) -> None:
    row(partner, andere_school, operatie="HaalLeerlingen")
    row(partner, school, operatie="HaalStructuur")
    content = text(beheerder_client)
    assert "HaalStructuur" in content and "HaalLeerlingen" not in content
    assert "HaalLeerlingen" not in "".join(csv_lines(beheerder_client))


def test_the_filters_narrow_the_rows(
    beheerder_client: Client, school: School, partner: Koppelpartner
) -> None:
    ander = services.add_partner(naam="Gynzy", klantcode="GY")
    vandaag = timezone.localdate()
    gisteren = timezone.now() - dt.timedelta(days=1)
    row(partner, school, operatie="HaalStructuur")
    row(ander, school, operatie="HaalLeerlingen", uitkomst="Client.AutorisatieOngeldig")
    row(partner, school, operatie="HaalLeerkrachten", tijdstip=gisteren)
    assert "(van 1)" in text(beheerder_client, f"?koppelpartij={ander.pk}")
    assert "(van 1)" in text(beheerder_client, "?operatie=HaalStructuur")
    assert "(van 1)" in text(beheerder_client, "?uitkomst=Client.AutorisatieOngeldig")
    assert "(van 2)" in text(beheerder_client, f"?van={vandaag:%Y-%m-%d}")
    assert "HaalLeerkrachten" in text(beheerder_client, f"?tot={gisteren:%Y-%m-%d}")
    assert "(van 1)" in text(beheerder_client, f"?tot={gisteren:%Y-%m-%d}")
    lines = csv_lines(beheerder_client, f"&koppelpartij={ander.pk}")
    assert len(lines) == 2 and "Gynzy;HaalLeerlingen" in lines[1]


def test_the_filter_choices_come_from_this_schools_rows(
    beheerder_client: Client, school: School, partner: Koppelpartner
) -> None:
    row(partner, school, operatie="HaalStructuur")
    tree = html.fromstring(beheerder_client.get(PAD).content)
    opties = tree.xpath('//select[@name="koppelpartij"]/option/text()')
    assert opties == ["Alle koppelpartijen", "Boom testcentrum"]
    assert tree.xpath('//select[@name="operatie"]/option/@value') == ["", "HaalStructuur"]
    assert tree.xpath('//input[@name="van"]/@type') == ["date"]


def test_an_impossible_date_range_is_reported(beheerder_client: Client, school: School) -> None:
    content = text(beheerder_client, "?van=2026-05-02&tot=2026-05-01")
    assert "Deze datum ligt vóór de datum bij 'Van'." in content


def test_the_rows_are_paged_by_50_and_the_csv_holds_them_all(
    beheerder_client: Client, school: School, partner: Koppelpartner
) -> None:
    for _ in range(55):
        row(partner, school, operatie="HaalStructuur")
    assert "Gegevenstoegang - 1 t/m 50 (van 55)" in text(beheerder_client)
    assert "Gegevenstoegang - 51 t/m 55 (van 55)" in text(beheerder_client, "?pagina=2")
    lines = csv_lines(beheerder_client)
    assert lines[0] == (
        "Tijdstip;Koppelpartij;Handeling/Operatie;Profiel;Aantal leerlingen;Uitkomst;Adres;Door"
    )
    assert len(lines) == 56


def test_the_export_link_keeps_the_filters(
    beheerder_client: Client, school: School, partner: Koppelpartner
) -> None:
    content = beheerder_client.get(PAD + "?operatie=HaalStructuur&pagina=1").content.decode()
    (link,) = html.fromstring(content).xpath('//a[text()="Exporteren als CSV"]/@href')
    assert link == "?operatie=HaalStructuur&formaat=csv"


def test_a_cell_that_looks_like_a_formula_is_defused_in_the_csv(
    beheerder_client: Client, school: School
) -> None:
    kwaad = services.add_partner(naam='=HYPERLINK("http://x")', klantcode="KWAAD")
    row(kwaad, school, operatie="HaalStructuur")
    assert "'=HYPERLINK" in csv_lines(beheerder_client)[1]


def test_the_key_appears_nowhere_after_rekeying(
    beheerder_client: Client, gekoppeld: Gekoppeld, post: Post
) -> None:
    pad = f"/beheer/koppelingen/{gekoppeld.koppeling.pk}/sleutel/"
    response = beheerder_client.post(pad)
    found = re.search(r'<code id="autorisatiesleutel">([^<]+)</code>', response.content.decode())
    assert found is not None
    sleutel = found.group(1)
    gekoppeld.sleutel = sleutel
    assert post(verzoek(), gekoppeld.autorisatie()).status == 200
    assert post(verzoek(), gekoppeld.autorisatie(autorisatiesleutel="fout")).faultcode
    content = text(beheerder_client)
    assert "Nieuwe autorisatiesleutel" in content and "Anna de Vries" in content
    assert sleutel not in beheerder_client.get(PAD).content.decode()
    assert sleutel not in "".join(csv_lines(beheerder_client))
    assert Koppeling.objects.get().sleutel_digest not in "".join(csv_lines(beheerder_client))


def test_only_the_schools_beheerder_may_see_the_audit(
    medewerker_client: Client, ander_client: Client, gekoppeld: Gekoppeld
) -> None:
    assert medewerker_client.get(PAD).status_code == 403
    assert medewerker_client.get(PAD + "?formaat=csv").status_code == 403
    assert "Boom testcentrum" not in text(ander_client)
    assert ander_client.post(PAD).status_code == 405
