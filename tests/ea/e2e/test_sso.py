"""End to end: a teacher clicks "Inloggen met ParnasSys" in the EA, logs in at the LAS, grants
consent, confirms the account once and lands in the EA signed in; the next sign-in skips consent;
after the school's beheerder revokes it in the LAS, consent is asked again; "Uitloggen" in the EA
logs out of the LAS too, without a second "Uitloggen?" question there, so the next "Inloggen met
ParnasSys" asks for the LAS password again.

A real LAS (OpenID Connect provider, http redirect URIs allowed on loopback) and a real EA run
side by side; Boom's client is registered with the EA's address once the EA runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.ea.e2e.conftest import NewContext
from tests.ea.sso_seeding import (
    LAS_ENV,
    PARTNER,
    WACHTWOORD,
    ea_env,
    ea_sso_setup,
    las_post_logout_uri,
    las_redirect_uri,
    las_sso_setup,
)
from tests.support.ea_process import EaProcess
from tests.support.las_process import LasProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def systemen() -> Iterator[tuple[LasProcess, EaProcess]]:
    with LasProcess(workers=1, env=LAS_ENV) as las:
        sso = las_sso_setup(las)
        with EaProcess(las=las, workers=1, env=ea_env(sso)) as ea:
            las_redirect_uri(las, sso, f"{ea.base_url}/inloggen/las/parnassys/terug/")
            las_post_logout_uri(las, sso, f"{ea.base_url}/inloggen/")
            ea_sso_setup(ea)
            yield las, ea


def _las_inloggen(page: Page, gebruikersnaam: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()


def _met_parnassys(new_context: NewContext, ea: EaProcess, las: LasProcess) -> Page:
    """From the EA's log-in page to the LAS's log-in, and logged in there as the teacher."""
    page = new_context(ea.base_url).new_page()
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen met ParnasSys").click()
    page.wait_for_url(f"{las.base_url}/inloggen/**")
    _las_inloggen(page, "juf")
    return page


def _ingelogd_in_de_ea(page: Page, ea: EaProcess) -> None:
    expect(page).to_have_url(re.compile(rf"^{re.escape(ea.base_url)}/"))
    expect(page.get_by_text("Juf Jansen", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def _toestaan(page: Page) -> None:
    expect(page.get_by_role("heading", name=f"Inloggen bij {PARTNER}")).to_be_visible()
    page.get_by_role("button", name="Toestaan").click()


def _intrekken(new_context: NewContext, las: LasProcess) -> None:
    page = new_context(las.base_url).new_page()
    page.goto("/inloggen/")
    _las_inloggen(page, "beheerder")
    page.goto("/beheer/ingelogd-bij-koppelpartijen/")
    rij = page.get_by_role("row").filter(has_text="Juf Jansen").filter(has_text=PARTNER)
    rij.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_role("status")).to_contain_text("ingetrokken")
    expect(page.get_by_role("row").filter(has_text="Juf Jansen")).to_have_count(0)


def _uitloggen(page: Page, ea: EaProcess, las: LasProcess) -> None:
    """Log out in the EA; the LAS ends its session without asking and sends the user back."""
    with page.expect_request(f"{las.base_url}/oidc/logout/**"):
        page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{ea.base_url}/inloggen/")
    expect(page.get_by_role("status")).to_contain_text("Je bent uitgelogd.")
    expect(page.get_by_role("link", name="Inloggen met ParnasSys")).to_be_visible()


def test_sign_in_with_parnassys_asks_consent_once_and_again_after_revocation(
    systemen: tuple[LasProcess, EaProcess], new_context: NewContext
) -> None:
    las, ea = systemen
    page = _met_parnassys(new_context, ea, las)
    _toestaan(page)
    expect(page.get_by_role("heading", name="Is dit uw account?")).to_be_visible()
    page.get_by_role("button", name="Ja, dit is mijn account").click()
    _ingelogd_in_de_ea(page, ea)

    _ingelogd_in_de_ea(_met_parnassys(new_context, ea, las), ea)  # no consent, no question

    _intrekken(new_context, las)
    page = _met_parnassys(new_context, ea, las)
    _toestaan(page)
    _ingelogd_in_de_ea(page, ea)  # the link stays: consent was revoked, not the account link

    _uitloggen(page, ea, las)
    page.get_by_role("link", name="Inloggen met ParnasSys").click()
    page.wait_for_url(f"{las.base_url}/inloggen/**")
    expect(page.get_by_label("Wachtwoord")).to_be_visible()  # the LAS session is gone
