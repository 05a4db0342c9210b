"""Rights on every GKV call: outside the right's dates, during office hours when the right says
Nee, with a deactivated coupling, another supplier's name or another school's key the call is
refused with a clear fault, and each refusal is recorded under Gegevenstoegang."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import GKV_BASIS, Gegevenstoegang, Koppelpartner, Recht
from koppel.las.school import services as school_services
from koppel.las.school.models import School
from koppel.las.school.seeding import plan_school
from tests.las.gkv.conftest import Gkv, GkvKoppeling, koppel_gkv
from tests.las.helpers import SCHOOLJAAR

pytestmark = pytest.mark.django_db

DAG = dt.timedelta(days=1)
ALTIJD_KANTOOR = "ma-zo 00:00-24:00"


def _recht(gekoppeld: GkvKoppeling, **waarden: object) -> None:
    Recht.objects.filter(partner_id=gekoppeld.koppeling.partner_id).update(**waarden)


def _verlopen(g: GkvKoppeling, s: Any) -> dict[str, str]:
    _recht(g, begindatum=timezone.localdate() - 30 * DAG, einddatum=timezone.localdate() - DAG)
    return {}


def _nog_niet(g: GkvKoppeling, s: Any) -> dict[str, str]:
    _recht(g, begindatum=timezone.localdate() + DAG)
    return {}


def _kantooruren_nee(g: GkvKoppeling, s: Any) -> dict[str, str]:
    s.KANTOORUREN = ALTIJD_KANTOOR
    return {}


def _gedeactiveerd(g: GkvKoppeling, s: Any) -> dict[str, str]:
    koppelingen.deactivate(g.koppeling, door="test")
    return {}


def _andere_school(g: GkvKoppeling, s: Any) -> dict[str, str]:
    plan = plan_school(brincode="88YY", leerlingen=5, seed=3, schooljaar=SCHOOLJAAR)
    andere = school_services.seed_school(plan)
    return {"sleutel": koppel_gkv(andere, g.koppeling.partner).sleutel}


def _andere_leverancier(g: GkvKoppeling, s: Any) -> dict[str, str]:
    koppelingen.add_partner(naam="Ander bedrijf", klantcode="ANDER", rechten=(GKV_BASIS,))
    return {"naam": "Ander bedrijf"}


def _geen_gkv_recht(g: GkvKoppeling, s: Any) -> dict[str, str]:
    Recht.objects.filter(partner_id=g.koppeling.partner_id).delete()
    return {}


Opzet = Callable[[GkvKoppeling, Any], dict[str, str]]
WEIGERINGEN: list[tuple[Opzet, str, str]] = [
    (_verlopen, "Client.RechtNietGeldig", "gold tot en met"),
    (_nog_niet, "Client.RechtNietGeldig", "geldt pas vanaf"),
    (_kantooruren_nee, "Client.BuitenKantoortijden", "niet tijdens kantooruren"),
    (_gedeactiveerd, "Client.LeveranciersleutelOngeldig", "niet bij een actieve koppeling"),
    (_andere_school, "Client.LeveranciersleutelOngeldig", "geen toegang tot 99XX00"),
    (_andere_leverancier, "Client.LeveranciersleutelOngeldig", "niet bij een actieve koppeling"),
    (_geen_gkv_recht, "Client.GeenRecht", "geen recht op het GKV"),
]


@pytest.mark.parametrize(
    ("opzet", "code", "melding"), WEIGERINGEN, ids=[w[0].__name__.strip("_") for w in WEIGERINGEN]
)
def test_a_call_without_a_valid_right_is_refused_and_recorded(
    gkv: Gkv, gekoppeld: GkvKoppeling, settings: Any, opzet: Opzet, code: str, melding: str
) -> None:
    changes = opzet(gekoppeld, settings)
    antwoord = gkv("getLeerlingen", **changes)
    assert antwoord.status == 500 and antwoord.faultcode == code
    assert melding in antwoord.content.decode()
    assert b"<leerling>" not in antwoord.content
    rij = Gegevenstoegang.objects.filter(operatie="getLeerlingen").get()
    assert rij.uitkomst == code and melding in rij.melding
    assert rij.partner.naam == changes.get("naam", gekoppeld.koppeling.partner.naam)


def test_a_key_of_another_school_is_recorded_at_the_coupling_it_belongs_to(
    gkv: Gkv, gekoppeld: GkvKoppeling, settings: Any
) -> None:
    changes = _andere_school(gekoppeld, settings)
    gkv("getLeerlingen", **changes)
    rij = Gegevenstoegang.objects.get(operatie="getLeerlingen")
    assert rij.school is not None and rij.school.brincode == "88YY" and rij.koppeling_id


def test_a_refusal_of_a_deactivated_coupling_is_recorded_at_the_school_asked_for(
    gkv: Gkv, gekoppeld: GkvKoppeling, school: School, settings: Any
) -> None:
    _gedeactiveerd(gekoppeld, settings)
    gkv("getGroepen")
    assert Gegevenstoegang.objects.get(operatie="getGroepen").school_id == school.pk


def test_an_unknown_supplier_is_refused_without_an_audit_row(gkv: Gkv) -> None:
    assert gkv(naam="Onbekend", sleutel="x" * 32).faultcode == "Client.LeveranciersleutelOngeldig"
    assert not Gegevenstoegang.objects.filter(operatie="getLeerlingen").exists()


def test_a_right_with_gkv_during_office_hours_may_call_during_them(
    gkv: Gkv, gekoppeld: GkvKoppeling, settings: Any
) -> None:
    settings.KANTOORUREN = ALTIJD_KANTOOR
    _recht(gekoppeld, gkv_tijdens_kantooruren=True)
    assert gkv().status == 200


def test_basis_is_used_when_uitgebreid_may_not_be_used_now(
    gkv: Gkv, gekoppeld: GkvKoppeling, gkv_partner: Koppelpartner, settings: Any
) -> None:
    settings.KANTOORUREN = ALTIJD_KANTOOR
    _recht(gekoppeld, gkv_tijdens_kantooruren=True)
    Recht.objects.create(
        partner=gkv_partner, soort="gkv-uitgebreid", begindatum=timezone.localdate()
    )
    assert gkv().status == 200
    assert Gegevenstoegang.objects.get(operatie="getLeerlingen").profiel == GKV_BASIS


def test_a_rekeyed_coupling_refuses_the_old_key(gkv: Gkv, gekoppeld: GkvKoppeling) -> None:
    nieuw = koppelingen.rekey_leverancier(gekoppeld.koppeling, door="test")
    assert gkv(sleutel=gekoppeld.sleutel).faultcode == "Client.LeveranciersleutelOngeldig"
    assert gkv(sleutel=nieuw).status == 200


def test_the_uwlr_autorisatiesleutel_is_no_leveranciersleutel(
    gkv: Gkv, gekoppeld: GkvKoppeling
) -> None:
    autorisatiesleutel = koppelingen.rekey(gekoppeld.koppeling, door="test")
    assert gkv(sleutel=autorisatiesleutel).faultcode == "Client.LeveranciersleutelOngeldig"
