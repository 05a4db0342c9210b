"""``koppel las koppeling suggereer``: the command the end-to-end tests and the demo seed with.

It offers a coupling without activating it, so the school's beheerder can still "Afnemen".
"""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from koppel.las.koppelingen.models import Koppeling, Koppelpartner
from koppel.las.school.models import School

pytestmark = pytest.mark.django_db


def suggereer(*extra: str) -> None:
    call_command("koppeling", "suggereer", "--brin", "99XX", "--klantcode", "BOOM-01", *extra)


def test_suggereer_offers_an_inactive_coupling_without_a_key(
    school: School, partner: Koppelpartner, capsys: pytest.CaptureFixture[str]
) -> None:
    suggereer("--profiel", "lvs-set")
    koppeling = Koppeling.objects.get(school=school, partner=partner)
    assert (koppeling.actief, koppeling.sleutel_digest, koppeling.profiel) == (
        False,
        None,
        "lvs-set",
    )
    assert "voorgesteld" in capsys.readouterr().out


def test_suggereer_leaves_an_active_coupling_active(
    school: School, partner: Koppelpartner, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("koppeling", "activeer", "--brin", "99XX", "--klantcode", "BOOM-01")
    suggereer()
    koppeling = Koppeling.objects.get(school=school, partner=partner)
    assert koppeling.actief and koppeling.sleutel_digest
    assert "al voorgesteld" in capsys.readouterr().out


def test_suggereer_refuses_an_unknown_school(partner: Koppelpartner) -> None:
    with pytest.raises(CommandError, match="Onbekende school"):
        suggereer()
