"""Sample UWLR messages shared by the codec tests, and the check that they are valid UWLR 2.2.

Other test modules import the builders from here. The samples use school year 2024-2025, the last
one the official 2.2 schema's enumeration knows, so that they validate against the official files.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from koppel.uwlr import messages as m
from koppel.uwlr.codec import encode
from koppel.uwlr.envelope import LR_NS

EXAMPLES = Path("/work/shared/docs/uwlr-examples")
OFFICIAL = Path("/work/shared/uwlr-xsd/v2p2/Schemas")
AUTORISATIE = m.Autorisatie(
    autorisatiesleutel="SLEUTEL-0001", klantcode="UITGEVERX-01", klantnaam="UitgeverX"
)
AMSTERDAM = dt.timezone(dt.timedelta(hours=2))
ECKID = "https://ketenid.nl/201703/" + "ab" * 64


def eckid(n: int) -> str:
    return f"https://ketenid.nl/201703/{n:0128x}"


def school(xsdversie: str = "2.2") -> m.School:
    return m.School(
        schooljaar="2024-2025",
        peildatum=dt.date(2024, 10, 1),
        brincode="99XX",
        dependancecode="00",
        aanmaakdatum=dt.datetime(2024, 10, 1, 6, 0, tzinfo=AMSTERDAM),
        auteur="Koppel-test",
        xsdversie=xsdversie,
    )


def leerlinggegevens(pupils: int = 3, *, xsdversie: str = "2.2") -> m.Leerlinggegevens:
    groepen: list[m.Groep | m.SamengesteldeGroep] = [
        m.Groep(key=f"G-{n}", naam=f"Groep {n}", jaargroep=str(n)) for n in range(1, 9)
    ]
    groepen.append(m.SamengesteldeGroep(key="SG-REK", naam="Rekengroep plus", omschrijving="Plus"))
    leerlingen = tuple(
        m.Leerling(
            key=f"LL-{n}",
            eckid=eckid(n),
            achternaam=f"Jansen{n}",
            voorvoegsel="van" if n % 3 else None,
            roepnaam="Sanne",
            voorletters_1="S.",
            geboortedatum=dt.date(2016, 3, 1 + n % 28),
            geslacht="2",
            jaargroep=str(1 + n % 8),
            groep=f"G-{1 + n % 8}",
            samengestelde_groepen=("SG-REK",) if n % 5 == 0 else (),
            vestiging="V-1",
            bsn_ondwnr_4=f"{n % 10000:04d}",
        )
        for n in range(1, pupils + 1)
    )
    leerkrachten = (
        m.Leerkracht(
            key="LK-77",
            eckid=ECKID,
            achternaam="Vries",
            voorvoegsel="de",
            roepnaam="Petra",
            emailadres="p.devries@school.example",
            rollen=(m.Rol(code="LRK"),),
            groepen=(
                m.GroepReferentie(key="G-4", rollen=(m.Rolomschrijving(omschrijving="Mentor"),)),
                m.SamengesteldeGroepReferentie(key="SG-REK"),
            ),
        ),
    )
    return m.Leerlinggegevens(
        school=school(xsdversie),
        vestigingen=(m.Vestiging(key="V-1", naam="Hoofdgebouw"),),
        groepen=tuple(groepen),
        leerlingen=leerlingen,
        leerkrachten=leerkrachten,
    )


def leerresultaten() -> m.LeerresultatenVerzoek:
    norm = m.Norm(
        term="Voldoende",
        beginnormwaarde=0,
        eindnormwaarde=40,
        normkleur=m.Normkleur(
            rood_code=0, groen_code=255, blauw_code=0, transparantie=Decimal("1.00")
        ),
        schoolcijfer_vanaf=Decimal("5.5"),
        schoolcijfer_totenmet=Decimal("10.0"),
    )
    toets = m.Toets(
        toetscode=m.VocabulaireWaarde(waarde="REK-G4-B3"),
        toetsnaam="Rekenen blok 3",
        vakgebied=m.VocabulaireWaarde(
            waarde="Rekenen en wiskunde", vocabulaire="http://purl.edustandaard.nl/x"
        ),
        toetsnormering=m.Normering(normen=(norm,), wegingsfactor=Decimal("2")),
        toetshierarchie=(m.ToetshierarchieIngang(waarde="Rekenen", niveau=1),),
        toetsonderdelen=(
            m.Toetsonderdeel(
                toetsonderdeelvolgnummer=1, toetsonderdeelcode=m.VocabulaireWaarde(waarde="BEW")
            ),
            m.Toetsonderdeel(
                toetsonderdeelvolgnummer=2, toetsonderdeelcode=m.VocabulaireWaarde(waarde="MET")
            ),
        ),
    )
    oso = m.OsoResultaat(
        toetsscore=m.OsoToetsscore(
            aantalopgaven=20,
            aantalgoed=17,
            vaardigheidsscore=Decimal("154.0"),
            betrouwbaarheidsinterval=m.Betrouwbaarheidsinterval(
                bivlaag=Decimal("150"), bivhoog=Decimal("158.5")
            ),
        ),
        referentiescores=(
            m.OsoReferentiescore(codereferentiescore="A", codevergelijkingsgroep="B", waarde="C"),
        ),
    )
    resultaten = (
        m.Resultaat(
            key="R-1",
            afnamedatum=dt.date(2025, 1, 20),
            toetscode="REK-G4-B3",
            uitslag=m.Score(waarde=0),
        ),
        m.Resultaat(
            key="R-2",
            afnamedatum=dt.date(2025, 1, 20),
            toetscode="REK-G4-B3",
            toetsonderdeelcode="BEW",
            uitslag=m.Score(waarde=12),
            infourl="https://ea.example/r/2",
        ),
        m.Resultaat(
            key="R-3",
            afnamedatum=dt.date(2025, 1, 20),
            toetscode="REK-G4-B3",
            toetsonderdeelcode="MET",
            uitslag=oso,
        ),
    )
    return m.LeerresultatenVerzoek(
        school=m.ResultaatSchool(
            schooljaar="2024-2025",
            brincode="99XX",
            aanmaakdatum=dt.datetime(2025, 1, 20, 13, 30, tzinfo=dt.UTC),
            xsdversie="2.2",
        ),
        toetsafnames=(m.Toetsafname(leerlingid="LL-1", eckid=eckid(1), resultaten=resultaten),),
        toetsen=(toets,),
    )


def verzoek_basis() -> dict[str, object]:
    return {
        "schooljaar": "2024-2025",
        "brincode": "99XX",
        "dependancecode": "01",
        "xsdversie": "2.2",
    }


def every_message() -> list[tuple[str, m.Body]]:
    """One instance of every body the codec encodes, with a readable id."""
    data = leerlinggegevens()
    selectie = (
        m.GroepSelectie(key="G-4"),
        m.GroepSelectie(),
        m.SamengesteldeGroepSelectie(key="SG-REK"),
    )
    return [
        (
            "leerlinggegevens_verzoek",
            m.LeerlinggegevensVerzoek(
                **verzoek_basis(),
                gegevenssetid="Smalle-set",  # type: ignore[arg-type]
                laatstontvangengegevens=dt.datetime(2024, 9, 1, 6, tzinfo=AMSTERDAM),
            ),
        ),
        ("structuur_verzoek", m.StructuurVerzoek(schooljaar="2024-2025", schoolkey="SCHOOL-1")),
        ("leerlingen_verzoek", m.LeerlingenVerzoek(**verzoek_basis(), groepen=selectie)),  # type: ignore[arg-type]
        ("leerkrachten_verzoek", m.LeerkrachtenVerzoek(**verzoek_basis(), groepen=selectie[:1])),  # type: ignore[arg-type]
        ("leerresultaten_verzoek", leerresultaten()),
        ("leerlinggegevens_antwoord", m.LeerlinggegevensAntwoord(inhoud=data)),
        ("geenwijzigingen", m.LeerlinggegevensAntwoord(inhoud=m.GeenWijzigingen())),
        ("geengegevens", m.StructuurAntwoord(inhoud=m.GeenGegevens())),
        (
            "structuur_antwoord",
            m.StructuurAntwoord(
                inhoud=m.LeerlinggegevensStructuur(
                    school=data.school, vestigingen=data.vestigingen, groepen=data.groepen
                )
            ),
        ),
        (
            "leerlingen_antwoord",
            m.LeerlingenAntwoord(
                inhoud=m.LeerlinggegevensLeerlingen(school=data.school, leerlingen=data.leerlingen)
            ),
        ),
        (
            "leerkrachten_antwoord",
            m.LeerkrachtenAntwoord(
                inhoud=m.LeerlinggegevensLeerkrachten(
                    school=data.school, leerkrachten=data.leerkrachten
                )
            ),
        ),
        ("leerresultaten_bevestiging", m.LeerresultatenBevestiging()),
    ]


def is_request(body: m.Body) -> bool:
    return type(body).__name__.endswith("Verzoek")


def encode_any(body: m.Body) -> bytes:
    return encode(body, autorisatie=AUTORISATIE if is_request(body) else None)


# --- the official 2.2 schemas ---------------------------------------------------------------------


def official_schema(name: str, tmp_path: Path) -> etree.XMLSchema:
    """The official 2.2 schema, copied to ``tmp_path`` with the two relaxations practice needs:
    keys longer than 64 characters and a keyless leerling (2.3)."""
    for source in OFFICIAL.glob("*.xsd"):
        text = source.read_text(encoding="utf-8")
        if source.name == "EDEXML.elementen.xsd":
            start = text.index('name="LeerlingType"')
            end = text.index("</xs:complexType>", start)
            part = text[start:end].replace(
                '<xs:attribute name="key" type="EDEXKeyType" use="required"/>',
                '<xs:attribute name="key" type="EDEXKeyType"/>',
            )
            text = text[:start] + part + text[end:]
        if source.name == "UWLR_Autorisatie_v2p2.xsd":
            text = re.sub(r'<xs:maxLength value="64"/>', "", text)
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    files = {
        "autorisatie": "UWLR_Autorisatie_v2p2.xsd",
        "leerlinggegevens": "UWLR_Leerlinggegevens_v2p2.xsd",
        "leerresultaten": "UWLR_Leerresultaten_v2p2.xsd",
    }
    return etree.XMLSchema(etree.parse(str(tmp_path / files[name])))


def body_and_header(data: bytes) -> tuple[etree._Element, etree._Element | None]:
    root = etree.fromstring(data)
    body = root.find("{http://schemas.xmlsoap.org/soap/envelope/}Body")
    assert body is not None
    header = root.find("{http://schemas.xmlsoap.org/soap/envelope/}Header")
    return body[0], header[0] if header is not None else None


@pytest.mark.parametrize("body", [pytest.param(b, id=n) for n, b in every_message()])
def test_what_encode_produces_is_valid_against_the_official_schemas(
    body: m.Body, tmp_path: Path
) -> None:
    element, header = body_and_header(encode_any(body))
    schema_name = "leerresultaten" if element.tag.startswith(f"{{{LR_NS}}}") else "leerlinggegevens"
    schema = official_schema(schema_name, tmp_path)
    assert schema.validate(element), schema.error_log
    if header is not None:
        autorisatie = official_schema("autorisatie", tmp_path)
        assert autorisatie.validate(header), autorisatie.error_log


def test_a_big_school_encodes_to_a_message_valid_against_the_official_schema(
    tmp_path: Path,
) -> None:
    data = encode(m.LeerlinggegevensAntwoord(inhoud=leerlinggegevens(300)))
    element, _ = body_and_header(data)
    schema = official_schema("leerlinggegevens", tmp_path)
    assert schema.validate(element), schema.error_log
