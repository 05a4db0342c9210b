"""Teachers no longer in the LAS: the rule (pure), the import that deactivates them (and their
log-in) and reactivates them when they come back, the review that shows them, the guard against
an answer without teachers, and the nightly sync that leaves them to the beheerder."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koppel.ea.accounts import services as accounts
from koppel.ea.accounts.models import BEHEERDER
from koppel.ea.importeren import planning as p
from koppel.ea.importeren import selectors, sync, syncfetch, vertrokken
from koppel.ea.importeren.melding import importmelding
from koppel.ea.importeren.models import AUTOMATISCH_VERWERKT, WACHT_OP_BEHEERDER
from koppel.ea.klanten.models import Klant, Leerkracht
from koppel.ea.koppeling import crypto
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from tests.ea.test_import_services import ANNA, MITCHEL, NOW, concept, gegevens, uitvoeren

WACHTWOORD = "paarden-eten-graag-hooi"


def _bestaande(*leerkrachten: tuple[int, str, bool]) -> list[p.BestaandeLeerkracht]:
    return [
        p.BestaandeLeerkracht(id=i, achternaam=f"L{i}", las_key=key, actief=actief)
        for i, key, actief in leerkrachten
    ]


def _plan(*las: p.LasLeerkracht, bestaande: list[p.BestaandeLeerkracht]) -> p.Plan:
    return p.plan_import(gegevens(leerkrachten=las), p.Bestaand(leerkrachten=tuple(bestaande)))


# --- the rule -----------------------------------------------------------------------------------


def test_an_active_linked_teacher_the_las_no_longer_sends_is_to_be_deactivated() -> None:
    bestaande = _bestaande((1, "K1", True), (2, "K-WEG", True), (3, "", True), (4, "K-OUD", False))
    plan = _plan(MITCHEL, bestaande=bestaande)
    assert vertrokken.verdwenen_leerkrachten(plan, bestaande) == [2]


def test_a_teacher_linked_by_a_row_under_a_new_key_stays() -> None:
    bestaande = [p.BestaandeLeerkracht(id=7, achternaam="Oud", las_key="K-OUD", eckid="E-7")]
    nieuw = p.LasLeerkracht(key="K-NIEUW", achternaam="Oud", eckid="E-7")
    assert vertrokken.verdwenen_leerkrachten(_plan(nieuw, bestaande=bestaande), bestaande) == []


def test_an_answer_without_any_teacher_deactivates_no_teacher() -> None:
    bestaande = _bestaande((1, "K1", True), (2, "K2", True))
    assert vertrokken.verdwenen_leerkrachten(_plan(bestaande=bestaande), bestaande) == []


# --- the import ---------------------------------------------------------------------------------


@pytest.fixture
def geimporteerd(klant: Klant, django_capture_on_commit_callbacks: Any) -> dict[str, Leerkracht]:
    """Mitchel and Anna imported, invited, and with a password set."""
    concept(klant)
    uitvoeren(klant, django_capture_on_commit_callbacks)
    leerkrachten = {lk.las_key: lk for lk in Leerkracht.objects.filter(klant=klant)}
    for leerkracht in leerkrachten.values():
        assert leerkracht.user is not None
        leerkracht.user.set_password(WACHTWOORD)
        leerkracht.user.save()
    return leerkrachten


def _kan_inloggen(leerkracht: Leerkracht) -> bool:
    assert leerkracht.user is not None
    formulier = {"username": leerkracht.user.username, "password": WACHTWOORD}
    return Client().post(reverse("accounts:inloggen"), formulier).status_code == 302


def test_a_teacher_gone_from_the_las_is_deactivated_and_can_no_longer_log_in(
    klant: Klant, geimporteerd: dict[str, Leerkracht], django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant, gegevens(leerkrachten=(ANNA,)))
    samenvatting = uitvoeren(klant, django_capture_on_commit_callbacks)

    mitchel = Leerkracht.objects.get(pk=geimporteerd["K1"].pk)
    assert not mitchel.actief and mitchel.user is not None and not mitchel.user.is_active
    assert not _kan_inloggen(mitchel)
    assert _kan_inloggen(geimporteerd["K2"])
    assert samenvatting[p.LEERKRACHTEN]["deactiveren"] == 1
    assert Leerkracht.objects.filter(klant=klant).count() == 2  # nothing deleted


def test_the_review_and_the_teachers_page_show_the_teacher_no_longer_in_the_las(
    klant: Klant,
    geimporteerd: dict[str, Leerkracht],
    beheerder_client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    concept(klant, gegevens(leerkrachten=(ANNA,)))
    controle = beheerder_client.get(reverse("importeren:start")).text
    assert "Leerkrachten niet meer in het LAS" in controle
    assert "<strong>Leerkracht, Mitchel</strong> (mitchel@school.nl)" in controle
    assert "Leerkrachten die niet meer in het LAS staan en worden gedeactiveerd: 1." in (
        beheerder_client.get(reverse("importeren:samenvatting")).text
    )

    uitvoeren(klant, django_capture_on_commit_callbacks)
    lijst = beheerder_client.get(reverse("klanten:leerkrachten"), {"zoek": "mitchel"}).text
    assert "<td>Niet meer in het LAS</td>" in lijst


def test_a_teacher_back_in_the_las_is_reactivated_with_the_log_in(
    klant: Klant, geimporteerd: dict[str, Leerkracht], django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant, gegevens(leerkrachten=(ANNA,)))
    uitvoeren(klant, django_capture_on_commit_callbacks)

    plan = selectors.plan_van(concept(klant))
    [terug] = [r for r in plan.rijen[p.LEERKRACHTEN] if r.las_key == "K1"]
    assert "was niet meer actief, wordt weer actief" in terug.wijzigingen
    uitvoeren(klant, django_capture_on_commit_callbacks)

    mitchel = Leerkracht.objects.get(pk=geimporteerd["K1"].pk)
    assert mitchel.actief and _kan_inloggen(mitchel)


def test_an_answer_without_teachers_deactivates_no_teacher(
    klant: Klant, geimporteerd: dict[str, Leerkracht], django_capture_on_commit_callbacks: Any
) -> None:
    concept(klant, gegevens(leerkrachten=()))
    samenvatting = uitvoeren(klant, django_capture_on_commit_callbacks)

    assert Leerkracht.objects.filter(klant=klant, actief=True).count() == 2
    assert samenvatting[p.LEERKRACHTEN]["deactiveren"] == 0
    assert _kan_inloggen(geimporteerd["K1"])


def test_a_beheerder_who_left_as_teacher_keeps_the_log_in(
    klant: Klant, geimporteerd: dict[str, Leerkracht], django_capture_on_commit_callbacks: Any
) -> None:
    user = geimporteerd["K1"].user
    assert user is not None
    accounts.grant(user, klant, rol=BEHEERDER)
    concept(klant, gegevens(leerkrachten=(ANNA,)))
    uitvoeren(klant, django_capture_on_commit_callbacks)

    assert not Leerkracht.objects.get(pk=geimporteerd["K1"].pk).actief
    assert User.objects.get(pk=user.pk).is_active


# --- the nightly sync ---------------------------------------------------------------------------


def _sync(klant: Klant, las: p.LasGegevens, monkeypatch: pytest.MonkeyPatch) -> Any:
    """One sync of the school, with ``las`` as the LAS's answer (the fetch is tested elsewhere)."""
    koppeling, _ = LasKoppeling.objects.get_or_create(
        klant=klant,
        defaults={
            "lastype": "koppel", "brincode": klant.brincode, "schooljaar": "2026-2027",
            "sleutel_versleuteld": crypto.encrypt("s"), "sleutel_eind": crypto.eind("s"),
            "status": GOEDGEKEURD, "aangevraagd_op": timezone.now(),
        },
    )  # fmt: skip
    monkeypatch.setattr(syncfetch, "haal_op", lambda *args, **kwargs: las)
    return sync.synchroniseer(koppeling, now=NOW + dt.timedelta(days=1))


def test_the_sync_leaves_a_teacher_gone_from_the_las_to_the_beheerder(
    klant: Klant, geimporteerd: dict[str, Leerkracht], monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _sync(klant, gegevens(leerkrachten=(ANNA,)), monkeypatch)

    assert run.uitkomst == WACHT_OP_BEHEERDER
    assert "1 leerkracht niet meer in het LAS (wordt gedeactiveerd)" in run.melding
    assert Leerkracht.objects.get(pk=geimporteerd["K1"].pk).actief


def test_the_sync_applies_an_unchanged_school_by_itself(
    klant: Klant, geimporteerd: dict[str, Leerkracht], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _sync(klant, gegevens(), monkeypatch).uitkomst == AUTOMATISCH_VERWERKT


def test_the_import_message_names_the_deactivated_teachers_next_to_the_pupils() -> None:
    leeg = {"toevoegen": 0, "koppelen": 0}
    samenvatting: dict[str, Any] = {
        p.GROEPEN: dict(leeg),
        p.LEERLINGEN: {**leeg, "deactiveren": 2},
        p.LEERKRACHTEN: {**leeg, "deactiveren": 1},
    }
    assert importmelding(samenvatting) == (
        "De gegevens zijn geïmporteerd: 2 leerlingen gedeactiveerd; 1 leerkracht gedeactiveerd."
    )
