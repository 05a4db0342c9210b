"""The nightly sync against a real LAS process over HTTP: the first sync, ``geenwijzigingen`` via
``laatstontvangengegevens``, names and group moves applied by themselves, new pupils left for the
beheerder with an e-mail, an open concept never overwritten, and a LAS that dies mid-answer or
answers garbage (nothing in the EA changes). Also ``koppel ea sync`` and "Nu synchroniseren"."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import Any

import httpx
import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from koppel.ea.importeren import planning as p
from koppel.ea.importeren import selectors, services, sync, syncrooster
from koppel.ea.importeren.models import (
    AUTOMATISCH_VERWERKT,
    CONCEPT,
    GEEN_WIJZIGINGEN,
    MISLUKT,
    UITGEVOERD,
    WACHT_OP_BEHEERDER,
    Importplan,
    Synchronisatie,
)
from koppel.ea.klanten.models import Groep, Klant, Leerkracht, Leerling
from koppel.ea.koppeling import crypto
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from koppel.ea.logboek.models import IMPORT_UITGEVOERD, Gebeurtenis
from tests.support.las_process import LasProcess, free_port

pytestmark = [pytest.mark.interop, pytest.mark.django_db]

BRIN = "99XX"
NIEUWE_KEYS = (f"SYNC-NIEUW-{n}" for n in itertools.count(1))


class Las:
    """The module's LAS process, its key and school year, and a few changes to its data."""

    def __init__(self, process: LasProcess, sleutel: str, schooljaar: str) -> None:
        self.process, self.sleutel, self.schooljaar = process, sleutel, schooljaar

    @property
    def endpoint(self) -> str:
        return f"{self.process.base_url}/uwlr/leerlinggegevens"

    def hernoem_leerling(self, roepnaam: str) -> str:
        """Give the first enrolled pupil another roepnaam; returns the pupil's key."""
        return self.process.python(
            "from koppel.las.school.models import Leerling\n"
            f"ll = Leerling.objects.filter(school__brincode={BRIN!r}).order_by('key').first()\n"
            f"ll.roepnaam = {roepnaam!r}\nll.save()\nprint(ll.key)"
        )

    def verhuis_leerling(self) -> tuple[str, str]:
        """Move the last pupil to another stamgroep; returns the keys of pupil and group."""
        leerling, groep = self.process.python(
            "from koppel.las.school.models import Groep, Leerling\n"
            "from koppel.las.school.services import move_leerling\n"
            f"ll = Leerling.objects.filter(school__brincode={BRIN!r}, groep__isnull=False)"
            ".order_by('-key').first()\n"
            "doel = Groep.objects.filter(school=ll.school).exclude(pk=ll.groep_id)"
            ".order_by('key').first()\n"
            "move_leerling(ll, groep=doel)\nprint(ll.key, doel.key)"
        ).split()
        return leerling, groep

    def nieuwe_leerling(self, roepnaam: str) -> str:
        key = next(NIEUWE_KEYS)
        self.process.python(
            "import datetime as dt\nfrom django.utils import timezone\n"
            "from koppel.las.school.models import Groep, Leerling\n"
            f"g = Groep.objects.filter(school__brincode={BRIN!r}).order_by('key').first()\n"
            f"Leerling.objects.create(school=g.school, key={key!r}, achternaam='Nieuw', "
            f"roepnaam={roepnaam!r}, geboortedatum=dt.date(2017, 5, 5), jaargroep='5', groep=g, "
            "inschrijvingsdatum=timezone.localdate())"
        )
        return key


@pytest.fixture(scope="module")
def las() -> Iterator[Las]:
    with LasProcess(workers=1) as process:
        uitvoer = process.run_many(
            ("seed", "--brin", BRIN, "--leerlingen", "40", "--seed", "3"),
            ("partner", "add", "--naam", "Boom testcentrum UWLR", "--klantcode", "BOOM-UWLR"),
            ("koppeling", "activeer", "--brin", BRIN, "--klantcode", "BOOM-UWLR"),
        )
        schooljaar = re.search(r"\((\d{4}-\d{4})\)", uitvoer)
        assert schooljaar is not None, uitvoer
        yield Las(process, uitvoer.strip().splitlines()[-1].strip(), schooljaar.group(1))


def _koppeling(klant: Klant, *, lastype: str, schooljaar: str, sleutel: str) -> LasKoppeling:
    return LasKoppeling.objects.create(
        klant=klant, lastype=lastype, brincode=klant.brincode, schooljaar=schooljaar,
        sleutel_versleuteld=crypto.encrypt(sleutel), sleutel_eind=crypto.eind(sleutel),
        status=GOEDGEKEURD, aangevraagd_op=timezone.now(),
    )  # fmt: skip


@pytest.fixture
def beheerder_met_email(beheerder: User) -> User:
    beheerder.email = "beheer@gkv.nl"
    beheerder.save()
    return beheerder


@pytest.fixture
def koppeling(klant: Klant, beheerder_met_email: User, las: Las, settings: Any) -> LasKoppeling:
    settings.LAS_ENDPOINTS = {"koppel": las.endpoint}
    return _koppeling(klant, lastype="koppel", schooljaar=las.schooljaar, sleutel=las.sleutel)


def synchroniseer(koppeling: LasKoppeling) -> Synchronisatie:
    koppeling.refresh_from_db()
    return sync.synchroniseer(koppeling, now=timezone.now())


def importeer(koppeling: LasKoppeling) -> None:
    """The school as the LAS has it now, imported: the first sync leaves it to the beheerder,
    who fills in missing e-mail addresses and runs it."""
    eerste = synchroniseer(koppeling)
    assert eerste.uitkomst == WACHT_OP_BEHEERDER, eerste.melding
    klant = koppeling.klant
    concept = selectors.concept(klant)
    assert concept is not None
    for n, rij in enumerate(selectors.plan_van(concept).rijen[p.LEERKRACHTEN]):
        if not rij.emailadres:
            services.zet_emailadres(klant, las_key=rij.las_key, emailadres=f"lk{n}@school.nl")
    services.uitvoeren(klant)
    mail.outbox.clear()


def stand(klant: Klant) -> dict[str, Any]:
    """Everything a sync could change in the EA, to compare before and after."""
    return {
        "groepen": list(Groep.objects.filter(klant=klant).order_by("pk").values_list()),
        "leerkrachten": list(Leerkracht.objects.filter(klant=klant).order_by("pk").values_list()),
        "leerlingen": list(Leerling.objects.filter(klant=klant).order_by("pk").values_list()),
        "importplannen": list(Importplan.objects.filter(klant=klant).values_list("pk", "status")),
        "laatst": LasKoppeling.objects.get(klant=klant).laatst_opgehaald_op,
    }


# --- the first sync and no changes ---------------------------------------------------------------


def test_the_first_sync_fetches_the_whole_school_and_leaves_it_to_the_beheerder(
    koppeling: LasKoppeling, beheerder_client: Client
) -> None:
    gedaan = synchroniseer(koppeling)

    assert gedaan.uitkomst == WACHT_OP_BEHEERDER
    assert re.match(
        r"\d+ nieuwe groepen; \d+ nieuwe leerkrachten; \d+ nieuwe leerlingen\.", gedaan.melding
    ), gedaan.melding
    concept = Importplan.objects.get(klant=koppeling.klant, status=CONCEPT)
    assert concept.aangemaakt_door is None
    koppeling.refresh_from_db()
    assert koppeling.laatst_opgehaald_op == gedaan.gestart_op
    (email,) = mail.outbox
    assert email.subject == "Er staan wijzigingen uit het LAS klaar om te importeren"
    assert email.to == ["beheer@gkv.nl"]
    assert "http://127.0.0.1:8002/beheer/koppelen-met-las/importeren/" in email.body
    assert "nieuwe leerlingen" in email.body
    assert not Leerling.objects.filter(klant=koppeling.klant).exists()


def test_when_nothing_changed_the_las_answers_geenwijzigingen_and_nothing_is_planned(
    koppeling: LasKoppeling,
) -> None:
    importeer(koppeling)
    voor = stand(koppeling.klant)

    gedaan = synchroniseer(koppeling)

    assert gedaan.tekst == "Geen wijzigingen: Het LAS meldt niets nieuws."
    na = stand(koppeling.klant)
    assert na["laatst"] == gedaan.gestart_op > voor["laatst"]
    assert {**na, "laatst": None} == {**voor, "laatst": None}
    assert not mail.outbox


# --- applied by itself ---------------------------------------------------------------------------


def test_a_pupil_renamed_in_the_las_is_renamed_in_the_ea_by_itself_and_logged(
    koppeling: LasKoppeling, las: Las
) -> None:
    importeer(koppeling)
    key = las.hernoem_leerling("Hernoemd")

    gedaan = synchroniseer(koppeling)

    assert gedaan.uitkomst == AUTOMATISCH_VERWERKT, gedaan.melding
    assert gedaan.tekst == "Automatisch verwerkt: 1 naam gewijzigd."
    assert Leerling.objects.get(klant=koppeling.klant, las_key=key).roepnaam == "Hernoemd"
    (wijziging,) = gedaan.samenvatting["wijzigingen"]
    assert wijziging["soort"] == p.LEERLINGEN
    assert wijziging["wijzigingen"][0].startswith("naam gewijzigd:")
    assert wijziging["wijzigingen"][0].endswith("Hernoemd")
    assert not Importplan.objects.filter(klant=koppeling.klant, status=CONCEPT).exists()
    assert Importplan.objects.filter(klant=koppeling.klant, status=UITGEVOERD).count() == 2
    assert not mail.outbox
    logboek = Gebeurtenis.objects.filter(klant=koppeling.klant).latest("op", "pk")
    assert (logboek.soort, logboek.door) == (IMPORT_UITGEVOERD, "nachtelijke synchronisatie")


def test_a_pupil_moved_to_another_group_in_the_las_moves_in_the_ea_by_itself(
    koppeling: LasKoppeling, las: Las
) -> None:
    importeer(koppeling)
    leerling_key, groep_key = las.verhuis_leerling()

    gedaan = synchroniseer(koppeling)

    assert gedaan.uitkomst == AUTOMATISCH_VERWERKT, gedaan.melding
    assert gedaan.tekst == "Automatisch verwerkt: 1 groepswissel."
    leerling = Leerling.objects.select_related("groep").get(las_key=leerling_key)
    assert leerling.groep is not None
    assert leerling.groep.las_key == groep_key


# --- left to the beheerder -----------------------------------------------------------------------


def test_a_new_pupil_waits_for_the_beheerder_who_gets_an_email_and_sees_it_in_the_review(
    koppeling: LasKoppeling, las: Las, beheerder_client: Client
) -> None:
    importeer(koppeling)
    aantal = Leerling.objects.filter(klant=koppeling.klant).count()
    las.nieuwe_leerling("Noor")

    gedaan = synchroniseer(koppeling)

    assert gedaan.uitkomst == WACHT_OP_BEHEERDER
    assert gedaan.tekst == (
        "Wacht op beheerder: 1 nieuwe leerling. De beheerders hebben een e-mail gekregen."
    )
    assert Leerling.objects.filter(klant=koppeling.klant).count() == aantal
    (email,) = mail.outbox
    assert "- 1 nieuwe leerling" in email.body
    review = beheerder_client.get("/beheer/koppelen-met-las/importeren/?tab=leerlingen")
    assert "Nieuwe leerlingen toevoegen (1)" in review.text
    assert "Nieuw, Noor" in review.text
    assert "Wijzigingen sinds de vorige import" in review.text

    opnieuw = synchroniseer(koppeling)  # the LAS has nothing newer; the concept still waits
    assert opnieuw.uitkomst == GEEN_WIJZIGINGEN
    assert "Er staat nog een import klaar om te controleren." in opnieuw.melding
    assert len(mail.outbox) == 1


def test_an_open_concept_of_the_beheerder_is_not_overwritten_and_no_second_email_goes_out(
    koppeling: LasKoppeling, las: Las
) -> None:
    importeer(koppeling)
    key = las.nieuwe_leerling("Fien")
    synchroniseer(koppeling)
    services.niet_importeren(koppeling.klant, soort=p.LEERLINGEN, las_key=key)
    koppeling.refresh_from_db()
    laatst = koppeling.laatst_opgehaald_op
    las.hernoem_leerling("Weer Anders")

    gedaan = synchroniseer(koppeling)

    assert gedaan.uitkomst == WACHT_OP_BEHEERDER
    assert gedaan.melding.startswith("Er staat al een import klaar om te controleren")
    concept = Importplan.objects.get(klant=koppeling.klant, status=CONCEPT)
    rij = selectors.rij(selectors.plan_van(concept), p.LEERLINGEN, key)
    assert rij is not None and rij.categorie == p.NIET
    assert len(mail.outbox) == 1  # only the first sync's
    koppeling.refresh_from_db()
    assert koppeling.laatst_opgehaald_op == laatst  # the rename is fetched again next time


# --- failures ------------------------------------------------------------------------------------


class _Kapot(ThreadingHTTPServer):
    """A LAS in trouble: ``doel`` set, it forwards the request to the real LAS and sends the
    answer's headers with the full Content-Length but only half the body, then hangs up;
    without, a 200 with an HTML maintenance page."""

    doel: str | None = None
    halve_antwoorden = 0


class _Handler(BaseHTTPRequestHandler):
    server: _Kapot
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        verzoek = self.rfile.read(int(self.headers["Content-Length"]))
        if self.server.doel is None:
            self._antwoord(200, "text/html", b"<html><body>Onderhoud</body></html>", half=False)
            return
        kopjes = {k: self.headers[k] for k in ("Content-Type", "SOAPAction")}
        echt = httpx.post(self.server.doel, content=verzoek, headers=kopjes)
        self._antwoord(echt.status_code, echt.headers["Content-Type"], echt.content, half=True)
        self.server.halve_antwoorden += 1

    def _antwoord(self, status: int, soort: str, inhoud: bytes, *, half: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", soort)
        self.send_header("Content-Length", str(len(inhoud)))
        self.end_headers()
        self.wfile.write(inhoud[: len(inhoud) // 2] if half else inhoud)
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def kapotte_las(settings: Any) -> Iterator[_Kapot]:
    server = _Kapot(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_las_that_dies_mid_answer_changes_nothing_and_the_next_sync_catches_up(
    koppeling: LasKoppeling, las: Las, kapotte_las: _Kapot, settings: Any
) -> None:
    importeer(koppeling)
    key = las.hernoem_leerling("Halverwege")
    voor = stand(koppeling.klant)
    kapotte_las.doel = las.endpoint
    settings.LAS_ENDPOINTS = {"koppel": f"http://127.0.0.1:{kapotte_las.server_port}/uwlr"}

    gedaan = synchroniseer(koppeling)

    assert gedaan.uitkomst == MISLUKT
    assert gedaan.melding.startswith("Het LAS is niet bereikbaar.")
    assert kapotte_las.halve_antwoorden == 1  # the real answer, cut off after half its body
    assert stand(koppeling.klant) == voor
    settings.LAS_ENDPOINTS = {"koppel": las.endpoint}
    assert synchroniseer(koppeling).uitkomst == AUTOMATISCH_VERWERKT
    assert Leerling.objects.get(klant=koppeling.klant, las_key=key).roepnaam == "Halverwege"


def test_an_answer_that_is_no_uwlr_message_fails_the_sync_and_stores_nothing(
    koppeling: LasKoppeling, kapotte_las: _Kapot, settings: Any
) -> None:
    settings.LAS_ENDPOINTS = {"koppel": f"http://127.0.0.1:{kapotte_las.server_port}/uwlr"}

    gedaan = synchroniseer(koppeling)

    assert gedaan.uitkomst == MISLUKT
    assert "geen geldig UWLR-bericht" in gedaan.melding
    assert stand(koppeling.klant) == {
        "groepen": [], "leerkrachten": [], "leerlingen": [], "importplannen": [], "laatst": None,
    }  # fmt: skip


def test_a_school_year_the_las_has_no_data_for_fails_with_the_reason(
    koppeling: LasKoppeling,
) -> None:
    koppeling.schooljaar = "2001-2002"
    koppeling.save()

    gedaan = synchroniseer(koppeling)

    assert (gedaan.uitkomst, gedaan.melding) == (
        MISLUKT,
        "Het LAS heeft geen gegevens voor dit schooljaar.",
    )


def test_after_a_new_school_year_is_chosen_the_whole_school_is_fetched_again(
    koppeling: LasKoppeling, las: Las
) -> None:
    importeer(koppeling)
    Synchronisatie.objects.filter(koppeling=koppeling).update(
        grondslag="koppel|99XX||2025-2026"
    )  # as if every fetch so far was of last school year

    gedaan = synchroniseer(koppeling)

    assert gedaan.uitkomst == AUTOMATISCH_VERWERKT  # data, not geenwijzigingen


# --- koppel ea sync ------------------------------------------------------------------------------


def test_the_command_syncs_every_coupling_prints_a_line_each_and_fails_when_one_failed(
    koppeling: LasKoppeling, andere_klant: Klant, las: Las, settings: Any
) -> None:
    dood = f"http://127.0.0.1:{free_port()}/uwlr/leerlinggegevens"
    settings.LAS_ENDPOINTS = {"koppel": las.endpoint, "parnassys": dood}
    _koppeling(andere_klant, lastype="parnassys", schooljaar=las.schooljaar, sleutel="s")
    uit = StringIO()

    with pytest.raises(CommandError, match=r"1 synchronisatie\(s\) mislukt") as fout:
        call_command("sync", "--all", stdout=uit)

    assert fout.value.returncode == 1
    regels = uit.getvalue().splitlines()
    assert regels[0].startswith("88YY De Andere School - Mislukt: Het LAS is niet bereikbaar.")
    assert regels[1].startswith("99XX GKV testschool - Wacht op beheerder: ")
    assert regels[2] == "1 van 2 gelukt."
    call_command("sync", "--brin", "99XX", stdout=StringIO())  # no failure: no CommandError
    with pytest.raises(CommandError, match="Geen goedgekeurde koppeling met BRIN 11AA"):
        call_command("sync", "--brin", "11AA", stdout=StringIO())


# --- which couplings are due, and runs that overlap ----------------------------------------------

NACHT = dt.datetime(2026, 11, 23, 1, 30, tzinfo=dt.UTC)  # 02:30 in Amsterdam


def _gesynchroniseerd(koppeling: LasKoppeling, uitkomst: str, minuten_geleden: int) -> None:
    Synchronisatie.objects.create(
        koppeling=koppeling, klant=koppeling.klant, uitkomst=uitkomst,
        gestart_op=NACHT - dt.timedelta(minutes=minuten_geleden),
    )  # fmt: skip


def test_due_are_approved_couplings_not_synced_tonight_and_not_just_tried(
    django_user_model: Any,
) -> None:
    koppelingen = []
    for n in range(5):
        klant = Klant.objects.create(naam=f"School {n}", brincode=f"1{n}AA")
        koppelingen.append(_koppeling(klant, lastype="koppel", schooljaar="2026-2027", sleutel="s"))
    _gesynchroniseerd(koppelingen[1], GEEN_WIJZIGINGEN, 20)  # tonight: done
    _gesynchroniseerd(koppelingen[2], MISLUKT, 10)  # failed just now: wait
    _gesynchroniseerd(koppelingen[3], MISLUKT, 40)  # failed a while ago: again
    _gesynchroniseerd(koppelingen[3], AUTOMATISCH_VERWERKT, 24 * 60)  # last night
    LasKoppeling.objects.filter(pk=koppelingen[4].pk).update(status="ingediend")

    assert syncrooster.verschuldigde_koppelingen(NACHT) == [koppelingen[0].pk, koppelingen[3].pk]
    assert syncrooster.verschuldigde_koppelingen(NACHT + dt.timedelta(hours=12)) == []


def test_a_sync_still_running_is_returned_instead_of_starting_a_second_one(
    klant: Klant, settings: Any
) -> None:
    settings.LAS_ENDPOINTS = {"koppel": f"http://127.0.0.1:{free_port()}/uwlr/leerlinggegevens"}
    koppeling = _koppeling(klant, lastype="koppel", schooljaar="2026-2027", sleutel="s")
    lopend = Synchronisatie.objects.create(
        koppeling=koppeling, klant=klant, gestart_op=timezone.now() - dt.timedelta(minutes=5)
    )
    assert sync.synchroniseer(koppeling) == lopend
    Synchronisatie.objects.filter(pk=lopend.pk).update(gestart_op=timezone.now() - sync.BEZIG_MAX)

    nieuw = sync.synchroniseer(koppeling)

    assert nieuw != lopend and nieuw.uitkomst == MISLUKT
    lopend.refresh_from_db()
    assert (lopend.uitkomst, lopend.melding) == (MISLUKT, sync.ONVERWACHT)


def test_an_unexpected_error_is_raised_and_the_run_is_recorded_as_failed(
    klant: Klant, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    koppeling = _koppeling(klant, lastype="koppel", schooljaar="2026-2027", sleutel="s")

    def stuk(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(sync.syncfetch, "haal_op", stuk)  # fault injection: a bug, not the LAS
    with pytest.raises(RuntimeError):
        sync.synchroniseer(koppeling)
    gedaan = Synchronisatie.objects.get(koppeling=koppeling)
    assert (gedaan.uitkomst, gedaan.melding) == (MISLUKT, sync.ONVERWACHT)


# --- Koppelen met LAS: the last syncs and "Nu synchroniseren" ------------------------------------

KOPPELEN = "/beheer/koppelen-met-las/"


def test_the_beheerder_syncs_now_and_sees_the_last_syncs_on_koppelen_met_las(
    klant: Klant, beheerder_client: Client, settings: Any
) -> None:
    settings.LAS_ENDPOINTS = {"koppel": f"http://127.0.0.1:{free_port()}/uwlr/leerlinggegevens"}
    _koppeling(klant, lastype="koppel", schooljaar="2026-2027", sleutel="s")
    assert "Er is nog niet gesynchroniseerd." in beheerder_client.get(KOPPELEN).text

    antwoord = beheerder_client.post(f"{KOPPELEN}synchroniseren/", follow=True)

    assert antwoord.redirect_chain == [(KOPPELEN, 302)]
    assert "Het LAS is niet bereikbaar." in antwoord.text  # the message, and in the table
    assert "<td>Mislukt</td>" in antwoord.text
    assert "<td>Beheerder</td>" in antwoord.text
    assert "tussen 01:00 en 05:00 uur" in antwoord.text


def test_only_a_beheerder_may_sync_and_only_an_approved_coupling(
    klant: Klant, beheerder_client: Client, leerkracht_client: Client
) -> None:
    assert leerkracht_client.post(f"{KOPPELEN}synchroniseren/").status_code == 403
    assert beheerder_client.post(f"{KOPPELEN}synchroniseren/").status_code == 404
    assert not Synchronisatie.objects.exists()
