"""The leveranciersleutel dialog in Chromium: a schoolbeheerder sets a new key for a koppeling
with a GKV right, confirms in the dialog and sees the key once: a reload sends the form again,
which the LAS refuses without setting or showing a key. A raw GKV call is then refused with the
old key and answered with the new one.

The LAS runs as a real process with a seeded school and a GKV partner whose coupling already has
a leveranciersleutel (the old one, made with the LAS's own service).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.las.e2e.helpers import bevestig, login
from tests.las.e2e.seeding import Gebruiker, add_users, seed_school
from tests.las.gkv import client as gkv_client
from tests.support.las_process import LasProcess

pytestmark = pytest.mark.browser

BRIN = "66LS"
LEVERANCIER = "Identiteit & Co"
BEHEERDER = Gebruiker("anna", "e2e-Beheer-wachtwoord-2", "Anna de Vries")
LET_OP = "LET OP: Deze sleutel wordt slechts eenmalig weergegeven en kan alleen opnieuw ingesteld worden."
KNOP = "Nieuwe leveranciersleutel instellen"

_GKV_PARTNER = """
import json
from koppel.las.koppelingen import services as k
from koppel.las.koppelingen.models import GKV_BASIS
from koppel.las.school.models import School
school = School.objects.get(brincode={brin!r})
partner = k.add_partner(naam={naam!r}, klantcode="IDM-E2E", rechten=(GKV_BASIS,))
koppeling = k.suggest(school=school, partner=partner)
k.activate(koppeling, door="test")
print(json.dumps([koppeling.pk, k.rekey_leverancier(koppeling, door="test")]))
"""


class Gkv(NamedTuple):
    las: LasProcess
    schooljaar: str
    koppeling_url: str
    oude_sleutel: str


@pytest.fixture(scope="module")
def gkv() -> Iterator[Gkv]:
    with LasProcess(workers=1, env={"KOPPEL_LAS_KANTOORUREN": "geen"}) as las:
        schooljaar = seed_school(las, BRIN, leerlingen=12, naam="GKV-school")
        add_users(las, (BEHEERDER, ["--beheerder", BRIN]))
        opzet = las.python(_GKV_PARTNER.format(brin=BRIN, naam=LEVERANCIER)).splitlines()[-1]
        pk, sleutel = json.loads(opzet)
        yield Gkv(las, schooljaar, f"/beheer/koppelingen/{pk}/", sleutel)


@pytest.fixture(scope="module")
def las(gkv: Gkv) -> LasProcess:
    return gkv.las


def _gkv_call(gkv: Gkv, sleutel: str) -> httpx.Response:
    body = gkv_client.verzoek(
        "getLeerlingen",
        naam=LEVERANCIER,
        sleutel=sleutel,
        brin=BRIN,
        schooljaar=gkv.schooljaar.replace("-", " / "),
    )
    url = gkv.las.base_url + gkv_client.PAD
    return httpx.post(url, content=body, headers=gkv_client.headers("getLeerlingen"), timeout=30)


def test_a_new_leveranciersleutel_is_shown_once_and_replaces_the_old_one(
    page: Page, gkv: Gkv
) -> None:
    login(page, BEHEERDER)
    page.goto(gkv.koppeling_url)
    expect(page.get_by_role("heading", name=LEVERANCIER)).to_be_visible()
    bevestig(
        page, KNOP, dialoog="leveranciersleutel-bevestigen", akkoord="Nieuwe sleutel instellen"
    )
    expect(page.get_by_text(LET_OP)).to_be_visible()
    sleutel = page.locator("code#leveranciersleutel").inner_text().strip()
    assert len(sleutel) >= 16 and sleutel != gkv.oude_sleutel

    page.reload()  # the browser sends the form again: refused, and the key is not shown again
    expect(
        page.get_by_text("Er is intussen al een nieuwe leveranciersleutel ingesteld")
    ).to_be_visible()
    expect(page.locator("#leveranciersleutel")).to_have_count(0)
    assert sleutel not in page.content()

    fout = gkv_client.fault(_gkv_call(gkv, gkv.oude_sleutel).content)
    assert fout is not None and fout[0] == "Client.LeveranciersleutelOngeldig"
    nieuw = _gkv_call(gkv, sleutel)  # still the key that was shown: the reload set none
    assert nieuw.status_code == 200, nieuw.text[:300]
    assert gkv_client.items(nieuw.content, "leerlingen", "leerling")
    assert sleutel not in gkv.las.server_log()
