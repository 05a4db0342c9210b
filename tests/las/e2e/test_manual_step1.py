"""Step 1 of the manual in Chromium: a schoolbeheerder activates "Boom testcentrum UWLR".

The LAS runs as a real process with the manual's four couplings (Boom testcentrum UWLR, Gynzy and
Basispoort suggested, DWE-ICT active). The key read from the page is then used for a real UWLR call,
exactly as the partner's application would use it after step 2. The tests share one LAS and run
in file order (pytest's): the first checks the list as the manual shows it, and each later test
changes a partner of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import pytest
from playwright.sync_api import Page, expect

from koppel.uwlr import messages as m
from koppel.uwlr.faults import AutorisatieOngeldig
from tests.las.e2e.helpers import (
    bevestig,
    haal_leerlinggegevens,
    hoofdmenu,
    login,
    tabelrij,
    waarde,
)
from tests.las.e2e.seeding import (
    MANUAL_PARTNERS,
    Gebruiker,
    Partner,
    add_partners,
    add_users,
    seed_school,
)
from tests.support.las_process import LasProcess

pytestmark = pytest.mark.browser

BRIN, LEERLINGEN = "99XX", 60
BOOM, GYNZY = MANUAL_PARTNERS[0], MANUAL_PARTNERS[1]
BEHEERDER = Gebruiker("anna", "e2e-Beheer-wachtwoord-1", "Anna de Vries")
LET_OP = "LET OP: Deze sleutel wordt slechts eenmalig weergegeven en kan alleen opnieuw ingesteld worden."


class School(NamedTuple):
    las: LasProcess
    schooljaar: str


@pytest.fixture(scope="module")
def school() -> Iterator[School]:
    with LasProcess() as las:
        schooljaar = seed_school(las, BRIN, leerlingen=LEERLINGEN, naam="GKV testschool")
        add_partners(las, BRIN)
        add_users(las, (BEHEERDER, ["--beheerder", BRIN]))
        yield School(las, schooljaar)


@pytest.fixture(scope="module")
def las(school: School) -> LasProcess:
    return school.las


def call(school: School, partner: Partner, sleutel: str) -> m.LeerlinggegevensAntwoord:
    return haal_leerlinggegevens(
        school.las, partner, sleutel, brin=BRIN, schooljaar=school.schooljaar
    )


def open_koppeling(page: Page, partner: Partner) -> str:
    """Beheer → Koppelingen → the partner, through the links; returns the page's address."""
    hoofdmenu(page).get_by_role("link", name="Beheer", exact=True).click()
    expect(page.get_by_role("heading", name="Beheer", exact=True)).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Koppelingen", exact=True).click()
    page.get_by_role("link", name=partner.naam, exact=True).click()
    expect(page.get_by_role("heading", name=partner.naam)).to_be_visible()
    return page.url


def nieuwe_sleutel(page: Page) -> str:
    expect(page.get_by_text(LET_OP)).to_be_visible()
    sleutel = page.locator("code#autorisatiesleutel").inner_text().strip()
    assert len(sleutel) >= 16
    return sleutel


def test_the_list_of_couplings_matches_the_manual(page: Page, school: School) -> None:
    login(page, BEHEERDER)
    expect(hoofdmenu(page)).to_contain_text(f"GKV testschool ({BRIN}00)")
    hoofdmenu(page).get_by_role("link", name="Beheer", exact=True).click()
    expect(page.get_by_role("heading", name="Koppelingen", exact=True)).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Koppelingen", exact=True).click()
    expect(page.get_by_role("heading", name="Koppelingen - 1 t/m 4 (van 4)")).to_be_visible()
    for partner in MANUAL_PARTNERS:
        actief = tabelrij(page, partner.naam).get_by_role("cell").nth(1)
        expect(actief).to_have_text("Ja" if partner.actief else "Nee")


def test_a_schoolbeheerder_activates_boom_and_the_key_works_until_deactivation(
    page: Page, school: School
) -> None:
    login(page, BEHEERDER)
    koppeling_url = open_koppeling(page, BOOM)
    expect(waarde(page, "Koppeling actief")).to_have_text("Nee")
    for knop in ("Afnemen", "Resultatenkoppeling gegevensset inzien", "Terug naar overzicht"):
        expect(page.get_by_role("button", name=knop, exact=True).or_(
            page.get_by_role("link", name=knop, exact=True)
        )).to_be_visible()  # fmt: skip

    bevestig(page, "Afnemen", dialoog="afnemen-bevestigen", akkoord="Akkoord")
    expect(waarde(page, "Koppeling actief")).to_have_text("Ja")
    expect(waarde(page, "Autorisatiesleutel aanwezig")).to_have_text("Nee")

    page.get_by_role("button", name="Nieuwe autorisatiesleutel instellen", exact=True).click()
    sleutel = nieuwe_sleutel(page)
    antwoord = call(school, BOOM, sleutel)
    assert isinstance(antwoord.inhoud, m.Leerlinggegevens)
    assert len(antwoord.inhoud.leerlingen) == LEERLINGEN

    page.goto(koppeling_url)
    expect(page.locator("#autorisatiesleutel")).to_have_count(0)
    expect(page.get_by_text(LET_OP)).to_have_count(0)
    assert sleutel not in page.content()
    expect(waarde(page, "Autorisatiesleutel aanwezig")).to_have_text("Ja")

    bevestig(page, "Deactiveren", dialoog="deactiveren-bevestigen", akkoord="Ja, deactiveren")
    expect(waarde(page, "Koppeling actief")).to_have_text("Nee")
    with pytest.raises(AutorisatieOngeldig) as refused:
        call(school, BOOM, sleutel)
    assert refused.value.code == "Client.AutorisatieOngeldig"
    log = school.las.server_log()
    assert "/sleutel/" in log  # the access log is there, and holds no key
    assert sleutel not in log


def test_a_new_key_replaces_the_old_one_at_once(page: Page, school: School) -> None:
    login(page, BEHEERDER)
    open_koppeling(page, GYNZY)
    bevestig(page, "Afnemen", dialoog="afnemen-bevestigen", akkoord="Akkoord")
    page.get_by_role("button", name="Nieuwe autorisatiesleutel instellen", exact=True).click()
    eerste = nieuwe_sleutel(page)
    page.get_by_role("link", name="Terug naar overzicht").or_(
        page.get_by_role("button", name="Terug naar overzicht")
    ).click()
    page.get_by_role("link", name=GYNZY.naam, exact=True).click()

    bevestig(
        page,
        "Nieuwe autorisatiesleutel instellen",
        dialoog="sleutel-bevestigen",
        akkoord="Nieuwe sleutel instellen",
    )
    tweede = nieuwe_sleutel(page)
    assert tweede != eerste
    with pytest.raises(AutorisatieOngeldig):
        call(school, GYNZY, eerste)
    assert isinstance(call(school, GYNZY, tweede).inhoud, m.Leerlinggegevens)


def test_the_audit_shows_the_schools_actions_and_never_a_key(page: Page, school: School) -> None:
    login(page, BEHEERDER)
    open_koppeling(page, MANUAL_PARTNERS[2])  # Basispoort
    bevestig(page, "Afnemen", dialoog="afnemen-bevestigen", akkoord="Akkoord")
    page.get_by_role("button", name="Nieuwe autorisatiesleutel instellen", exact=True).click()
    sleutel = nieuwe_sleutel(page)
    call(school, MANUAL_PARTNERS[2], sleutel)

    page.goto("/beheer/privacy/gegevenstoegang/")
    inhoud = page.get_by_role("main")
    for tekst in ("Basispoort", "Afnemen", "Nieuwe autorisatiesleutel", "HaalLeerlinggegevens"):
        expect(inhoud).to_contain_text(tekst)
    assert sleutel not in page.content()
