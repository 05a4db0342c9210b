"""Roles in Chromium: a medewerker stays out of Beheer, a school cannot see or change another
school, LAS-beheer has its own pages, and guessing passwords locks a user name out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.las.e2e.conftest import NewContext
from tests.las.e2e.helpers import hoofdmenu, login
from tests.las.e2e.seeding import (
    MANUAL_PARTNERS,
    Gebruiker,
    add_partners,
    add_users,
    leerkracht_met_groepen,
    pk,
    seed_school,
)
from tests.support.las_process import LasProcess

pytestmark = pytest.mark.browser

BRIN_A, BRIN_B = "99XX", "88YY"
BOOM = MANUAL_PARTNERS[0]
BEHEERDER_A = Gebruiker("beheer-a", "e2e-Beheer-A-wachtwoord", "Anna de Vries")
BEHEERDER_B = Gebruiker("beheer-b", "e2e-Beheer-B-wachtwoord", "Bert Bakker")
MEDEWERKER = Gebruiker("juf-a", "e2e-Medewerker-wachtwoord", "Juf Jansen")
VENDOR = Gebruiker("vendor", "e2e-Vendor-wachtwoord-1", "Vera Vendor")
SLOT = Gebruiker("slot", "e2e-Slot-wachtwoord-12", "Sam Slot")


@pytest.fixture(scope="module")
def las() -> Iterator[LasProcess]:
    with LasProcess() as las:
        seed_school(las, BRIN_A, leerlingen=30, seed=1, naam="GKV testschool")
        seed_school(las, BRIN_B, leerlingen=20, seed=2, naam="De Andere School")
        add_partners(las, BRIN_A, MANUAL_PARTNERS[:1])
        las.run("koppeling", "suggereer", "--brin", BRIN_B, "--klantcode", BOOM.klantcode)
        leerkracht = leerkracht_met_groepen(las, BRIN_A)
        add_users(
            las,
            (BEHEERDER_A, ["--beheerder", BRIN_A]),
            (BEHEERDER_B, ["--beheerder", BRIN_B]),
            (MEDEWERKER, ["--medewerker", BRIN_A, "--leerkracht", leerkracht]),
            (VENDOR, ["--las-beheer"]),
            (SLOT, ["--beheerder", BRIN_A]),
        )
        yield las


def status_of(page: Page, path: str) -> int:
    response = page.goto(path)
    assert response is not None
    return response.status


def test_a_medewerker_has_no_beheer_link_and_gets_the_dutch_403_page(page: Page) -> None:
    login(page, MEDEWERKER)
    expect(hoofdmenu(page).get_by_role("link", name="Leerling", exact=True)).to_be_visible()
    expect(hoofdmenu(page).get_by_role("link", name="Beheer", exact=True)).to_have_count(0)
    for path in ("/beheer/", "/beheer/koppelingen/", "/beheer/privacy/gegevenstoegang/"):
        assert status_of(page, path) == 403
        expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()


def test_a_beheerder_sees_the_top_bar_with_beheer_and_the_school(page: Page) -> None:
    login(page, BEHEERDER_A)
    for link in ("Leerling", "Groep", "Medewerker", "School", "Overzichten", "Beheer"):
        expect(hoofdmenu(page).get_by_role("link", name=link, exact=True)).to_be_visible()
    expect(hoofdmenu(page)).to_contain_text(f"GKV testschool ({BRIN_A}00)")


def test_a_beheerder_cannot_see_or_change_another_school(
    las: LasProcess, new_context: NewContext
) -> None:
    leerling_b = pk(las, "school.Leerling", school__brincode=BRIN_B)
    koppeling_b = pk(las, "koppelingen.Koppeling", school__brincode=BRIN_B)
    b = new_context().new_page()
    login(b, BEHEERDER_B)
    assert status_of(b, f"/leerling/{leerling_b}/") == 200  # the addresses are real
    assert status_of(b, f"/beheer/koppelingen/{koppeling_b}/") == 200

    a = new_context().new_page()
    login(a, BEHEERDER_A)
    for path in (f"/leerling/{leerling_b}/", f"/beheer/koppelingen/{koppeling_b}/"):
        assert status_of(a, path) == 404
        expect(a.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    token = a.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    for actie in ("afnemen", "sleutel", "deactiveren"):
        response = a.request.post(
            f"/beheer/koppelingen/{koppeling_b}/{actie}/",
            form={"csrfmiddlewaretoken": token or ""},
            max_redirects=0,
        )
        assert response.status == 404, actie
    actief = las.python(
        "from koppel.las.koppelingen.models import Koppeling\n"
        f"print(Koppeling.objects.get(pk={koppeling_b}).actief)"
    )
    assert actief == "False"


def test_only_las_beheer_reaches_the_applications_of_partners(
    new_context: NewContext,
) -> None:
    vendor = new_context().new_page()
    login(vendor, VENDOR)
    assert status_of(vendor, "/las-beheer/aanvragen/") == 200
    beheerder = new_context().new_page()
    login(beheerder, BEHEERDER_A)
    assert status_of(beheerder, "/las-beheer/aanvragen/") == 403


def test_five_wrong_passwords_lock_the_user_name_out_even_with_the_right_one(
    page: Page, new_context: NewContext
) -> None:
    for poging in range(5):
        login(page, SLOT, wachtwoord=f"fout-wachtwoord-{poging}")
    login(page, SLOT)
    expect(page.get_by_role("heading", name="Tijdelijk geblokkeerd")).to_be_visible()
    expect(hoofdmenu(page)).to_have_count(0)

    ander = new_context().new_page()  # another user name from the same address is not affected
    login(ander, BEHEERDER_A)
    expect(hoofdmenu(ander).get_by_role("link", name="Beheer", exact=True)).to_be_visible()
