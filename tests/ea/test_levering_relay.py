"""The outbox relay on the database: claims and leases, which schools are due, what happens when
the LAS cannot be reached or the coupling cannot be called, pupils without a LAS key, and putting
failed results back in the queue. Delivery to a real LAS: test_levering_interop.py."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone

from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling.models import INGEDIEND, LasKoppeling
from koppel.ea.resultaten import claims, meldingen, relay, selectors, services
from koppel.ea.resultaten.models import IN_WACHTRIJ, MISLUKT, VERZONDEN, Resultaat, Uitgaand
from tests.ea.levering_factories import koppel, maak_leerlingen, maak_resultaten, maak_toets
from tests.support.las_process import free_port

pytestmark = pytest.mark.django_db

NOW = timezone.now()
LEASE = dt.timedelta(minutes=5)
SCHOOLJAAR = "2026-2027"


@pytest.fixture
def onbereikbaar(settings: Any) -> None:
    """The Koppel LAS type points at a loopback port nobody listens on."""
    settings.LAS_ENDPOINTS = {"koppel": f"http://127.0.0.1:{free_port()}/uwlr/leerlinggegevens"}
    settings.UWLR_TIMEOUT = 2.0


def _resultaten(klant: Klant, leerlingen: int = 6, *, las_key: bool = True) -> list[Resultaat]:
    keys = [(f"LL-{klant.pk}-{n}" if las_key else "", None) for n in range(leerlingen)]
    toets = maak_toets(f"KOPPEL-RW-{klant.pk}")
    return maak_resultaten(klant, maak_leerlingen(klant, keys), [toets], now=NOW)


def _status(*resultaten: Resultaat) -> list[str]:
    ids = [r.pk for r in resultaten]
    return list(Uitgaand.objects.filter(resultaat_id__in=ids).values_list("status", flat=True))


# --- claims and leases ---------------------------------------------------------------------------


def test_a_claim_takes_due_entries_of_one_school_oldest_first_up_to_the_limit(
    klant: Klant, andere_klant: Klant
) -> None:
    eigen, ander = _resultaten(klant), _resultaten(andere_klant)
    Uitgaand.objects.filter(resultaat=eigen[0]).update(volgende_poging_op=NOW - dt.timedelta(1))
    claim = claims.claim(klant.pk, worker="w1", now=NOW, lease=LEASE, limit=5)
    uitgaand = Uitgaand.objects.filter(pk__in=claim.ids)
    assert len(claim.ids) == 5
    assert {u.klant_id for u in uitgaand} == {klant.pk}
    assert eigen[0].uitgaand.pk in claim.ids
    assert {(u.geclaimd_door, u.geclaimd_tot) for u in uitgaand} == {("w1", NOW + LEASE)}
    assert not Uitgaand.objects.filter(resultaat__in=ander).exclude(geclaimd_tot=None).exists()


def test_two_workers_never_claim_the_same_entry_while_the_lease_lives(klant: Klant) -> None:
    _resultaten(klant, leerlingen=4)  # 8 entries
    eerste = claims.claim(klant.pk, worker="w1", now=NOW, lease=LEASE, limit=5)
    tweede = claims.claim(klant.pk, worker="w2", now=NOW + LEASE / 2, lease=LEASE, limit=10)
    assert len(eerste.ids) == 5
    assert len(tweede.ids) == 3
    assert not set(eerste.ids) & set(tweede.ids)
    na_de_lease = claims.claim(klant.pk, worker="w3", now=NOW + LEASE, lease=LEASE, limit=10)
    assert set(na_de_lease.ids) == set(eerste.ids)  # w1 died: its entries are due again


def test_entries_not_due_yet_or_not_in_the_queue_are_not_claimed(klant: Klant) -> None:
    r = _resultaten(klant, leerlingen=2)  # 4 entries
    Uitgaand.objects.filter(resultaat=r[0]).update(volgende_poging_op=NOW + dt.timedelta(1))
    Uitgaand.objects.filter(resultaat=r[1]).update(status=VERZONDEN)
    Uitgaand.objects.filter(resultaat=r[2]).update(status=MISLUKT)
    claim = claims.claim(klant.pk, worker="w1", now=NOW, lease=LEASE, limit=10)
    assert claim.ids == (r[3].uitgaand.pk,)


def test_a_worker_whose_lease_was_taken_over_cannot_mark_the_entries(klant: Klant) -> None:
    _resultaten(klant, leerlingen=1)
    oud = claims.claim(klant.pk, worker="w1", now=NOW, lease=LEASE, limit=10)
    claims.claim(klant.pk, worker="w2", now=NOW + LEASE, lease=LEASE, limit=10)
    assert claims.mark_mislukt(oud, oud.ids, now=NOW + LEASE, fout="x") == 0
    assert claims.mark_opnieuw(oud, oud.ids, now=NOW, fout="x", random=lambda: 0.5) == 0
    assert set(Uitgaand.objects.values_list("status", "geclaimd_door")) == {(IN_WACHTRIJ, "w2")}


# --- which schools, and what happens when the LAS cannot be reached -------------------------------


def test_only_schools_with_an_approved_coupling_and_due_entries_are_due(
    klant: Klant, andere_klant: Klant
) -> None:
    _resultaten(klant), _resultaten(andere_klant)
    koppel(klant, "sleutel", schooljaar=SCHOOLJAAR)
    koppel(andere_klant, "sleutel", schooljaar=SCHOOLJAAR)
    LasKoppeling.objects.filter(klant=andere_klant).update(status=INGEDIEND)
    assert relay.verschuldigde_klanten(NOW) == [klant.pk]
    Uitgaand.objects.filter(klant=klant).update(volgende_poging_op=NOW + dt.timedelta(1))
    assert relay.verschuldigde_klanten(NOW) == []


def test_a_school_without_an_approved_coupling_is_skipped_and_its_results_wait(
    klant: Klant,
) -> None:
    resultaten = _resultaten(klant)
    assert relay.lever_klant(klant.pk, worker="w1", now=NOW) == relay.LeverUitkomst()
    assert relay.lever(worker="w1", now=NOW) == relay.LeverUitkomst()
    assert set(_status(*resultaten)) == {IN_WACHTRIJ}
    assert not Uitgaand.objects.filter(pogingen__gt=0).exists()


@pytest.mark.usefixtures("onbereikbaar")
def test_an_unreachable_las_puts_the_batch_back_with_a_backoff_and_leaves_the_school(
    klant: Klant,
) -> None:
    _resultaten(klant, leerlingen=6)  # 12 entries
    koppel(klant, "sleutel", schooljaar=SCHOOLJAAR)
    uitkomst = relay.lever(worker="w1", now=NOW, batchgrootte=5)
    assert (uitkomst.opnieuw, uitkomst.verzonden, uitkomst.berichten) == (5, 0, 1)
    geprobeerd = Uitgaand.objects.filter(pogingen=1)
    assert geprobeerd.count() == 5
    for uitgaand in geprobeerd:
        assert uitgaand.status == IN_WACHTRIJ
        assert NOW + dt.timedelta(seconds=1) <= uitgaand.volgende_poging_op
        assert uitgaand.volgende_poging_op <= NOW + dt.timedelta(seconds=30)
        assert (uitgaand.geclaimd_tot, uitgaand.laatste_poging_op) == (None, NOW)
        assert "niet bereikbaar" in uitgaand.laatste_fout
    # the other seven were not tried: this school waits for its LAS
    assert Uitgaand.objects.filter(pogingen=0, laatste_fout="").count() == 7


def test_a_coupling_that_cannot_be_called_here_keeps_its_results_waiting_with_the_reason(
    klant: Klant, settings: Any
) -> None:
    settings.LAS_ENDPOINTS = {}
    _resultaten(klant, leerlingen=1)
    koppel(klant, "sleutel", schooljaar=SCHOOLJAAR)
    uitkomst = relay.lever(worker="w1", now=NOW)
    assert (uitkomst.opnieuw, uitkomst.berichten) == (2, 0)
    assert set(Uitgaand.objects.values_list("status", "laatste_fout")) == {
        (IN_WACHTRIJ, "Dit type koppeling is op deze installatie nog niet ingericht.")
    }


@pytest.mark.usefixtures("onbereikbaar")
def test_a_result_of_a_pupil_without_a_las_key_is_parked_without_being_sent(klant: Klant) -> None:
    resultaten = _resultaten(klant, leerlingen=2, las_key=False)
    koppel(klant, "sleutel", schooljaar=SCHOOLJAAR)
    uitkomst = relay.lever(worker="w1", now=NOW)
    assert (uitkomst.mislukt, uitkomst.berichten) == (4, 0)
    assert set(_status(*resultaten)) == {MISLUKT}
    assert set(Uitgaand.objects.values_list("laatste_fout", flat=True)) == {
        meldingen.NIET_GEKOPPELD
    }


@pytest.mark.usefixtures("onbereikbaar")
def test_max_batches_bounds_a_run(klant: Klant, andere_klant: Klant) -> None:
    for school in (klant, andere_klant):
        _resultaten(school, leerlingen=1, las_key=False)
        koppel(school, "sleutel", schooljaar=SCHOOLJAAR)
    uitkomst = relay.lever(worker="w1", now=NOW, batchgrootte=1, max_batches=3)
    assert (uitkomst.batches, uitkomst.mislukt) == (3, 3)
    assert Uitgaand.objects.filter(status=IN_WACHTRIJ).count() == 1


# --- sending again, and the state per result -------------------------------------------------------


def test_resending_puts_only_failed_entries_back_due_at_once(klant: Klant, beheerder: User) -> None:
    r = _resultaten(klant, leerlingen=2)
    Uitgaand.objects.filter(resultaat__in=r[:2]).update(
        status=MISLUKT, pogingen=3, laatste_fout="x"
    )
    Uitgaand.objects.filter(resultaat=r[2]).update(status=VERZONDEN, verzonden_op=NOW)
    later = NOW + dt.timedelta(hours=1)
    ids = list(Uitgaand.objects.values_list("pk", flat=True))
    assert services.opnieuw_versturen(ids, beheerder, later, klant=klant) == 2
    terug = Uitgaand.objects.filter(resultaat__in=r[:2])
    assert {(u.status, u.pogingen, u.volgende_poging_op) for u in terug} == {
        (IN_WACHTRIJ, 0, later)
    }
    assert sorted(_status(r[2], r[3])) == sorted([VERZONDEN, IN_WACHTRIJ])  # untouched


def test_a_beheerder_resends_only_the_own_schools_results(
    klant: Klant, andere_klant: Klant, beheerder: User
) -> None:
    ander = _resultaten(andere_klant, leerlingen=1)
    Uitgaand.objects.update(status=MISLUKT)
    ids = [r.uitgaand.pk for r in ander]
    assert services.opnieuw_versturen(ids, beheerder, NOW, klant=klant) == 0
    assert services.opnieuw_versturen(ids, beheerder, NOW) == 2  # klantenservice: any school
    assert set(_status(*ander)) == {IN_WACHTRIJ}


def test_the_state_per_result_and_the_counts_per_state(klant: Klant) -> None:
    r = _resultaten(klant, leerlingen=2)
    Uitgaand.objects.filter(resultaat=r[0]).update(status=VERZONDEN)
    Uitgaand.objects.filter(resultaat=r[1]).update(status=MISLUKT)
    assert selectors.status_per_resultaat([x.pk for x in r] + [0]) == {
        r[0].pk: "Verzonden",
        r[1].pk: "Mislukt",
        r[2].pk: "In wachtrij",
        r[3].pk: "In wachtrij",
    }
    assert selectors.tellingen(klant) == [
        (IN_WACHTRIJ, "In wachtrij", 2),
        (VERZONDEN, "Verzonden", 1),
        (MISLUKT, "Mislukt", 1),
    ]


# --- the command ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("onbereikbaar")
def test_the_command_stops_at_a_las_that_fails_even_when_asked_to_empty_the_queue(
    klant: Klant,
) -> None:
    _resultaten(klant, leerlingen=6)  # 12 entries
    koppel(klant, "sleutel", schooljaar=SCHOOLJAAR)
    uitvoer = StringIO()
    call_command("lever", "--tot-leeg", "--batch", "5", stdout=uitvoer)
    assert uitvoer.getvalue() == (
        "Resultaten: 0 verzonden, 0 mislukt, 5 later opnieuw (1 bericht).\n"
    )


def test_the_command_refuses_a_batch_size_that_is_not_a_positive_number(db: None) -> None:
    with pytest.raises(CommandError, match="positief geheel getal"):
        call_command("lever", "--batch", "0")
