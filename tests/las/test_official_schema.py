"""Every message the LAS produces validates against the official UWLR 2.2 XSDs (a test-time copy with
only the school-year enumeration and the key length relaxed): each operation, profile and version,
the empty answers, the faults and the results acknowledgement."""

from __future__ import annotations

import datetime as dt

import pytest

from koppel.las.koppelingen.models import Koppelpartner
from koppel.las.school.models import Leerling, School
from koppel.uwlr import messages as m
from tests.las.helpers import SCHOOLJAAR, Post, couple, verzoek
from tests.support.official import validate_envelope_official

pytestmark = pytest.mark.django_db

ALLE_GROEPEN = (m.GroepSelectie(), m.SamengesteldeGroepSelectie())


def groepen_of(school: School) -> tuple[m.GroepSelectie | m.SamengesteldeGroepSelectie, ...]:
    keys = tuple(m.GroepSelectie(key=g.key) for g in school.groepen.all())
    return (*keys, *ALLE_GROEPEN)


@pytest.mark.parametrize("profiel", ["smalle-set", "lvs-set"])
@pytest.mark.parametrize("xsdversie", ["2.1", "2.2", "2.3"])
def test_every_pupil_data_answer_is_valid_against_the_official_xsd(
    post: Post, school: School, partner: Koppelpartner, profiel: str, xsdversie: str
) -> None:
    gekoppeld = couple(school, partner, profiel)
    autorisatie = gekoppeld.autorisatie()
    groepen = groepen_of(school)
    verzoeken = [
        verzoek(xsdversie=xsdversie),
        verzoek(m.StructuurVerzoek, xsdversie=xsdversie),
        verzoek(m.LeerlingenVerzoek, xsdversie=xsdversie, groepen=groepen),
        verzoek(m.LeerkrachtenVerzoek, xsdversie=xsdversie, groepen=groepen),
        verzoek(
            xsdversie=xsdversie,
            laatstontvangengegevens=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
        ),
    ]
    for request in verzoeken:
        antwoord = post(request, autorisatie)
        assert antwoord.status == 200, antwoord.content[:300]
        assert validate_envelope_official(antwoord.content) == [], type(request).__name__
    leerlingen = post(verzoeken[0], autorisatie).findall(".//lg:leerling")
    assert len(leerlingen) == school.leerlingen.count()


def test_faults_of_the_las_are_valid_against_the_official_envelope_xsd(
    post: Post, school: School, partner: Koppelpartner
) -> None:
    gekoppeld = couple(school, partner)
    antwoorden = [
        post(b"<dit is geen xml"),
        post(verzoek(), gekoppeld.autorisatie(autorisatiesleutel="fout")),
        post(verzoek(), gekoppeld.autorisatie(klantcode="ONBEKEND")),
        post(verzoek(xsdversie="9.9"), gekoppeld.autorisatie()),
    ]
    assert [a.faultcode for a in antwoorden] == [
        "Client.OngeldigBericht",
        "Client.AutorisatieOngeldig",
        "Client.OngeldigeKlantIdentificatie",
        "Client.XsdVersieOngeldig",
    ]
    for antwoord in antwoorden:
        assert antwoord.status == 500
        assert validate_envelope_official(antwoord.content) == []


def test_the_results_acknowledgement_is_valid_against_the_official_xsd(
    post: Post, school: School, partner: Koppelpartner
) -> None:
    gekoppeld = couple(school, partner)
    leerling = Leerling.objects.filter(school=school).first()
    assert leerling is not None
    request = m.LeerresultatenVerzoek(
        school=m.ResultaatSchool(
            schooljaar=SCHOOLJAAR, brincode="99XX", aanmaakdatum=dt.datetime.now(dt.UTC)
        ),
        toetsafnames=(
            m.Toetsafname(
                leerlingid=leerling.key,
                resultaten=(
                    m.Resultaat(
                        key="R-1",
                        afnamedatum=dt.date(2026, 11, 2),
                        toetscode="LEES-1",
                        uitslag=m.Score(waarde=12),
                    ),
                ),
            ),
        ),
        toetsen=(m.Toets(toetscode=m.VocabulaireWaarde(waarde="LEES-1"), toetsnaam="Lezen"),),
    )
    antwoord = post(request, gekoppeld.autorisatie(), path="/uwlr/leerresultaten")
    assert antwoord.status == 200, antwoord.content[:300]
    assert validate_envelope_official(antwoord.content) == []
