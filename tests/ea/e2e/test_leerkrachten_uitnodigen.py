"""Beheer → Leerkrachten in Chromium against a real EA process: the beheerder sends an expired
invitation again, the teacher follows the new link, sets a password and logs in, and the list
then says "Account actief"."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.ea.e2e.conftest import NewContext
from tests.ea.e2e.helpers import aan, beheer, klik, main, pagina, tekst
from tests.ea.e2e.seeding import ea_gebruikers
from tests.las.e2e.helpers import hoofdmenu, login
from tests.las.e2e.seeding import Gebruiker
from tests.support.ea_process import EaProcess

pytestmark = pytest.mark.browser

BRIN = "99XX"
BEHEERDER = Gebruiker("eva", "e2e-Ea-beheer-wachtwoord", "Eva Beheer")
ADRES = "mitchel.jansen@school.example"
WACHTWOORD = "e2e-Nieuwe-leerkracht-ww"


@pytest.fixture(scope="module")
def ea() -> Iterator[EaProcess]:
    """An EA with school 99XX, its beheerder and a teacher whose invitation expired."""
    with EaProcess(workers=1) as ea:
        ea.run("klant", "add", "--naam", "GKV testschool", "--brin", BRIN)
        ea_gebruikers(ea, (BEHEERDER, "eva@school.example", ["--beheerder", BRIN]))
        ea.python(
            "import datetime as dt\n"
            "from django.utils import timezone\n"
            "from koppel.ea.klanten.models import Klant, Leerkracht\n"
            f"Leerkracht.objects.create(klant=Klant.objects.get(brincode={BRIN!r}),"
            f" achternaam='Jansen', roepnaam='Mitchel', emailadres={ADRES!r},"
            " uitgenodigd_op=timezone.now() - dt.timedelta(days=8))"
        )
        yield ea


def test_the_beheerder_resends_an_expired_invitation_and_the_teacher_logs_in(
    new_context: NewContext, ea: EaProcess
) -> None:
    page = pagina(new_context, ea.base_url, BEHEERDER)
    beheer(page, "Leerkrachten")
    rij = main(page).get_by_role("row").filter(has_text="Jansen, Mitchel")
    expect(rij).to_contain_text("Uitnodiging verlopen")

    klik(rij, "Uitnodiging opnieuw sturen aan Jansen, Mitchel", page)
    expect(page.get_by_role("status")).to_have_text(
        f"Er is een nieuwe uitnodiging verstuurd naar {ADRES}."
    )
    expect(rij).to_contain_text(re.compile(r"Uitgenodigd op \d{2}-\d{2}-\d{4}"))

    (uitnodiging,) = aan(ea.mails(), ADRES)
    link = re.search(rf"{re.escape(ea.base_url)}/\S+", tekst(uitnodiging))
    assert link is not None, "geen link in de uitnodiging"
    leerkracht = new_context(ea.base_url).new_page()
    leerkracht.goto(link.group(0))
    leerkracht.get_by_label("Wachtwoord", exact=True).fill(WACHTWOORD)
    leerkracht.get_by_label("Herhaal wachtwoord", exact=True).fill(WACHTWOORD)
    klik(leerkracht, "Account aanmaken", leerkracht)
    login(leerkracht, Gebruiker(ADRES, WACHTWOORD, "Mitchel"))
    expect(hoofdmenu(leerkracht)).to_be_visible()

    page.reload()
    expect(rij).to_contain_text("Account actief")
    expect(rij.get_by_role("button")).to_have_count(0)
