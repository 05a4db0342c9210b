"""Steps 2–4 of the manual in Chromium, across a real LAS and a real EA (the test centre), and
its last sentence: a teacher scores a test and, once the worker ran, the LAS shows the result.

A LAS (school 99XX "GKV testschool", 60 pupils, Boom testcentrum UWLR suggested) and an EA (the
same school as klant, identifying itself to the LAS as Boom) run as real processes; the EA fetches
from the LAS over UWLR. The tests run in file order (pytest's) and hand on what they made (the
key) through ``stand``; each names the step it walks. One LAS teacher has no e-mail address there,
so the review asks for it; another is already known in the test centre under another e-mail
address, so the beheerder links them by hand; a third is not imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import pytest
from playwright.sync_api import expect

from tests.ea.e2e.conftest import NewContext
from tests.ea.e2e.helpers import (
    aan,
    beheer,
    categorie,
    klik,
    knop,
    leerlingnummers,
    main,
    open_review,
    pagina,
    rij,
    tekst,
)
from tests.ea.e2e.seeding import (
    BestaandeLeerkracht,
    LasLeerkracht,
    ea_bestaande_leerkracht,
    ea_gebruikers,
    las_leerkrachten,
    las_leerlingnummers,
    wis_emailadres,
)
from tests.las.e2e.helpers import bevestig, hoofdmenu, login, waarde
from tests.las.e2e.seeding import MANUAL_PARTNERS, Gebruiker, add_partners, add_users, seed_school
from tests.support.ea_process import EaProcess
from tests.support.las_process import LasProcess

pytestmark = pytest.mark.browser

BRIN, LEERLINGEN, SCHOOL = "99XX", 60, "GKV testschool"
BOOM = MANUAL_PARTNERS[0]
LAS_BEHEERDER = Gebruiker("anna", "e2e-Las-beheer-wachtwoord", "Anna de Vries")
EA_BEHEERDER = Gebruiker("eva", "e2e-Ea-beheer-wachtwoord", "Eva Beheer")
EA_BEHEERDER_EMAIL = "eva.beheer@gkvtestschool.school.example"
KLANTENSERVICE = Gebruiker("karel", "e2e-Klantenservice-wachtwoord", "Karel Service")
NIEUW_WACHTWOORD = "e2e-Nieuwe-leerkracht-ww"


class Systemen(NamedTuple):
    las: LasProcess
    ea: EaProcess
    schooljaar: str
    leerkrachten: tuple[LasLeerkracht, ...]
    bestaande: BestaandeLeerkracht

    @property
    def koppelen(self) -> LasLeerkracht:
        """Linked by hand to :attr:`bestaande` (another e-mail address: no automatic match)."""
        return self.leerkrachten[1]

    @property
    def overslaan(self) -> LasLeerkracht:
        """Put under "Niet importeren": no invitation."""
        return self.leerkrachten[2]

    @property
    def zonder_email(self) -> LasLeerkracht:
        """Without an e-mail address in the LAS: the review asks for one."""
        return self.leerkrachten[-1]


@pytest.fixture(scope="module")
def systemen() -> Iterator[Systemen]:
    with LasProcess() as las, EaProcess(las=las) as ea:
        schooljaar = seed_school(las, BRIN, leerlingen=LEERLINGEN, naam=SCHOOL)
        add_partners(las, BRIN, (BOOM,))
        add_users(las, (LAS_BEHEERDER, ["--beheerder", BRIN]))
        leerkrachten = las_leerkrachten(las, BRIN)
        wis_emailadres(las, BRIN, leerkrachten[-1].key)

        ea.run("klant", "add", "--naam", SCHOOL, "--brin", BRIN)
        koppelen = leerkrachten[1]
        bestaande = BestaandeLeerkracht(
            Gebruiker(koppelen.roepnaam.lower(), "e2e-Oud-account-ww-42", koppelen.roepnaam),
            achternaam=koppelen.achternaam,
            roepnaam=koppelen.roepnaam,
            emailadres="prive.adres@thuis.example",
        )
        ea_gebruikers(
            ea,
            (EA_BEHEERDER, EA_BEHEERDER_EMAIL, ["--beheerder", BRIN]),
            (KLANTENSERVICE, "", ["--klantenservice"]),
            (bestaande.gebruiker, bestaande.emailadres, ["--leerkracht", BRIN]),
        )
        ea_bestaande_leerkracht(ea, BRIN, bestaande)
        yield Systemen(las, ea, schooljaar, leerkrachten, bestaande)


@pytest.fixture(scope="module")
def stand() -> dict[str, str]:
    """What one step hands to the next (the autorisatiesleutel)."""
    return {}


def _nodig(stand: dict[str, str], sleutel: str) -> str:
    if sleutel not in stand:
        pytest.fail(f"Een eerdere stap is niet gehaald ({sleutel} ontbreekt).", pytrace=False)
    return stand[sleutel]


# --- step 1 (in the LAS), then the EA's Voorbereiding ---------------------------------------------


def test_step_1_the_las_beheerder_activates_boom_and_copies_the_key(
    new_context: NewContext, systemen: Systemen, stand: dict[str, str]
) -> None:
    las = systemen.las
    context = new_context(las.base_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=las.base_url)
    page = context.new_page()
    login(page, LAS_BEHEERDER)
    beheer(page, "Koppelingen")
    page.get_by_role("link", name=BOOM.naam, exact=True).click()
    bevestig(page, "Afnemen", dialoog="afnemen-bevestigen", akkoord="Akkoord")
    page.get_by_role("button", name="Nieuwe autorisatiesleutel instellen", exact=True).click()
    sleutel = page.locator("code#autorisatiesleutel").inner_text().strip()
    kopieren = page.locator("button[data-copy=autorisatiesleutel]")
    expect(kopieren).to_have_text("Kopiëren")
    kopieren.click()
    expect(kopieren).to_have_text("Gekopieerd")
    assert page.evaluate("navigator.clipboard.readText()") == sleutel
    stand["sleutel"] = sleutel


def test_voorbereiding_the_beheerder_requests_uwlr_and_klantenservice_approves(
    new_context: NewContext, systemen: Systemen
) -> None:
    ea = systemen.ea
    page = pagina(new_context, ea.base_url, EA_BEHEERDER)
    beheer(page, "UWLR-koppeling aanvragen")
    expect(page.get_by_label("Naam van de school")).to_have_value(SCHOOL)
    expect(page.get_by_label("BRIN-nummer")).to_have_value(BRIN)
    klik(main(page), "UWLR-koppeling aanvragen", page)

    service = pagina(new_context, ea.base_url, KLANTENSERVICE)
    expect(service).to_have_url(re.compile(r"/klantenservice/$"))
    expect(main(service)).to_contain_text(SCHOOL)
    klik(service, "Goedkeuren", service)
    expect(main(service)).to_contain_text("Goedgekeurd")


# --- step 2: Koppelen met LAS, approved by klantenservice after a test call ----------------------


def test_step_2_the_beheerder_couples_with_the_las_and_klantenservice_approves_it(
    new_context: NewContext, systemen: Systemen, stand: dict[str, str]
) -> None:
    sleutel, ea = _nodig(stand, "sleutel"), systemen.ea
    page = pagina(new_context, ea.base_url, EA_BEHEERDER)
    beheer(page, "Koppelen met LAS")
    page.get_by_label("Type koppeling").select_option(label="ParnasSys")
    expect(page.get_by_label("BRIN-nummer")).to_have_value(BRIN)
    expect(page.get_by_label("Vestigingsnummer")).to_have_value("")
    expect(page.get_by_label("Schooljaar").locator("option:checked")).to_have_text(
        f"Huidig schooljaar ({systemen.schooljaar})"
    )
    page.get_by_label("Autorisatiesleutel").fill(sleutel)
    klik(page, "Wijzigingen opslaan", page)
    expect(main(page)).to_contain_text("Wacht op goedkeuring door de klantenservice")
    assert sleutel not in page.content()

    service = pagina(new_context, ea.base_url, KLANTENSERVICE)
    service.locator("a[href*='/klantenservice/koppelingen/']").first.click()
    klik(service, "Testaanroep", service)
    expect(main(service)).to_contain_text(f"{LEERLINGEN} leerlingen")
    klik(service, "Goedkeuren", service)
    expect(main(service)).to_contain_text("Goedgekeurd")
    assert sleutel not in service.content()

    bevestigingen = [m for m in aan(ea.mails(), EA_BEHEERDER_EMAIL) if "definitief" in tekst(m)]
    assert bevestigingen, "de beheerder kreeg geen bevestiging van de koppeling"
    assert sleutel not in ea.server_log()


# --- steps 3 and 4: Gegevens importeren, the review, the summary ---------------------------------


def test_step_3_the_review_shows_what_the_las_sent(
    new_context: NewContext, systemen: Systemen, stand: dict[str, str]
) -> None:
    _nodig(stand, "sleutel")
    page = pagina(new_context, systemen.ea.base_url, EA_BEHEERDER)
    open_review(page, ophalen=True)
    expect(waarde(page, "Schooljaar")).to_have_text(systemen.schooljaar)
    expect(waarde(page, "Brincode")).to_have_text(BRIN)
    for naam in ("Gegevens importeren", "Import afbreken"):
        expect(knop(page, naam).first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Groepen \(\d+\)$"))).to_be_visible()
    expect(page.get_by_role("link", name=f"Leerlingen ({LEERLINGEN})", exact=True)).to_be_visible()
    stand["review"] = "ja"


def test_step_4_the_beheerder_links_skips_completes_and_imports(
    new_context: NewContext, systemen: Systemen, stand: dict[str, str]
) -> None:
    _nodig(stand, "review")
    page = pagina(new_context, systemen.ea.base_url, EA_BEHEERDER)
    open_review(page, ophalen=False)  # a new session: the stored review resumes
    page.get_by_role("link", name=re.compile(r"^Leerkrachten \(\d+\)$")).click()

    nieuw = categorie(page, "Nieuwe leerkrachten toevoegen")
    klik(rij(nieuw, systemen.koppelen), "Koppel met bestaande leerkracht", page)
    page.get_by_label("Zoeken op naam").fill(systemen.koppelen.achternaam)
    klik(main(page), "Zoeken", page)
    kandidaat = page.get_by_role("row").filter(has_text=systemen.bestaande.emailadres)
    kandidaat.get_by_role("button", name=re.compile(r"^Koppelen met ")).click()
    page.wait_for_load_state()
    bestaand = categorie(page, "Bestaande leerkrachten koppelen")
    expect(bestaand.locator("summary")).to_have_text("Bestaande leerkrachten koppelen (1)")
    expect(rij(bestaand, systemen.koppelen)).to_contain_text("handmatig gekoppeld")

    klik(rij(categorie(page, "Nieuwe leerkrachten toevoegen"), systemen.overslaan),
          "Niet importeren", page)  # fmt: skip
    niet = categorie(page, "Niet importeren")
    expect(niet.locator("summary")).to_have_text("Niet importeren (1)")
    expect(rij(niet, systemen.overslaan)).to_be_visible()

    zonder = rij(categorie(page, "Nieuwe leerkrachten toevoegen"), systemen.zonder_email)
    email = zonder.locator("input[type=email]")
    expect(email).to_have_value("")
    email.fill(_ingevuld(systemen.zonder_email))
    klik(zonder, "Opslaan", page)
    zonder = rij(categorie(page, "Nieuwe leerkrachten toevoegen"), systemen.zonder_email)
    expect(zonder.locator("input[type=email]")).to_have_value(_ingevuld(systemen.zonder_email))

    klik(page, "Gegevens importeren", page)  # to the summary
    expect(main(page)).to_contain_text(str(LEERLINGEN))
    klik(main(page), "Gegevens importeren", page)  # the import itself
    expect(page).to_have_url(re.compile(r"/leerlingen/$"))
    expect(page.get_by_role("status").first).to_contain_text("De gegevens zijn geïmporteerd")
    expect(page.get_by_role("heading", name=f"Mijn leerlingen ({LEERLINGEN})")).to_be_visible()
    stand["geimporteerd"] = "ja"


def _ingevuld(leerkracht: LasLeerkracht) -> str:
    return f"{leerkracht.roepnaam}.{leerkracht.achternaam}@ingevuld.example".lower()


# --- afterwards: the home page, the invitations, the teachers' own lists -------------------------


def test_the_home_page_lists_every_pupil_with_the_leerlingnummer_under_the_name(
    new_context: NewContext, systemen: Systemen, stand: dict[str, str]
) -> None:
    _nodig(stand, "geimporteerd")
    page = pagina(new_context, systemen.ea.base_url, EA_BEHEERDER)
    expect(page.get_by_role("heading", name=f"Mijn leerlingen ({LEERLINGEN})")).to_be_visible()
    for tab in ("Uitgenodigd (0)", "Gescoord (0)", "Genormeerd (0)", "Definitief (0)"):
        expect(main(page).get_by_text(tab, exact=True)).to_be_visible()
    expect(page.get_by_text(f"Leerlingen 1 t/m 50 (van {LEERLINGEN})")).to_be_visible()
    gezien = leerlingnummers(page)
    assert len(gezien) == 50
    page.get_by_role("navigation", name="Pagina's").get_by_role("link", name="2").click()
    expect(page.get_by_text(f"Leerlingen 51 t/m {LEERLINGEN} (van {LEERLINGEN})")).to_be_visible()
    gezien += leerlingnummers(page)
    assert sorted(gezien) == sorted(las_leerlingnummers(systemen.las, BRIN))


def test_imported_teachers_are_invited_and_the_skipped_and_linked_ones_are_not(
    systemen: Systemen, stand: dict[str, str]
) -> None:
    _nodig(stand, "geimporteerd")
    mails = systemen.ea.mails()
    uitgenodigd = [
        lk for lk in systemen.leerkrachten if lk not in (systemen.koppelen, systemen.overslaan)
    ]
    for leerkracht in uitgenodigd:
        adres = (
            _ingevuld(leerkracht) if leerkracht == systemen.zonder_email else leerkracht.emailadres
        )
        assert len(aan(mails, adres)) == 1, f"geen (of meer dan één) uitnodiging voor {adres}"
    for adres in (systemen.overslaan.emailadres, systemen.koppelen.emailadres,
                  systemen.bestaande.emailadres):  # fmt: skip
        assert not aan(mails, adres), f"{adres} kreeg toch een e-mail"


def test_the_linked_teacher_logs_in_with_the_old_account_and_sees_the_own_pupils(
    new_context: NewContext, systemen: Systemen, stand: dict[str, str]
) -> None:
    _nodig(stand, "geimporteerd")
    page = pagina(new_context, systemen.ea.base_url, systemen.bestaande.gebruiker)
    eigen = systemen.koppelen.leerlingen
    expect(page.get_by_role("heading", name=f"Mijn leerlingen ({len(eigen)})")).to_be_visible()
    assert set(leerlingnummers(page)) == eigen


def test_an_invited_teacher_creates_the_account_and_sees_the_own_pupils(
    new_context: NewContext, systemen: Systemen, stand: dict[str, str]
) -> None:
    _nodig(stand, "geimporteerd")
    ea, leerkracht = systemen.ea, systemen.leerkrachten[0]
    (uitnodiging,) = aan(ea.mails(), leerkracht.emailadres)
    link = re.search(rf"{re.escape(ea.base_url)}/\S+", tekst(uitnodiging))
    assert link is not None, "geen link in de uitnodiging"
    page = new_context(ea.base_url).new_page()
    page.goto(link.group(0))
    page.get_by_label("Wachtwoord", exact=True).fill(NIEUW_WACHTWOORD)
    page.get_by_label("Herhaal wachtwoord", exact=True).fill(NIEUW_WACHTWOORD)
    klik(page, "Account aanmaken", page)
    login(page, Gebruiker(leerkracht.emailadres, NIEUW_WACHTWOORD, leerkracht.roepnaam))
    eigen = leerkracht.leerlingen
    expect(page.get_by_role("heading", name=f"Mijn leerlingen ({len(eigen)})")).to_be_visible()
    assert set(leerlingnummers(page)) == eigen


# --- the end of the manual: "Vanaf dit moment worden de resultaten automatisch bijgewerkt" ---------

TOETS, ONDERDELEN = "Rekenen-Wiskunde", {"Getallen en bewerkingen": "6", "Meten en meetkunde": "3"}


def test_step_5_a_teacher_scores_a_test_and_after_the_worker_the_las_shows_the_result(
    new_context: NewContext, systemen: Systemen, stand: dict[str, str]
) -> None:
    _nodig(stand, "geimporteerd")
    ea, las = systemen.ea, systemen.las
    ea.run("toetsen", "laad")
    nummer = sorted(systemen.koppelen.leerlingen)[0]
    page = pagina(new_context, ea.base_url, systemen.bestaande.gebruiker)
    regel = main(page).get_by_role("row").filter(has_text=nummer)
    regel.get_by_role("link", name=re.compile("Score invoeren")).click()
    page.get_by_label("Test").select_option(label=TOETS)
    klik(main(page), "Score invoeren", page)
    for onderdeel, score in ONDERDELEN.items():
        page.get_by_label(onderdeel, exact=True).fill(score)
    klik(main(page), "Scores opslaan", page)
    expect(main(page).locator(".status")).to_have_text("Genormeerd")
    main(page).get_by_role("link", name="Definitief maken").click()
    dialoog = page.locator("dialog#definitief-maken")
    expect(dialoog).to_be_visible()
    klik(dialoog, "Definitief maken", page)
    expect(page.get_by_text("1 toets is definitief gemaakt.")).to_be_visible()
    stand["definitief"] = "ja"

    ea.run("worker", "--once")

    las_page = pagina(new_context, las.base_url, LAS_BEHEERDER)
    hoofdmenu(las_page).get_by_role("link", name="Leerling", exact=True).click()
    las_page.get_by_label("Zoeken").fill(nummer)
    las_page.get_by_label("Zoeken").press("Enter")
    las_page.wait_for_load_state()
    main(las_page).get_by_role("row").filter(has_text=nummer).get_by_role("link").first.click()
    ontvangen = (
        main(las_page)
        .locator("section")
        .filter(has=las_page.get_by_role("heading", name="Resultaten van koppelpartijen"))
    )
    resultaten = ontvangen.get_by_role("row").filter(has_text=TOETS)
    expect(resultaten).to_have_count(len(ONDERDELEN))
    for onderdeel, score in ONDERDELEN.items():
        expect(resultaten.filter(has_text=onderdeel)).to_contain_text(score)
    # the chart draws the norm bands in the colours of the EA's catalogue
    banden = {"#1a9850", "#91cf60"}  # I and II of Getallen en bewerkingen
    kleuren = (
        main(las_page).locator("svg rect").evaluate_all("rs => rs.map(r => r.getAttribute('fill'))")
    )
    assert banden <= {k.lower() for k in kleuren if k}


# --- afterwards: the school's logboek -------------------------------------------------------------


def test_the_logboek_shows_who_coupled_imported_and_finalised_and_filters_by_kind(
    new_context: NewContext, systemen: Systemen, stand: dict[str, str]
) -> None:
    _nodig(stand, "definitief")
    page = pagina(new_context, systemen.ea.base_url, EA_BEHEERDER)
    beheer(page, "Logboek")
    expect(page.get_by_role("heading", name="Logboek")).to_be_visible()
    regels = main(page).get_by_role("row")
    leerkracht = systemen.bestaande.gebruiker.naam
    for soort, door in (
        ("UWLR-koppeling aangevraagd", EA_BEHEERDER.naam),
        ("Koppeling met LAS goedgekeurd", KLANTENSERVICE.naam),
        ("Gegevens geïmporteerd", EA_BEHEERDER.naam),
        ("Score ingevoerd", leerkracht),
        ("Resultaten definitief gemaakt", leerkracht),
    ):
        expect(regels.filter(has_text=soort).filter(has_text=door).first).to_be_visible()
    geimporteerd = regels.filter(has_text="Gegevens geïmporteerd")
    expect(geimporteerd).to_contain_text(f"{LEERLINGEN} leerlingen")

    page.get_by_label("Soort").select_option(label="Resultaten definitief gemaakt")
    klik(main(page), "Filteren", page)
    expect(regels).to_have_count(2)  # the header and the one entry
    expect(regels.nth(1)).to_contain_text(f"{len(ONDERDELEN)} resultaten klaar voor het LAS")
    with page.expect_download() as download:
        main(page).get_by_role("link", name="Exporteren als CSV").click()
    inhoud = download.value.path().read_text(encoding="utf-8-sig")
    assert inhoud.splitlines()[0] == "Tijdstip;Soort;Omschrijving;Door"
    assert len(inhoud.splitlines()) == 2 and leerkracht in inhoud
