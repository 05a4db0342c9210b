"""The README's demo walkthrough, clicked through in Chromium against ``scripts/demo`` itself.

``make demo`` is what a newcomer runs first, so this test starts the same script (on free ports,
in a temporary folder), reads the log-ins from the banner it prints and follows the README: step 1
in the LAS (activate Boom, copy the key), the EA's Voorbereiding and step 2 (klantenservice
approves after a Testaanroep), step 3 (the review shows all 240 pupils), then single sign-on from
the EA into the LAS as the teacher the banner names (step 13) and the GKV with DWE-ICT's
leveranciersleutel (step 14). The tests run in file order and hand on what they made through
``stand``.
"""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.demo.conftest import Demo, NewContext
from tests.las.gkv import client as gkv_client

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BRIN, LEERLINGEN = "99XX", 240
BOOM = "Boom testcentrum UWLR"
LEERKRACHT_WACHTWOORD = "demo-leerkracht-99XX"
_BANNER_LEERKRACHT = re.compile(
    rf"^\s+(\S+) / {LEERKRACHT_WACHTWOORD}\s+leerkracht (.+?): al bekend, met het e-mailadres",
    re.M,
)

stand: dict[str, str] = {}


def _nodig(sleutel: str) -> str:
    if sleutel not in stand:
        pytest.fail(f"Een eerdere stap is niet gehaald ({sleutel} ontbreekt).", pytrace=False)
    return stand[sleutel]


def _inloggen(new_context: NewContext, base_url: str, naam: str, wachtwoord: str) -> Page:
    page = new_context(base_url).new_page()
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(naam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    return page


def _beheer(page: Page, link: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.get_by_role("main").get_by_role("link", name=link, exact=True).click()


def _knop(page: Page, naam: str) -> None:
    page.get_by_role("main").get_by_role("button", name=naam, exact=True).first.click()
    page.wait_for_load_state()


def test_step_1_anna_activates_boom_and_sees_the_key_once(
    demo: Demo, new_context: NewContext
) -> None:
    page = _inloggen(new_context, demo.las_url, "anna", "demo-beheer-99XX")
    _beheer(page, "Koppelingen")
    expect(page.get_by_role("main")).to_contain_text("Koppelingen - 1 t/m 4 (van 4)")
    page.get_by_role("link", name=BOOM, exact=True).click()
    page.get_by_role("button", name="Afnemen", exact=True).click()
    page.locator("dialog#afnemen-bevestigen").get_by_role("button", name="Akkoord").click()
    page.wait_for_load_state()
    _knop(page, "Nieuwe autorisatiesleutel instellen")
    stand["sleutel"] = page.locator("code#autorisatiesleutel").inner_text().strip()
    page.goto(page.url)  # the koppeling page again: the key is not shown a second time
    expect(page.locator("code#autorisatiesleutel")).to_have_count(0)


def test_step_7_and_8_eva_couples_and_karel_approves(demo: Demo, new_context: NewContext) -> None:
    sleutel = _nodig("sleutel")
    eva = _inloggen(new_context, demo.ea_url, "eva", "demo-ea-beheer-99XX")
    _beheer(eva, "UWLR-koppeling aanvragen")
    _knop(eva, "UWLR-koppeling aanvragen")
    karel = _inloggen(new_context, demo.ea_url, "karel", "demo-klantenservice-01")
    _knop(karel, "Goedkeuren")
    expect(karel.get_by_role("main")).to_contain_text("Goedgekeurd")

    _beheer(eva, "Koppelen met LAS")
    eva.get_by_label("Type koppeling").select_option(label="ParnasSys")
    eva.get_by_label("Autorisatiesleutel").fill(sleutel)
    _knop(eva, "Wijzigingen opslaan")
    expect(eva.get_by_role("main")).to_contain_text("Wacht op goedkeuring door de klantenservice")

    karel.goto("/klantenservice/")
    karel.locator("a[href*='/klantenservice/koppelingen/']").first.click()
    _knop(karel, "Testaanroep")
    expect(karel.get_by_role("main")).to_contain_text(f"{LEERLINGEN} leerlingen")
    _knop(karel, "Goedkeuren")
    expect(karel.get_by_role("main")).to_contain_text("Goedgekeurd")
    stand["gekoppeld"] = "ja"


def test_step_9_the_review_shows_every_pupil_of_the_school(
    demo: Demo, new_context: NewContext
) -> None:
    _nodig("gekoppeld")
    eva = _inloggen(new_context, demo.ea_url, "eva", "demo-ea-beheer-99XX")
    _beheer(eva, "Koppelen met LAS")
    eva.get_by_role("main").get_by_role("link", name="Gegevens importeren").first.click()
    _knop(eva, "Gegevens ophalen")
    expect(eva.get_by_role("link", name=f"Leerlingen ({LEERLINGEN})", exact=True)).to_be_visible()


def test_step_13_the_teacher_of_the_banner_signs_in_with_parnassys(
    demo: Demo, new_context: NewContext
) -> None:
    _nodig("gekoppeld")
    gevonden = _BANNER_LEERKRACHT.search(demo.uitvoer)
    assert gevonden, demo.uitvoer
    gebruikersnaam, naam = gevonden.groups()
    page = new_context(demo.ea_url).new_page()
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen met ParnasSys").click()
    page.wait_for_url(f"{demo.las_url}/inloggen/**")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(LEERKRACHT_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name=f"Inloggen bij {BOOM}")).to_be_visible()
    page.get_by_role("button", name="Toestaan").click()
    expect(page.get_by_role("heading", name="Is dit uw account?")).to_be_visible()
    page.get_by_role("button", name="Ja, dit is mijn account").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(demo.ea_url)}/"))
    expect(page.get_by_text(naam, exact=True)).to_be_visible()


def test_step_14_dwe_ict_fetches_the_pupils_over_the_gkv_with_its_new_key(
    demo: Demo, new_context: NewContext
) -> None:
    page = _inloggen(new_context, demo.las_url, "anna", "demo-beheer-99XX")
    _beheer(page, "Koppelingen")
    page.get_by_role("link", name="DWE-ICT", exact=True).click()
    _knop(page, "Nieuwe leveranciersleutel instellen")
    sleutel = page.locator("code#leveranciersleutel").inner_text().strip()
    verzoek = gkv_client.verzoek(
        "getLeerlingen", naam="DWE-ICT", sleutel=sleutel, brin=BRIN, schooljaar=_schooljaar(demo)
    )
    antwoord = httpx.post(
        demo.las_url + gkv_client.PAD, content=verzoek,
        headers=gkv_client.headers("getLeerlingen"), timeout=30,
    )  # fmt: skip
    assert antwoord.status_code == 200, antwoord.text
    assert len(gkv_client.items(antwoord.content, "leerlingen", "leerling")) == LEERLINGEN


def _schooljaar(demo: Demo) -> str:
    gevonden = re.search(r"schooljaar (\d{4})-(\d{4})\)", demo.uitvoer)
    assert gevonden, demo.uitvoer
    return f"{gevonden[1]} / {gevonden[2]}"
