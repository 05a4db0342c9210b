"""The EA's logboek: each action of the coupling, the import, the teachers, the tests and the
delivery writes one entry in its own transaction (and none when it fails); entries are never
changed; Beheer → Logboek shows the own school's entries with filters, paging and a CSV export,
and never a key or a log-in code."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, connection
from django.test import Client
from django.utils import timezone

from koppel.common.alleen_toevoegen import AlleenToevoegen
from koppel.ea.errors import InvalidState
from koppel.ea.importeren import planning as p
from koppel.ea.importeren import services as importeren
from koppel.ea.importeren.melding import importmelding
from koppel.ea.klanten import uitnodigen as leerkracht_uitnodigen
from koppel.ea.klanten.models import Klant, Leerkracht
from koppel.ea.koppeling import decisions
from koppel.ea.koppeling import services as koppeling
from koppel.ea.koppeling.models import GOEDGEKEURD, UwlrAanvraag
from koppel.ea.logboek import models as log
from koppel.ea.logboek.models import Gebeurtenis
from koppel.ea.logboek.services import opsomming, vastleggen
from koppel.ea.resultaten import services as resultaten
from koppel.ea.resultaten.models import MISLUKT, Uitgaand
from koppel.ea.toetsen import services as toetsen_services
from koppel.ea.toetsen.models import Toets
from tests.ea import test_toetsen_hulp as hulp
from tests.ea.levering_factories import maak_leerlingen, maak_resultaten, maak_toets
from tests.ea.test_import_services import concept, gegevens
from tests.ea.test_toetsen_hulp import LV, NU, onderdeel_ids, rol

pytestmark = pytest.mark.django_db
school, toetsen = hulp.school, hulp.toetsen  # the shared fixtures

SLEUTEL = "f7i9wVA7--GmYZIIDs5Z"
LOGBOEK = "/beheer/logboek/"


def _soorten(klant: Klant) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(klant=klant).order_by("op", "pk").values_list("soort", flat=True)
    )


def _laatste(klant: Klant) -> Gebeurtenis:
    return Gebeurtenis.objects.filter(klant=klant).latest("op", "pk")


# --- what is recorded ------------------------------------------------------------------------------


def test_the_coupling_request_and_its_handling_are_recorded_with_who_did_it(
    klant: Klant, beheerder: User, klantenservice: User
) -> None:
    aanvraag = koppeling.submit_aanvraag(
        klant, schoolnaam=klant.naam, brincode="99XX", door=beheerder, now=NU
    )
    koppeling.reject_aanvraag(aanvraag, door=klantenservice, reden="Onbekend BRIN", now=NU)

    assert _soorten(klant) == [log.AANVRAAG_INGEDIEND, log.AANVRAAG_AFGEWEZEN]
    ingediend, afgewezen = Gebeurtenis.objects.filter(klant=klant).order_by("op", "pk")
    assert (ingediend.door, ingediend.gebruiker) == ("Beheerder", beheerder)
    assert ingediend.omschrijving == "Aanvraag voor GKV testschool (BRIN 99XX)."
    assert (afgewezen.door, afgewezen.omschrijving) == (
        "Service",
        "Door de klantenservice. Reden: Onbekend BRIN",
    )


def test_storing_the_coupling_records_its_settings_but_never_the_key(
    klant: Klant, beheerder: User, settings: Any
) -> None:
    settings.LAS_ENDPOINTS = {"parnassys": "http://127.0.0.1:9/uwlr/leerlinggegevens"}
    UwlrAanvraag.objects.create(
        klant=klant, schoolnaam=klant.naam, brincode="99XX", ingediend_op=NU, status=GOEDGEKEURD
    )
    schooljaar = decisions.schooljaar_op(timezone.localdate())
    instellingen = decisions.Instellingen(
        lastype="parnassys", brincode="99XX", vestigingsnummer="", schooljaar=schooljaar
    )
    koppeling.save_koppeling(klant, instellingen, sleutel=SLEUTEL, door=beheerder, now=NU)

    entry = _laatste(klant)
    assert entry.soort == log.KOPPELING_OPGESLAGEN
    assert entry.omschrijving == (
        f"ParnasSys, BRIN 99XX; vestiging -, schooljaar {schooljaar}; nieuwe autorisatiesleutel. "
        "Wacht op goedkeuring door de klantenservice."
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM logboek_gebeurtenis")
        alles = " ".join(str(kolom) for rij in cursor.fetchall() for kolom in rij)
    assert SLEUTEL not in alles and "Ds5Z" not in alles


def test_an_import_records_its_summary_and_an_abort_is_recorded_too(
    klant: Klant, beheerder: User, django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant)
    with django_capture_on_commit_callbacks(execute=True):
        samenvatting = importeren.uitvoeren(klant, door=beheerder, now=NU)
    entry = _laatste(klant)
    assert (entry.soort, entry.door) == (log.IMPORT_UITGEVOERD, "Beheerder")
    assert entry.omschrijving == importmelding(samenvatting)
    assert "3 leerlingen" in entry.omschrijving

    concept(klant)
    importeren.afbreken(klant, door=beheerder)
    assert _soorten(klant)[-1] == log.IMPORT_AFGEBROKEN


def test_an_import_that_is_refused_leaves_no_entry(klant: Klant, beheerder: User) -> None:
    zonder_adres = p.LasLeerkracht(key="K3", achternaam="Zon")
    concept(klant, gegevens(leerkrachten=(zonder_adres,)))
    with pytest.raises(InvalidState, match="nog geen e-mailadres"):
        importeren.uitvoeren(klant, door=beheerder, now=NU)
    assert _soorten(klant) == []


def test_an_entry_rolls_back_with_the_action_that_failed_after_it(
    klant: Klant, beheerder: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def kapot(**velden: Any) -> None:  # the entry is written by now, in the same transaction
        raise IntegrityError("ea_koppeling_uwlraanvraag")

    monkeypatch.setattr(UwlrAanvraag.objects, "create", kapot)
    with pytest.raises(IntegrityError):
        koppeling.submit_aanvraag(
            klant, schoolnaam=klant.naam, brincode="99XX", door=beheerder, now=NU
        )
    assert _soorten(klant) == []


def test_inviting_scoring_and_finalising_are_recorded_without_the_log_in_codes(
    leerkracht_user: User, school: dict[str, Any], toetsen: dict[str, Toets]
) -> None:
    toets = toetsen[LV]
    ids = [school[naam].pk for naam in ("arent", "jan")]
    uitnodiging = toetsen_services.uitnodigen(rol(leerkracht_user), ids, toets.pk, now=NU)
    afname = toetsen_services.open_afname(rol(leerkracht_user), school["bo"].pk, toets.pk, now=NU)
    eerste, tweede = onderdeel_ids(toets)
    toetsen_services.score_invoeren(rol(leerkracht_user), afname.pk, {eerste: 8, tweede: 3}, now=NU)
    toetsen_services.definitief(rol(leerkracht_user), [afname.pk], now=NU)

    klant = rol(leerkracht_user).klant
    rijen = list(Gebeurtenis.objects.filter(klant=klant).order_by("op", "pk"))
    assert [(r.soort, r.door) for r in rijen] == [
        (log.LEERLINGEN_UITGENODIGD, "Meester"),
        (log.SCORE_INGEVOERD, "Meester"),
        (log.RESULTATEN_DEFINITIEF, "Meester"),
    ]
    assert rijen[0].omschrijving == (
        f"2 leerlingen (Arent Acikbas, Jan de Vries) uitgenodigd voor {toets.naam}."
    )
    assert rijen[1].omschrijving == f"Bo Bakker, {toets.naam}: genormeerd."
    assert rijen[2].omschrijving == f"Bo Bakker ({toets.naam}): 2 resultaten klaar voor het LAS."
    for code in uitnodiging.codes:
        assert not any(code.code in r.omschrijving for r in rijen)


def test_a_refused_finalisation_leaves_no_entry(
    leerkracht_user: User, school: dict[str, Any], toetsen: dict[str, Toets]
) -> None:
    toets = toetsen[LV]
    afname = toetsen_services.open_afname(rol(leerkracht_user), school["bo"].pk, toets.pk, now=NU)
    with pytest.raises(InvalidState):
        toetsen_services.definitief(rol(leerkracht_user), [afname.pk], now=NU)
    assert not Gebeurtenis.objects.filter(soort=log.RESULTATEN_DEFINITIEF).exists()


def test_resending_by_klantenservice_is_recorded_per_school(
    klant: Klant, andere_klant: Klant, klantenservice: User
) -> None:
    for school_ in (klant, andere_klant):
        leerlingen = maak_leerlingen(school_, [(f"LL-{school_.pk}-{n}", None) for n in range(2)])
        maak_resultaten(school_, leerlingen, [maak_toets(f"KOPPEL-RW-{school_.pk}")], now=NU)
    Uitgaand.objects.update(status=MISLUKT)
    ids = list(Uitgaand.objects.values_list("pk", flat=True))

    aantal = resultaten.opnieuw_versturen(ids, klantenservice, NU)

    per_school = {s.pk: Uitgaand.objects.filter(klant=s).count() for s in (klant, andere_klant)}
    assert aantal == sum(per_school.values())
    for school_ in (klant, andere_klant):
        entry = _laatste(school_)
        assert (entry.soort, entry.door) == (log.RESULTATEN_OPNIEUW, "Service")
        assert entry.omschrijving == (
            f"{per_school[school_.pk]} resultaten weer in de wachtrij naar het LAS."
        )


def test_resending_an_invitation_is_recorded(
    klant: Klant, beheerder: User, mailoutbox: list[Any]
) -> None:
    leerkracht = Leerkracht.objects.create(
        klant=klant, achternaam="Vries", roepnaam="Anna", emailadres="anna@school.nl"
    )
    adres = leerkracht_uitnodigen.opnieuw_uitnodigen(
        klant, leerkracht.pk, door=beheerder, now=timezone.now()
    )
    entry = _laatste(klant)
    assert (entry.soort, entry.door) == (log.UITNODIGING_OPNIEUW, "Beheerder")
    assert entry.omschrijving == f"Aan {leerkracht} ({adres})."
    assert len(mailoutbox) == 1


# --- the entries themselves ------------------------------------------------------------------------


def test_an_entry_is_never_changed_or_deleted(klant: Klant) -> None:
    entry = vastleggen(klant.pk, log.IMPORT_AFGEBROKEN, "x", door=None)
    assert entry.door == "systeem"
    entry.omschrijving = "anders"
    with pytest.raises(AlleenToevoegen):
        entry.save()
    with pytest.raises(AlleenToevoegen):
        entry.delete()
    assert Gebeurtenis.objects.get(pk=entry.pk).omschrijving == "x"


@pytest.mark.parametrize(
    ("namen", "tekst"),
    [
        (["Sanne"], "Sanne"),
        (["A", "B"], "2 leerlingen (A, B)"),
        (list("ABCDEFG"), "7 leerlingen (A, B, C, D, E, ...)"),
    ],
)
def test_names_are_listed_up_to_five(namen: list[str], tekst: str) -> None:
    assert opsomming(namen, meervoud="leerlingen") == tekst


# --- Beheer → Logboek -------------------------------------------------------------------------------


def _vul(klant: Klant, beheerder: User, aantal: int, *, begin: dt.datetime = NU) -> None:
    for n in range(aantal):
        vastleggen(
            klant.pk, log.IMPORT_AFGEBROKEN, f"afgebroken {n}", door=beheerder,
            now=begin + dt.timedelta(minutes=n),
        )  # fmt: skip


def test_the_beheerder_sees_the_own_schools_entries_newest_first_and_paged(
    beheerder_client: Client, klant: Klant, andere_klant: Klant, beheerder: User
) -> None:
    _vul(klant, beheerder, 55)
    vastleggen(andere_klant.pk, log.IMPORT_AFGEBROKEN, "van een ander", door=None, now=NU)

    html = beheerder_client.get(LOGBOEK).content.decode()
    assert "afgebroken 54<" in html and "afgebroken 5<" in html and "afgebroken 4<" not in html
    assert html.index("afgebroken 54") < html.index("afgebroken 53")
    assert "van een ander" not in html
    tweede = beheerder_client.get(LOGBOEK, {"pagina": 2}).content.decode()
    assert "afgebroken 4<" in tweede and "afgebroken 0<" in tweede and "afgebroken 5<" not in tweede


def test_the_logboek_filters_on_kind_person_and_period(
    beheerder_client: Client, klant: Klant, beheerder: User, klantenservice: User
) -> None:
    vastleggen(klant.pk, log.IMPORT_AFGEBROKEN, "import weg", door=beheerder, now=NU)
    later = NU + dt.timedelta(days=3)
    vastleggen(klant.pk, log.KOPPELING_GOEDGEKEURD, "akkoord", door=klantenservice, now=later)

    def toont(**filters: str) -> set[str]:
        html = beheerder_client.get(LOGBOEK, filters).content.decode()
        return {t for t in ("import weg", "akkoord") if f">{t}<" in html}

    assert toont() == {"import weg", "akkoord"}
    assert toont(soort=log.KOPPELING_GOEDGEKEURD) == {"akkoord"}
    assert toont(door="Beheerder") == {"import weg"}
    dag = timezone.localtime(later).date()
    assert toont(van=f"{dag:%Y-%m-%d}") == {"akkoord"}
    assert toont(tot=f"{dag - dt.timedelta(days=1):%Y-%m-%d}") == {"import weg"}


def test_the_logboek_exports_as_csv(
    beheerder_client: Client, klant: Klant, beheerder: User
) -> None:
    vastleggen(klant.pk, log.IMPORT_AFGEBROKEN, "=SOM(A1)", door=beheerder, now=NU)
    response = beheerder_client.get(LOGBOEK, {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "logboek-99XX.csv" in response["Content-Disposition"]
    tekst = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    regels = tekst.splitlines()
    assert regels[0] == "Tijdstip;Soort;Omschrijving;Door"
    assert "Import afgebroken;'=SOM(A1);Beheerder" in regels[1]


def test_only_the_beheerder_sees_the_logboek(
    leerkracht_client: Client, beheerder_client: Client
) -> None:
    assert leerkracht_client.get(LOGBOEK).status_code == 403
    assert beheerder_client.post(LOGBOEK).status_code == 405
    assert 'href="/beheer/logboek/"' in beheerder_client.get("/beheer/").content.decode()
