"""Fetching a school for an import: the UWLR messages as planning types, and both ways of fetching
(alles-in-één and getrapt) against a real LAS process over HTTP on loopback."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from typing import Any, TypeVar

import pytest

from koppel.ea.errors import InvalidState
from koppel.ea.importeren import fetch as f
from koppel.ea.importeren import planning as p
from koppel.uwlr import UwlrClient, faults
from koppel.uwlr import messages as m
from koppel.uwlr.client import Antwoord
from tests.support.las_process import LasProcess

T = TypeVar("T")
KLANTCODE = "BOOM-UWLR"
KLANTNAAM = "Boom testcentrum UWLR"


# --- conversion ---------------------------------------------------------------------------------


def test_uwlr_messages_become_planning_types() -> None:
    school = m.School(schooljaar="2026-2027", brincode="99XX", dependancecode="01")
    groepen = (
        m.Groep(key="G-1", naam="Groep 5a", jaargroep="5"),
        m.SamengesteldeGroep(key="SG-1", naam="Rekengroep"),
    )
    leerkracht = m.Leerkracht(
        key="LK-1",
        achternaam="Vries",
        voorvoegsel="de",
        voorletters_1="J.",
        emailadres="j@school.nl",
        groepen=(m.GroepReferentie(key="G-1"), m.SamengesteldeGroepReferentie(key="SG-1")),
    )
    leerling = m.Leerling(
        key="LL-1",
        achternaam="Jansen",
        roepnaam="Sanne",
        geboortedatum=dt.date(2017, 3, 14),
        geslacht="2",
        jaargroep="5",
        groep="G-1",
        samengestelde_groepen=("SG-1",),
        eckid="E-1",
    )
    gegevens = f.gegevens(school, groepen, [leerkracht], [leerling])
    assert gegevens == p.LasGegevens(
        kop=p.Kop(schooljaar="2026-2027", brincode="99XX", dependancecode="01"),
        groepen=(
            p.LasGroep(key="G-1", naam="Groep 5a", jaargroep="5"),
            p.LasGroep(key="SG-1", naam="Rekengroep", samengesteld=True),
        ),
        leerkrachten=(
            p.LasLeerkracht(
                key="LK-1",
                achternaam="Vries",
                voorvoegsel="de",
                voorletters="J.",
                emailadres="j@school.nl",
                groep_keys=("G-1", "SG-1"),
            ),
        ),
        leerlingen=(
            p.LasLeerling(
                key="LL-1",
                achternaam="Jansen",
                roepnaam="Sanne",
                geboortedatum=dt.date(2017, 3, 14),
                geslacht="2",
                jaargroep="5",
                eckid="E-1",
                groep_key="G-1",
                samengestelde_groep_keys=("SG-1",),
            ),
        ),
    )


def test_a_pupil_without_a_las_key_uwlr_2_3_is_known_by_its_eckid() -> None:
    leerling = f.leerling(m.Leerling(key=None, eckid="https://ketenid.nl/x", roepnaam="Sem"))
    assert (leerling.key, leerling.achternaam, leerling.geslacht) == (
        "https://ketenid.nl/x",
        "",
        "0",
    )


def test_pupils_and_teachers_are_ordered_by_key_and_counted_once() -> None:
    school = m.School(schooljaar="2026-2027", brincode="99XX")
    lln = [m.Leerling(key=k, roepnaam="X") for k in ("B", "A", "B")]
    gegevens = f.gegevens(school, (), [m.Leerkracht(key="K2"), m.Leerkracht(key="K1")], lln)
    assert [ll.key for ll in gegevens.leerlingen] == ["A", "B"]
    assert [k.key for k in gegevens.leerkrachten] == ["K1", "K2"]


@pytest.mark.parametrize(
    ("getrapt", "vorig_aantal", "verwacht"),
    [(False, 0, False), (True, 0, True), (False, 1000, False), (False, 1001, True)],
)
def test_getrapt_is_chosen_when_asked_or_when_the_school_was_large(
    getrapt: bool, vorig_aantal: int, verwacht: bool
) -> None:
    nodig = f.getrapt_nodig(getrapt=getrapt, vorig_aantal=vorig_aantal, getrapt_vanaf=1000)
    assert nodig is verwacht


# --- against a real LAS -------------------------------------------------------------------------


class RecordingClient(UwlrClient):
    """A real client that also remembers which operations it called."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls: list[str] = []

    def send(self, verzoek: m.Verzoek, expected: type[T]) -> Antwoord[T]:
        self.calls.append(type(verzoek).__name__)
        return super().send(verzoek, expected)


class Las:
    def __init__(self, process: LasProcess, sleutel: str, schooljaar: str) -> None:
        self.process, self.sleutel, self.schooljaar = process, sleutel, schooljaar

    def client(self, sleutel: str | None = None) -> RecordingClient:
        return RecordingClient(
            f"{self.process.base_url}/uwlr/leerlinggegevens",
            klantcode=KLANTCODE,
            klantnaam=KLANTNAAM,
            autorisatiesleutel=sleutel or self.sleutel,
        )

    def fetch(self, client: UwlrClient, **kwargs: Any) -> p.LasGegevens:
        school = {"brincode": "99XX", "dependancecode": "", "xsdversie": "2.2"}
        return f.fetch(client, **{**school, "schooljaar": self.schooljaar, **kwargs})


@pytest.fixture(scope="module")
def las() -> Iterator[Las]:
    with LasProcess(workers=1) as process:
        output = process.run_many(
            ("seed", "--brin", "99XX", "--leerlingen", "60", "--seed", "1"),
            ("partner", "add", "--naam", KLANTNAAM, "--klantcode", KLANTCODE),
            ("koppeling", "activeer", "--brin", "99XX", "--klantcode", KLANTCODE),
        )
        schooljaar = re.search(r"\((\d{4}-\d{4})\)", output)
        assert schooljaar is not None, output
        yield Las(process, output.strip().splitlines()[-1], schooljaar.group(1))


@pytest.mark.interop
def test_both_ways_of_fetching_give_the_same_school(las: Las) -> None:
    with las.client() as alles, las.client() as getrapt:
        in_een = las.fetch(alles)
        # 60 // 30 = two stamgroepen per batch, so several batches
        in_stappen = las.fetch(getrapt, getrapt=True, getrapt_vanaf=60)
    assert alles.calls == ["LeerlinggegevensVerzoek"]
    stamgroepen = sum(not g.samengesteld for g in in_een.groepen)
    batches = math.ceil(stamgroepen / 2)
    assert (
        getrapt.calls
        == ["StructuurVerzoek"] + ["LeerlingenVerzoek", "LeerkrachtenVerzoek"] * batches
    )
    assert in_stappen == in_een
    assert len(in_een.leerlingen) == 60
    assert in_een.leerkrachten
    assert in_een.kop.brincode == "99XX"
    assert {ll.groep_key for ll in in_een.leerlingen} <= {g.key for g in in_een.groepen} | {""}


@pytest.mark.interop
def test_a_school_year_without_data_is_an_invalid_state(las: Las) -> None:
    with las.client() as client, pytest.raises(InvalidState, match="geen gegevens"):
        las.fetch(client, schooljaar="2001-2002")


@pytest.mark.interop
def test_faults_of_the_las_propagate(las: Las) -> None:
    with las.client("niet-de-goede-sleutel") as client, pytest.raises(faults.AutorisatieOngeldig):
        las.fetch(client, getrapt=True)
