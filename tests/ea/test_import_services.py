"""The import's services: fetching into a concept, the row decisions, running a plan in one
transaction, and the teachers' invitations (the link works once). One test runs against a real
LAS process."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from koppel.ea.accounts.models import LEERKRACHT, Rol
from koppel.ea.errors import InvalidState, NotFound
from koppel.ea.importeren import emails, fetch, selectors, services
from koppel.ea.importeren import planning as p
from koppel.ea.importeren.models import AFGEBROKEN, CONCEPT, UITGEVOERD, Importplan
from koppel.ea.klanten.models import Groep, Klant, Leerkracht, Leerling
from koppel.ea.koppeling import crypto
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from tests.support.las_process import LasProcess, free_port

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
ECKID = "https://ketenid.nl/201703/ab12cd34"
KOP = p.Kop(schooljaar="2026-2027", brincode="99XX")
GROEPEN = (
    p.LasGroep(key="G5", naam="Groep 5a", jaargroep="5"),
    p.LasGroep(key="G6", naam="Groep 6a", jaargroep="6"),
    p.LasGroep(key="SG1", naam="Rekenclub", samengesteld=True),
)
MITCHEL = p.LasLeerkracht(
    key="K1", achternaam="Leerkracht", roepnaam="Mitchel", emailadres="mitchel@school.nl",
    groep_keys=("G5",),
)  # fmt: skip
ANNA = p.LasLeerkracht(
    key="K2", achternaam="Vries", voorvoegsel="de", roepnaam="Anna", emailadres="anna@school.nl",
    groep_keys=("G6", "SG1"),
)  # fmt: skip
SANNE = p.LasLeerling(
    key="L1", achternaam="Bakker", roepnaam="Sanne", geboortedatum=dt.date(2016, 3, 1),
    geslacht="2", jaargroep="5", groep_key="G5", samengestelde_groep_keys=("SG1",),
)  # fmt: skip
ZONDER_KEY = p.LasLeerling(
    key=ECKID, eckid=ECKID, achternaam="Yilmaz", roepnaam="Ela", jaargroep="6", groep_key="G6"
)
TIM = p.LasLeerling(
    key="L3", achternaam="Visser", roepnaam="Tim", geboortedatum=dt.date(2015, 6, 2),
    jaargroep="6", groep_key="G6",
)  # fmt: skip


def gegevens(**velden: Any) -> p.LasGegevens:
    standaard: dict[str, Any] = {
        "groepen": GROEPEN,
        "leerkrachten": (MITCHEL, ANNA),
        "leerlingen": (SANNE, ZONDER_KEY, TIM),
    }
    return p.LasGegevens(kop=KOP, **{**standaard, **velden})


def concept(klant: Klant, las: p.LasGegevens | None = None) -> Importplan:
    """A stored concept: the plan of ``las`` against what the school has now."""
    las = las or gegevens()
    plan = p.plan_import(las, selectors.bestaand(klant))
    return services.store_plan(klant, None, las, plan, now=NOW)


def uitvoeren(klant: Klant, capture: Any) -> dict[str, Any]:
    with capture(execute=True):
        return services.uitvoeren(klant, now=NOW)


# --- running a plan ------------------------------------------------------------------------------


def test_running_a_plan_creates_groups_teachers_and_pupils(
    klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant)
    samenvatting = uitvoeren(klant, django_capture_on_commit_callbacks)

    groep5 = Groep.objects.get(klant=klant, las_key="G5")
    assert (groep5.naam, groep5.jaargroep, groep5.samengesteld) == ("Groep 5a", "5", False)
    assert Groep.objects.get(klant=klant, las_key="SG1").samengesteld
    anna = Leerkracht.objects.get(klant=klant, las_key="K2")
    assert (anna.voorvoegsel, anna.emailadres) == ("de", "anna@school.nl")
    assert sorted(g.las_key for g in anna.groepen.all()) == ["G6", "SG1"]
    sanne = Leerling.objects.get(klant=klant, las_key="L1")
    assert (sanne.leerlingnummer, sanne.groep, sanne.geslacht) == ("L1", groep5, "2")
    assert [g.las_key for g in sanne.samengestelde_groepen.all()] == ["SG1"]
    assert samenvatting[p.LEERLINGEN]["toevoegen"] == 3
    assert Importplan.objects.get(klant=klant).status == UITGEVOERD


def test_a_pupil_without_las_key_gets_the_tail_of_the_eckid_as_leerlingnummer(
    klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant)
    uitvoeren(klant, django_capture_on_commit_callbacks)

    ela = Leerling.objects.get(klant=klant, eckid=ECKID)
    assert ela.leerlingnummer == "ab12cd34"


def test_linked_records_are_updated_and_keep_their_leerlingnummer(
    klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    oude_groep = Groep.objects.create(klant=klant, naam="Groep 4a", las_key="G5")
    sanne = Leerling.objects.create(
        klant=klant, leerlingnummer="1001", achternaam="bakker", roepnaam="Sanne",
        geboortedatum=dt.date(2016, 3, 1), groep=oude_groep,
    )  # fmt: skip
    concept(klant)
    uitvoeren(klant, django_capture_on_commit_callbacks)

    sanne.refresh_from_db()
    assert (sanne.las_key, sanne.achternaam, sanne.leerlingnummer) == ("L1", "Bakker", "1001")
    assert sanne.groep == oude_groep
    oude_groep.refresh_from_db()
    assert oude_groep.naam == "Groep 5a"
    assert Leerling.objects.filter(klant=klant).count() == 3


def test_a_las_key_moves_to_the_record_linked_by_hand(
    klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    fout = Leerling.objects.create(
        klant=klant, leerlingnummer="1", las_key="L1", achternaam="Bakker", roepnaam="Saskia"
    )
    goed = Leerling.objects.create(
        klant=klant, leerlingnummer="2", achternaam="Bakker", roepnaam="Sanne"
    )
    concept(klant)
    services.koppel(klant, soort=p.LEERLINGEN, las_key="L1", bestaand_id=goed.pk)
    uitvoeren(klant, django_capture_on_commit_callbacks)

    goed.refresh_from_db()
    fout.refresh_from_db()
    assert (goed.las_key, fout.las_key) == ("L1", "")


def test_pupils_no_longer_in_the_las_are_deactivated_not_deleted(
    klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    weg = Leerling.objects.create(
        klant=klant, leerlingnummer="L9", las_key="L9", achternaam="Weg", roepnaam="Piet"
    )
    concept(klant)
    samenvatting = uitvoeren(klant, django_capture_on_commit_callbacks)

    weg.refresh_from_db()
    assert not weg.actief
    assert weg.gedeactiveerd_op == NOW
    assert samenvatting[p.LEERLINGEN]["deactiveren"] == 1


def test_rows_set_to_niet_importeren_are_left_out(
    klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant)
    services.niet_importeren(klant, soort=p.LEERLINGEN, las_key="L3")
    services.niet_importeren(klant, soort=p.LEERKRACHTEN, las_key="K2")
    uitvoeren(klant, django_capture_on_commit_callbacks)

    assert not Leerling.objects.filter(klant=klant, las_key="L3").exists()
    assert not Leerkracht.objects.filter(klant=klant, las_key="K2").exists()


def test_an_error_halfway_leaves_nothing_behind(
    klant: Klant, monkeypatch: pytest.MonkeyPatch
) -> None:
    concept(klant)

    def kapot(*args: Any, **kwargs: Any) -> None:  # groups and teachers are written by now
        raise IntegrityError("UNIQUE constraint failed: ea_leerling_leerlingnummer")

    monkeypatch.setattr(Leerling.objects, "bulk_create", kapot)

    with pytest.raises(InvalidState, match="niet uitgevoerd"):
        services.uitvoeren(klant, now=NOW)

    assert not Groep.objects.filter(klant=klant).exists()
    assert not Leerkracht.objects.filter(klant=klant).exists()
    assert not User.objects.exists()
    assert Importplan.objects.get(klant=klant).status == CONCEPT


def test_a_leerlingnummer_already_in_use_blocks_the_import(klant: Klant) -> None:
    concept(klant)
    # made after the plan, so not matched: the new pupil L3 would get this leerlingnummer
    Leerling.objects.create(klant=klant, leerlingnummer="L3", achternaam="Ander", roepnaam="Kind")

    with pytest.raises(InvalidState, match="Leerlingnummer L3 van Visser, Tim is in het"):
        services.uitvoeren(klant, now=NOW)
    assert not Groep.objects.filter(klant=klant).exists()


def test_a_teacher_without_email_address_blocks_the_import(klant: Klant) -> None:
    concept(klant, gegevens(leerkrachten=(MITCHEL, p.LasLeerkracht(key="K3", achternaam="Zon"))))

    with pytest.raises(InvalidState, match="nog geen e-mailadres"):
        services.uitvoeren(klant, now=NOW)
    assert not Groep.objects.filter(klant=klant).exists()


# --- decisions -----------------------------------------------------------------------------------


def test_linking_by_hand_is_stored_in_the_concept(klant: Klant) -> None:
    bestaand = Leerkracht.objects.create(klant=klant, achternaam="Boelee", roepnaam="Mitchel")
    concept(klant)
    services.koppel(klant, soort=p.LEERKRACHTEN, las_key="K1", bestaand_id=bestaand.pk)

    rij = selectors.rij(selectors.plan_van(selectors.concept(klant)), p.LEERKRACHTEN, "K1")  # type: ignore[arg-type]
    assert rij is not None
    assert (rij.categorie, rij.bestaand_id, rij.reden) == (p.BESTAAND, bestaand.pk, p.HANDMATIG)
    assert rij.bestaand_naam == "Boelee, Mitchel"


def test_linking_to_another_schools_record_is_not_found(klant: Klant, andere_klant: Klant) -> None:
    vreemd = Leerkracht.objects.create(klant=andere_klant, achternaam="Ander", roepnaam="Iemand")
    concept(klant)

    with pytest.raises(NotFound):
        services.koppel(klant, soort=p.LEERKRACHTEN, las_key="K1", bestaand_id=vreemd.pk)


def test_abort_keeps_the_plan_as_afgebroken_and_imports_nothing(klant: Klant) -> None:
    concept(klant)
    services.afbreken(klant)

    assert Importplan.objects.get(klant=klant).status == AFGEBROKEN
    assert selectors.concept(klant) is None
    assert not Leerling.objects.filter(klant=klant).exists()


def test_a_new_concept_replaces_the_old_one(klant: Klant) -> None:
    concept(klant)
    concept(klant, gegevens(leerlingen=(TIM,)))

    assert Importplan.objects.filter(klant=klant, status=CONCEPT).count() == 1
    assert len(selectors.plan_van(selectors.concept(klant)).rijen[p.LEERLINGEN]) == 1  # type: ignore[arg-type]


# --- invitations ---------------------------------------------------------------------------------


def test_only_imported_teachers_without_account_are_invited(
    klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    met_account = User.objects.create_user("anna.oud")
    Leerkracht.objects.create(
        klant=klant, achternaam="Vries", roepnaam="Anna", las_key="K2", user=met_account
    )
    zon = p.LasLeerkracht(key="K3", achternaam="Zon", roepnaam="Sam", emailadres="sam@school.nl")
    concept(klant, gegevens(leerkrachten=(MITCHEL, ANNA, zon)))
    services.niet_importeren(klant, soort=p.LEERKRACHTEN, las_key="K3")
    uitvoeren(klant, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["mitchel@school.nl"]]
    mitchel = Leerkracht.objects.get(klant=klant, las_key="K1")
    assert mitchel.user is not None and mitchel.user.username == "mitchel@school.nl"
    assert not mitchel.user.has_usable_password()
    assert mitchel.uitgenodigd_op == NOW
    assert Rol.objects.get(user=mitchel.user, klant=klant).rol == LEERKRACHT


def test_an_address_that_already_has_an_account_gets_no_second_account(
    klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    User.objects.create_user("mitchel@school.nl")
    concept(klant, gegevens(leerkrachten=(MITCHEL,)))
    uitvoeren(klant, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert Leerkracht.objects.get(klant=klant, las_key="K1").user is None


def _link(bericht: str) -> str:
    """The path of the invitation link in an e-mail (the host is settings.EA_URL)."""
    gevonden = re.search(r"https?://[^/\s]+(/uitnodiging/\S+/)", bericht)
    assert gevonden is not None
    return gevonden.group(1)


def test_the_invitation_link_sets_a_password_once(
    klant: Klant, django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant, gegevens(leerkrachten=(MITCHEL,)))
    uitvoeren(klant, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0].body)
    assert "Je gebruikersnaam is je e-mailadres: mitchel@school.nl" in mail.outbox[0].body

    browser = Client()
    formulier = browser.get(link, follow=True)
    assert "Account aanmaken" in formulier.text and "Herhaal wachtwoord" in formulier.text
    wachtwoord = "paarden-eten-graag-hooi"
    klaar = browser.post(
        formulier.redirect_chain[-1][0],
        {"new_password1": wachtwoord, "new_password2": wachtwoord},
        follow=True,
    )
    assert "Je account is aangemaakt" in klaar.text
    assert User.objects.get(username="mitchel@school.nl").check_password(wachtwoord)

    opnieuw = Client().get(link, follow=True)
    assert "Deze uitnodiging is verlopen of al gebruikt." in opnieuw.text


def test_an_expired_invitation_link_is_refused(klant: Klant, settings: Any) -> None:
    leerkracht = Leerkracht.objects.create(
        klant=klant, achternaam="Leerkracht", roepnaam="Mitchel", emailadres="m@school.nl"
    )
    emails.invite(leerkracht.pk, now=NOW)
    link = _link(mail.outbox[0].body)
    settings.PASSWORD_RESET_TIMEOUT = -1

    assert "Deze uitnodiging is verlopen of al gebruikt." in Client().get(link, follow=True).text


# --- fetching ------------------------------------------------------------------------------------


def _koppeling(klant: Klant, *, schooljaar: str = "2026-2027", sleutel: str = "s") -> LasKoppeling:
    return LasKoppeling.objects.create(
        klant=klant, lastype="koppel", brincode=klant.brincode, schooljaar=schooljaar,
        sleutel_versleuteld=crypto.encrypt(sleutel), sleutel_eind=crypto.eind(sleutel),
        status=GOEDGEKEURD, aangevraagd_op=timezone.now(),
    )  # fmt: skip


def test_fetching_needs_an_approved_coupling(klant: Klant) -> None:
    with pytest.raises(services.OphalenMislukt, match="geen goedgekeurde koppeling"):
        services.create_plan(klant, None)


def test_an_unreachable_las_gives_a_dutch_message_and_stores_nothing(
    klant: Klant, settings: Any
) -> None:
    settings.LAS_ENDPOINTS = {"koppel": f"http://127.0.0.1:{free_port()}/uwlr/leerlinggegevens"}
    _koppeling(klant)

    with pytest.raises(services.OphalenMislukt, match="niet bereikbaar"):
        services.create_plan(klant, None)
    assert not Importplan.objects.exists()


def test_the_fetch_is_told_how_many_pupils_the_last_import_had(
    klant: Klant,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """So that a large school is fetched getrapt; every pupil the LAS sent counts."""
    settings.LAS_ENDPOINTS = {"koppel": f"http://127.0.0.1:{free_port()}/uwlr/leerlinggegevens"}
    _koppeling(klant)
    vorig: list[int] = []

    def las_fetch(client: Any, **school: Any) -> p.LasGegevens:
        vorig.append(school["vorig_aantal"])
        return gegevens()

    monkeypatch.setattr(fetch, "fetch", las_fetch)
    services.create_plan(klant, None, now=NOW)
    services.niet_importeren(klant, soort=p.LEERLINGEN, las_key="L3")
    uitvoeren(klant, django_capture_on_commit_callbacks)
    services.create_plan(klant, None, now=NOW)

    assert vorig == [0, 3]


@pytest.fixture(scope="module")
def las() -> Iterator[tuple[LasProcess, str, str]]:
    """A real LAS with school 99XX (60 pupils) that activated the test centre's coupling."""
    with LasProcess() as proces:
        uitvoer = proces.run("seed", "--brin", "99XX", "--leerlingen", "60", "--seed", "1")
        schooljaar = re.search(r"\((\d{4}-\d{4})\)", uitvoer)
        assert schooljaar is not None
        sleutel = proces.run_many(
            ("partner", "add", "--naam", "Boom testcentrum UWLR", "--klantcode", "BOOM-UWLR"),
            ("koppeling", "activeer", "--brin", "99XX", "--klantcode", "BOOM-UWLR"),
        ).splitlines()[-1]
        yield proces, schooljaar.group(1), sleutel.strip()


@pytest.mark.slow
@pytest.mark.interop
def test_importing_sixty_pupils_from_a_real_las(
    klant: Klant,
    beheerder: User,
    las: tuple[LasProcess, str, str],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    proces, schooljaar, sleutel = las
    settings.LAS_ENDPOINTS = {"koppel": f"{proces.base_url}/uwlr/leerlinggegevens"}
    _koppeling(klant, schooljaar=schooljaar, sleutel=sleutel)

    importplan = services.create_plan(klant, beheerder)
    assert importplan.kop["brincode"] == "99XX"
    plan = selectors.plan_van(importplan)
    assert len(plan.rijen[p.LEERLINGEN]) == 60
    for n, rij in enumerate(plan.rijen[p.LEERKRACHTEN]):
        if not rij.emailadres:
            services.zet_emailadres(klant, las_key=rij.las_key, emailadres=f"lk{n}@school.nl")
    samenvatting = uitvoeren(klant, django_capture_on_commit_callbacks)

    assert Leerling.objects.filter(klant=klant, actief=True).count() == 60
    assert samenvatting[p.LEERLINGEN]["toevoegen"] == 60
    assert Groep.objects.filter(klant=klant).count() == len(plan.rijen[p.GROEPEN])
    assert len(mail.outbox) == len(plan.rijen[p.LEERKRACHTEN])
