"""BrengLeerresultaten: stored against the pupil, idempotent per result key, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koppel.las.resultaten.models import Resultaat, Toets
from koppel.las.school.models import Leerling
from koppel.uwlr import messages as m
from tests.las.helpers import SCHOOLJAAR, Gekoppeld, Post

pytestmark = pytest.mark.django_db
PAD = "/uwlr/leerresultaten"
TOETS = m.Toets(
    toetscode=m.VocabulaireWaarde(waarde="REK-G4-B3"),
    toetsnaam="Rekenen groep 4 blok 3",
    toetsnormering=m.Normering(
        normen=(
            m.Norm(term="Onvoldoende", beginnormwaarde=0, eindnormwaarde=19),
            m.Norm(term="Voldoende", beginnormwaarde=20, eindnormwaarde=40),
        )
    ),
    toetsonderdelen=(
        m.Toetsonderdeel(
            toetsonderdeelvolgnummer=1,
            toetsonderdeelcode=m.VocabulaireWaarde(waarde="REK-G4-B3-BEW"),
            toetsonderdeelnormering=m.Normering(
                normen=(m.Norm(term="Goed", beginnormwaarde=0, eindnormwaarde=15),)
            ),
        ),
    ),
)


def afname(
    leerling: Leerling | str,
    key: str,
    score: int,
    *,
    eckid: str | None = None,
    onderdeel: str | None = None,
) -> m.Toetsafname:
    leerlingid = leerling if isinstance(leerling, str) else leerling.key
    resultaat = m.Resultaat(
        key=key,
        afnamedatum=dt.date(2026, 11, 2),
        toetscode="REK-G4-B3",
        toetsonderdeelcode=onderdeel,
        uitslag=m.Score(waarde=score),
    )
    return m.Toetsafname(leerlingid=leerlingid, eckid=eckid, resultaten=(resultaat,))


def bericht(*afnames: m.Toetsafname) -> m.LeerresultatenVerzoek:
    school = m.ResultaatSchool(
        schooljaar=SCHOOLJAAR, brincode="99XX", aanmaakdatum=timezone.now(), xsdversie="2.2"
    )
    return m.LeerresultatenVerzoek(school=school, toetsafnames=afnames, toetsen=(TOETS,))


def test_results_are_stored_against_the_pupil(post: Post, gekoppeld: Gekoppeld) -> None:
    leerling = Leerling.objects.first()
    antwoord = post(bericht(afname(leerling, "R-1", 34)), gekoppeld.autorisatie(), path=PAD)
    assert antwoord.status == 200
    assert antwoord.root.find(".//{*}leerresultaten_bevestiging") is not None
    resultaat = Resultaat.objects.get()
    assert (resultaat.leerling, resultaat.score, resultaat.toets.toetsnaam) == (
        leerling,
        34,
        "Rekenen groep 4 blok 3",
    )


def test_a_resend_of_the_same_key_updates_and_never_duplicates(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    leerling = Leerling.objects.first()
    post(bericht(afname(leerling, "R-1", 34)), gekoppeld.autorisatie(), path=PAD)
    post(bericht(afname(leerling, "R-1", 36)), gekoppeld.autorisatie(), path=PAD)
    assert list(Resultaat.objects.values_list("key", "score")) == [("R-1", 36)]
    assert Toets.objects.count() == 1


def test_an_unknown_pupil_refuses_the_whole_message(post: Post, gekoppeld: Gekoppeld) -> None:
    leerling = Leerling.objects.first()
    antwoord = post(
        bericht(afname(leerling, "R-1", 34), afname("LL-ONBEKEND", "R-2", 20)),
        gekoppeld.autorisatie(),
        path=PAD,
    )
    assert antwoord.faultcode == "Client.LeerlingOngeldig"
    assert not Resultaat.objects.exists()
    assert not Toets.objects.exists()


def test_a_pupil_is_matched_on_eckid_before_the_las_key(post: Post, gekoppeld: Gekoppeld) -> None:
    leerling = Leerling.objects.exclude(eckid=None).first()
    antwoord = post(
        bericht(afname("sleutel-van-de-ea", "R-1", 10, eckid=leerling.eckid)),
        gekoppeld.autorisatie(),
        path=PAD,
    )
    assert antwoord.status == 200
    assert Resultaat.objects.get().leerling == leerling


def test_a_las_key_with_a_conflicting_eckid_is_leerling_ongeldig(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    leerling = Leerling.objects.exclude(eckid=None).first()
    vreemd = "https://ketenid.nl/201703/" + "0" * 128
    antwoord = post(
        bericht(afname(leerling, "R-1", 10, eckid=vreemd)), gekoppeld.autorisatie(), path=PAD
    )
    assert antwoord.faultcode == "Client.LeerlingOngeldig"


def test_a_pupil_of_another_school_is_unknown(
    post: Post, gekoppeld: Gekoppeld, school: object
) -> None:
    from koppel.las.school.models import School

    andere = School.objects.create(naam="Andere", brincode="98YY", schooljaar=SCHOOLJAAR)
    vreemde = Leerling.objects.create(
        school=andere,
        key="LL-ANDERS",
        achternaam="X",
        roepnaam="Y",
        geboortedatum=dt.date(2018, 1, 1),
        jaargroep="4",
        inschrijvingsdatum=dt.date(2022, 1, 1),
    )
    antwoord = post(bericht(afname(vreemde, "R-1", 10)), gekoppeld.autorisatie(), path=PAD)
    assert antwoord.faultcode == "Client.LeerlingOngeldig"


@pytest.mark.parametrize(("score", "onderdeel"), [(41, None), (16, "REK-G4-B3-BEW")])
def test_a_score_above_the_normering_is_score_ongeldig(
    post: Post, gekoppeld: Gekoppeld, score: int, onderdeel: str | None
) -> None:
    leerling = Leerling.objects.first()
    antwoord = post(
        bericht(afname(leerling, "R-1", score, onderdeel=onderdeel)),
        gekoppeld.autorisatie(),
        path=PAD,
    )
    assert antwoord.faultcode == "Client.ScoreOngeldig"
    assert not Resultaat.objects.exists()


def test_an_undefined_toetsonderdeel_is_ongeldig_bericht(post: Post, gekoppeld: Gekoppeld) -> None:
    leerling = Leerling.objects.first()
    antwoord = post(
        bericht(afname(leerling, "R-1", 3, onderdeel="BESTAAT-NIET")),
        gekoppeld.autorisatie(),
        path=PAD,
    )
    assert antwoord.faultcode == "Client.OngeldigBericht"


def test_the_maximum_score_on_the_boundary_is_accepted(post: Post, gekoppeld: Gekoppeld) -> None:
    leerling = Leerling.objects.first()
    assert (
        post(bericht(afname(leerling, "R-1", 40)), gekoppeld.autorisatie(), path=PAD).status == 200
    )
