"""Editing the pupil file in Chromium: a schoolbeheerder adds a verzorger on the leerling page,
then changes the phone number, and the leerling page shows the new number."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.las.e2e.helpers import login
from tests.las.e2e.seeding import Gebruiker, add_users, pk, seed_school
from tests.support.las_process import LasProcess

pytestmark = pytest.mark.browser

BRIN = "99XX"
BEHEERDER = Gebruiker("anna", "e2e-Beheer-wachtwoord-1", "Anna de Vries")


@pytest.fixture(scope="module")
def las() -> Iterator[LasProcess]:
    with LasProcess() as las:
        seed_school(las, BRIN, leerlingen=10, naam="GKV testschool")
        add_users(las, (BEHEERDER, ["--beheerder", BRIN]))
        yield las


def test_a_beheerder_adds_a_verzorger_and_changes_the_phone_number(
    las: LasProcess, page: Page
) -> None:
    leerling = pk(las, "school.Leerling", school__brincode=BRIN)
    login(page, BEHEERDER)
    page.goto(f"/leerling/{leerling}/")
    page.get_by_role("link", name="Verzorger toevoegen").click()
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("Roepnaam").fill("Mila")
    page.get_by_label("Relatie tot de leerling").select_option(label="Voogd")
    page.get_by_label("Telefoon", exact=True).fill("06-11112222")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Verzorger Mila Bakker is toegevoegd")).to_be_visible()
    rij = page.get_by_role("row").filter(has_text="Mila Bakker")
    expect(rij).to_contain_text("Voogd")
    expect(rij).to_contain_text("06-11112222")

    rij.get_by_role("link", name="Wijzigen").click()
    expect(page.get_by_label("Telefoon", exact=True)).to_have_value("06-11112222")
    page.get_by_label("Telefoon", exact=True).fill("06-33334444")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("De gegevens van verzorger Mila Bakker zijn opgeslagen.")
    ).to_be_visible()
    expect(page).to_have_url(f"{las.base_url}/leerling/{leerling}/")
    rij = page.get_by_role("row").filter(has_text="Mila Bakker")
    expect(rij).to_contain_text("06-33334444")
    expect(rij).not_to_contain_text("06-11112222")
