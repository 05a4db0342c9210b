"""What the end-to-end tests do again and again: log in, read a labelled value, call UWLR.

Also used by ``scripts/screenshots``, which takes ``CHROMIUM`` and ``CHROMIUM_ARGS`` from here too.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from koppel.uwlr import UwlrClient
from koppel.uwlr import messages as m
from tests.las.e2e.seeding import Gebruiker, Partner
from tests.support.browser import CHROMIUM as CHROMIUM
from tests.support.browser import CHROMIUM_ARGS as CHROMIUM_ARGS
from tests.support.las_process import LasProcess


def login(page: Page, gebruiker: Gebruiker, *, wachtwoord: str | None = None) -> None:
    """Log in through the form on /inloggen/ (optionally with another password)."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker.gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord or gebruiker.wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def hoofdmenu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Hoofdmenu")


def waarde(page: Page, label: str) -> Locator:
    """The cell next to a label in a table or list of data ("Koppeling actief" → "Ja")."""
    return page.get_by_text(label, exact=True).locator("xpath=following-sibling::*[1]")


def tabelrij(page: Page, naam: str) -> Locator:
    """The row of a table whose link is ``naam`` (e.g. a partner in the list of couplings)."""
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=naam, exact=True))


def bevestig(page: Page, knop: str, *, dialoog: str, akkoord: str) -> None:
    """Click ``knop``, which opens <dialog id=dialoog>, and confirm there with ``akkoord``."""
    page.get_by_role("button", name=knop, exact=True).click()
    dialog = page.locator(f"dialog#{dialoog}")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=akkoord, exact=True).click()
    page.wait_for_load_state()


def haal_leerlinggegevens(
    las: LasProcess, partner: Partner, sleutel: str, *, brin: str, schooljaar: str
) -> m.LeerlinggegevensAntwoord:
    """A real HaalLeerlinggegevens call, as the partner's EA makes it; faults are raised."""
    with UwlrClient(
        f"{las.base_url}/uwlr/leerlinggegevens",
        klantcode=partner.klantcode,
        klantnaam=partner.naam,
        autorisatiesleutel=sleutel,
    ) as client:
        return client.haal_leerlinggegevens(schooljaar=schooljaar, brincode=brin).bericht
