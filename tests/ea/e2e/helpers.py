"""What the EA's end-to-end tests do again and again: log in, click through Beheer, find a row
or a category of the import review, read the e-mails."""

from __future__ import annotations

import re
from email.message import EmailMessage

from playwright.sync_api import Locator, Page, expect

from tests.ea.e2e.conftest import NewContext
from tests.ea.e2e.seeding import LasLeerkracht
from tests.las.e2e.helpers import hoofdmenu, login
from tests.las.e2e.seeding import Gebruiker


def pagina(new_context: NewContext, base_url: str, gebruiker: Gebruiker) -> Page:
    page = new_context(base_url).new_page()
    login(page, gebruiker)
    expect(hoofdmenu(page)).to_be_visible()
    return page


def beheer(page: Page, link: str) -> None:
    """Beheer in the top bar, then ``link`` on the Beheer page."""
    hoofdmenu(page).get_by_role("link", name="Beheer", exact=True).click()
    page.get_by_role("main").get_by_role("link", name=link, exact=True).click()


def knop(scope: Page | Locator, naam: str) -> Locator:
    """A button, or a link that looks like one."""
    return scope.get_by_role("button", name=naam, exact=True).or_(
        scope.get_by_role("link", name=naam, exact=True)
    )


def klik(scope: Page | Locator, naam: str, page: Page) -> None:
    """Click (the first) button or link ``naam`` and wait for the page it leads to."""
    knop(scope, naam).first.click()
    page.wait_for_load_state()


def main(page: Page) -> Locator:
    return page.get_by_role("main")


def rij(scope: Page | Locator, leerkracht: LasLeerkracht) -> Locator:
    """The row of a teacher (by achternaam: unique in the seeded school)."""
    return scope.get_by_role("row").filter(has_text=leerkracht.achternaam)


def categorie(page: Page, titel: str) -> Locator:
    """The <details> of a category of the review, opened."""
    details = page.locator("details.categorie").filter(
        has=page.locator("summary", has_text=re.compile(rf"^\s*{re.escape(titel)} \(\d+\)"))
    )
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def aan(mails: list[EmailMessage], adres: str) -> list[EmailMessage]:
    return [m for m in mails if adres.lower() in str(m["To"]).lower()]


def tekst(mail: EmailMessage) -> str:
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def open_review(page: Page, *, ophalen: bool) -> None:
    """Beheer → Koppelen met LAS → Gegevens importeren; the first time, fetch from the LAS."""
    beheer(page, "Koppelen met LAS")
    klik(main(page), "Gegevens importeren", page)
    if ophalen:
        klik(main(page), "Gegevens ophalen", page)
    expect(page.get_by_role("link", name=re.compile(r"^Leerkrachten \(\d+\)$"))).to_be_visible()


def leerlingnummers(page: Page) -> list[str]:
    return [n.strip() for n in page.locator("span.leerlingnummer").all_inner_texts()]
