"""Partners, couplings and autorisatiesleutels: shown once, stored as a digest, replaceable."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from koppel.las.errors import AlreadyExists, InvalidState
from koppel.las.koppelingen import keys, services
from koppel.las.koppelingen.models import Koppeling, Koppelpartner
from koppel.las.school.models import School
from tests.las.helpers import Gekoppeld, Post, verzoek

pytestmark = pytest.mark.django_db


def test_activation_returns_a_url_safe_key_of_32_characters(gekoppeld: Gekoppeld) -> None:
    assert len(gekoppeld.sleutel) == 32
    assert gekoppeld.sleutel.replace("-", "").replace("_", "").isalnum()


def test_only_the_digest_of_the_key_is_stored(gekoppeld: Gekoppeld) -> None:
    koppeling = Koppeling.objects.get()
    assert koppeling.sleutel_digest == keys.digest(gekoppeld.sleutel, "test-pepper")
    stored = [str(v) for v in Koppeling.objects.values().get().values()]
    assert not any(gekoppeld.sleutel in v for v in stored)


def test_rekey_makes_the_old_key_stop_working_at_once(post: Post, gekoppeld: Gekoppeld) -> None:
    nieuw = services.rekey(gekoppeld.koppeling, door="test")
    assert nieuw != gekoppeld.sleutel
    assert post(verzoek(), gekoppeld.autorisatie()).faultcode == "Client.AutorisatieOngeldig"
    assert post(verzoek(), gekoppeld.autorisatie(autorisatiesleutel=nieuw)).status == 200


def test_an_active_coupling_cannot_be_activated_twice(gekoppeld: Gekoppeld) -> None:
    with pytest.raises(InvalidState):
        services.activate(gekoppeld.koppeling, door="test")


def test_a_deactivated_coupling_gets_a_new_key_when_activated_again(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    services.deactivate(gekoppeld.koppeling, door="test")
    assert Koppeling.objects.get().sleutel_digest is None
    services.activate(gekoppeld.koppeling, door="test")
    assert post(verzoek(), gekoppeld.autorisatie()).faultcode == "Client.AutorisatieOngeldig"
    nieuw = services.rekey(gekoppeld.koppeling, door="test")
    assert post(verzoek(), gekoppeld.autorisatie()).faultcode == "Client.AutorisatieOngeldig"
    assert post(verzoek(), gekoppeld.autorisatie(autorisatiesleutel=nieuw)).status == 200


def test_a_key_of_another_partner_is_refused(
    post: Post, gekoppeld: Gekoppeld, school: School
) -> None:
    ander = services.add_partner(naam="UitgeverX", klantcode="UX-01")
    antwoord = post(verzoek(), gekoppeld.autorisatie(klantnaam="UitgeverX", klantcode="UX-01"))
    assert antwoord.faultcode == "Client.AutorisatieOngeldig"
    assert ander.pk


def test_a_klantcode_can_be_registered_only_once(partner: Koppelpartner) -> None:
    with pytest.raises(AlreadyExists):
        services.add_partner(naam="Iemand anders", klantcode=partner.klantcode)


def test_suggest_records_the_suggestion_without_activating(
    school: School, partner: Koppelpartner
) -> None:
    koppeling = services.suggest(school=school, partner=partner)
    assert (koppeling.actief, koppeling.sleutel_digest, koppeling.profiel) == (
        False,
        None,
        "smalle-set",
    )
    assert koppeling.gesuggereerd_op is not None


def test_the_activeer_command_prints_the_key_as_its_last_line(
    post: Post, school: School, partner: Koppelpartner, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command(
        "koppeling",
        "activeer",
        "--brin",
        "99XX",
        "--klantcode",
        partner.klantcode,
        "--profiel",
        "lvs-set",
    )
    sleutel = capsys.readouterr().out.strip().splitlines()[-1]
    autorisatie = Gekoppeld(Koppeling.objects.get(), sleutel).autorisatie()
    assert post(verzoek(), autorisatie).status == 200
    assert Koppeling.objects.get().profiel == "lvs-set"


def test_the_partner_command_adds_a_partner(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("partner", "add", "--naam", "UitgeverX", "--klantcode", "UX-01")
    assert Koppelpartner.objects.filter(naam="UitgeverX", klantcode="UX-01").exists()
    assert "UX-01" in capsys.readouterr().out
