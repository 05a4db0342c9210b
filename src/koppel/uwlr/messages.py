"""The messages of UWLR 2.1/2.2/2.3 as frozen dataclasses.

Each class mirrors one element or complex type of the standard's schemas (``UWLR_Autorisatie``,
``UWLR_Leerlinggegevens`` with the EDEXML 2.1 types, ``UWLR_Leerresultaten``). Field names keep the
standard's Dutch spelling (``voorletters-1`` becomes ``voorletters_1``). Repeated elements are tuples,
``xs:choice`` between elements is a union of classes; the few choices between single optional values
(national id numbers, postcodes) are flat optional fields of which the codec allows at most one.

Dates are :class:`datetime.date`, timestamps aware :class:`datetime.datetime`, decimals
:class:`decimal.Decimal`; codes of the standard's enumerations stay strings (``jaargroep`` is ``"4"``
or ``"C"``, ``geslacht`` is ``"2"``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeAlias

__all__ = [
    "AnderResultaat",
    "Autorisatie",
    "Bericht",
    "Betrouwbaarheidsinterval",
    "Body",
    "Fault",
    "GeenGegevens",
    "GeenWijzigingen",
    "Groep",
    "GroepReferentie",
    "GroepSelectie",
    "Leerkracht",
    "LeerkrachtenAntwoord",
    "LeerkrachtenVerzoek",
    "Leerling",
    "LeerlingenAntwoord",
    "LeerlingenVerzoek",
    "Leerlinggegevens",
    "LeerlinggegevensAntwoord",
    "LeerlinggegevensLeerkrachten",
    "LeerlinggegevensLeerlingen",
    "LeerlinggegevensStructuur",
    "LeerlinggegevensVerzoek",
    "LeerresultatenBevestiging",
    "LeerresultatenVerzoek",
    "Norm",
    "Normering",
    "Normkleur",
    "OsoReferentiescore",
    "OsoResultaat",
    "OsoToetsscore",
    "Resultaat",
    "ResultaatSchool",
    "Rol",
    "Rolomschrijving",
    "SamengesteldeGroep",
    "SamengesteldeGroepReferentie",
    "SamengesteldeGroepSelectie",
    "School",
    "Score",
    "StructuurAntwoord",
    "StructuurVerzoek",
    "Toets",
    "Toetsafname",
    "ToetshierarchieIngang",
    "Toetsonderdeel",
    "Toevoeging",
    "Verzoek",
    "Vestiging",
    "VocabulaireWaarde",
]


# --- the SOAP header ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Autorisatie:
    """The ``aut:autorisatie`` header every request carries.

    The key never appears in ``repr`` so that a logged message cannot leak it.
    """

    autorisatiesleutel: str = field(repr=False)
    klantcode: str
    klantnaam: str


# --- leerlinggegevens: requests ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _VerzoekBasis:
    """The group ``gVerzoekBasis`` shared by the four pupil-data requests.

    The school is identified by ``brincode`` (with optional ``dependancecode``) or by ``schoolkey``.
    """

    schooljaar: str
    brincode: str | None = None
    dependancecode: str | None = None
    schoolkey: str | None = None
    xsdversie: str = "2.2"
    gegevenssetid: str | None = None
    laatstontvangengegevens: dt.datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlinggegevensVerzoek(_VerzoekBasis):
    """``leerlinggegevens_verzoek``: HaalLeerlinggegevens, everything at once."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StructuurVerzoek(_VerzoekBasis):
    """``structuur_verzoek``: HaalStructuur, the school and its groups."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GroepSelectie:
    """A ``groep`` in a getrapt request; ``key=None`` asks for those in no stamgroep."""

    key: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SamengesteldeGroepSelectie:
    """A ``samengestelde_groep`` in a getrapt request; ``key=None`` asks for those in none."""

    key: str | None = None


Selectie: TypeAlias = GroepSelectie | SamengesteldeGroepSelectie


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingenVerzoek(_VerzoekBasis):
    """``leerlingen_verzoek``: HaalLeerlingen for one or more groups."""

    groepen: tuple[Selectie, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerkrachtenVerzoek(_VerzoekBasis):
    """``leerkrachten_verzoek``: HaalLeerkrachten for one or more groups."""

    groepen: tuple[Selectie, ...]


# --- leerlinggegevens: the data (EDEXML 2.1 as adapted for UWLR) ------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Toevoeging:
    """A ``toevoegingen/blok``: an extension block whose type (``xsi:type``) is agreed bilaterally."""

    xsi_type: str
    code: str
    omschrijving: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class School:
    """``SchoolType``: the school a data set is about."""

    schooljaar: str
    peildatum: dt.date | None = None
    brincode: str | None = None
    dependancecode: str | None = None
    instellingsnummer: str | None = None
    schoolkey: str | None = None
    aanmaakdatum: dt.datetime | None = None
    auteur: str | None = None
    xsdversie: str | None = None
    commentaar: str | None = None
    toevoegingen: tuple[Toevoeging, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Vestiging:
    """``VestigingType``: a branch of the school."""

    key: str
    naam: str
    omschrijving: str | None = None
    mutatiedatum: dt.datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Groep:
    """``GroepType``: a stamgroep; ``jaargroep`` ``"C"`` marks a combination group."""

    key: str
    naam: str
    jaargroep: str
    omschrijving: str | None = None
    toevoegingen: tuple[Toevoeging, ...] = ()
    mutatiedatum: dt.datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SamengesteldeGroep:
    """``SamengesteldeGroepType``: a cluster, level or care group across stamgroepen."""

    key: str
    naam: str
    omschrijving: str | None = None
    toevoegingen: tuple[Toevoeging, ...] = ()
    mutatiedatum: dt.datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Naam:
    """The name choice of EDEXML: ``achternaam`` with optional parts, or a ``roepnaam`` alone."""

    achternaam: str | None = None
    voorvoegsel: str | None = None
    voornamen: str | None = None
    voorletters_1: str | None = None
    roepnaam: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Leerling(_Naam):
    """``LeerlingType``: one pupil.

    ``key`` is the LAS key; under UWLR 2.3 it may be absent when ``eckid`` is present.
    ``groep`` and ``vestiging`` hold the referenced keys, ``samengestelde_groepen`` their keys.
    """

    key: str | None
    eckid: str | None = None
    geboortedatum: dt.date | None = None
    geslacht: str | None = None
    start_ondw_jgr3: dt.date | None = None
    jaargroep: str | None = None
    groep: str | None = None
    samengestelde_groepen: tuple[str, ...] = ()
    vestiging: str | None = None
    gebruikersnaam: str | None = None
    emailadres: str | None = None
    fotourl: str | None = None
    etniciteit: str | None = None
    land: str | None = None
    land_vader: str | None = None
    land_moeder: str | None = None
    sofinummer: str | None = None
    bsn: str | None = None
    onderwijsnummer: str | None = None
    bsn_ondwnr_4: str | None = None
    rijksregisternummer: str | None = None
    gewicht_nieuw: str | None = None
    gewicht: str | None = None
    postcodenl: str | None = None
    postnummerbe: str | None = None
    postcodeoverig: str | None = None
    instroomdatum: dt.date | None = None
    uitstroomdatum: dt.date | None = None
    toevoegingen: tuple[Toevoeging, ...] = ()
    mutatiedatum: dt.datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Rol:
    """A ``rol`` code of ``EDEXLeerkrachtRolType`` (``LRK``, ``IB``, ``DIR``, ...)."""

    code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Rolomschrijving:
    """A free-text ``rolomschrijving``."""

    omschrijving: str


LeerkrachtRol: TypeAlias = Rol | Rolomschrijving


@dataclass(frozen=True, slots=True, kw_only=True)
class GroepReferentie:
    """A teacher's ``groepen/groep``, optionally with the teacher's roles in that group."""

    key: str
    rollen: tuple[LeerkrachtRol, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SamengesteldeGroepReferentie:
    """A teacher's ``groepen/samengestelde_groep``, optionally with roles."""

    key: str
    rollen: tuple[LeerkrachtRol, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Leerkracht(_Naam):
    """``LeerkrachtType``: a teacher or other staff member."""

    key: str
    eckid: str | None = None
    gebruikersnaam: str | None = None
    emailadres: str | None = None
    rollen: tuple[LeerkrachtRol, ...] = ()
    groepen: tuple[GroepReferentie | SamengesteldeGroepReferentie, ...] = ()
    toevoegingen: tuple[Toevoeging, ...] = ()
    mutatiedatum: dt.datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Leerlinggegevens:
    """``leerlinggegevens``: a complete snapshot of a school (HaalLeerlinggegevens).

    An empty tuple means the optional wrapper element (``vestigingen``, ``groepen``, ``leerkrachten``)
    is absent; ``leerlingen`` must hold at least one pupil.
    """

    school: School
    vestigingen: tuple[Vestiging, ...] = ()
    groepen: tuple[Groep | SamengesteldeGroep, ...] = ()
    leerlingen: tuple[Leerling, ...]
    leerkrachten: tuple[Leerkracht, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlinggegevensStructuur:
    """``leerlinggegevens-structuur``: the school, its vestigingen and groups (HaalStructuur)."""

    school: School
    vestigingen: tuple[Vestiging, ...] = ()
    groepen: tuple[Groep | SamengesteldeGroep, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlinggegevensLeerlingen:
    """``leerlinggegevens-leerlingen``: the pupils of the requested groups (HaalLeerlingen)."""

    school: School
    leerlingen: tuple[Leerling, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlinggegevensLeerkrachten:
    """``leerlinggegevens-leerkrachten``: the teachers of the requested groups (HaalLeerkrachten)."""

    school: School
    leerkrachten: tuple[Leerkracht, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class GeenWijzigingen:
    """``geenwijzigingen``: nothing changed since ``laatstontvangengegevens``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GeenGegevens:
    """``geengegevens``: the LAS has no data for this request."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlinggegevensAntwoord:
    """``leerlinggegevens_antwoord``."""

    inhoud: Leerlinggegevens | GeenWijzigingen | GeenGegevens


@dataclass(frozen=True, slots=True, kw_only=True)
class StructuurAntwoord:
    """``structuur_antwoord``."""

    inhoud: LeerlinggegevensStructuur | GeenWijzigingen | GeenGegevens


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingenAntwoord:
    """``leerlingen_antwoord``."""

    inhoud: LeerlinggegevensLeerlingen | GeenWijzigingen | GeenGegevens


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerkrachtenAntwoord:
    """``leerkrachten_antwoord``."""

    inhoud: LeerlinggegevensLeerkrachten | GeenWijzigingen | GeenGegevens


# --- leerresultaten ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class VocabulaireWaarde:
    """``ctpVocabulaireGebondenVeld``: a value, optionally bound to a (VDEX) vocabulary."""

    waarde: str
    vocabulaire: str | None = None
    vocabulairelocatie: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultaatSchool:
    """``ctpSchool`` of the results message."""

    schooljaar: str
    brincode: str | None = None
    dependancecode: str | None = None
    schoolkey: str | None = None
    aanmaakdatum: dt.datetime
    auteur: str | None = None
    xsdversie: str = "2.2"
    commentaar: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """``score``: a raw score, a non-negative integer on the test's scale."""

    waarde: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Betrouwbaarheidsinterval:
    """``oso:betrouwbaarheidsinterval``."""

    bivlaag: Decimal
    bivhoog: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class OsoToetsscore:
    """``oso:toetsscore``."""

    aantalopgaven: int | None = None
    aantalgoed: int | None = None
    aantalfout: int | None = None
    aantalgelezen: int | None = None
    tijd: Decimal | None = None
    vaardigheidsscore: Decimal | None = None
    codevaardigheidsschaal: str | None = None
    betrouwbaarheidsinterval: Betrouwbaarheidsinterval | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OsoReferentiescore:
    """``oso:referentiescore``."""

    codereferentiescore: str
    codevergelijkingsgroep: str
    waarde: str
    kwalificatie: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OsoResultaat:
    """``osoresultaat``: a result in the OSO format (normering is then ignored)."""

    toetsscore: OsoToetsscore | None = None
    referentiescores: tuple[OsoReferentiescore, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AnderResultaat:
    """``anderresultaat``: a bilaterally agreed format, kept as its ``xsi:type`` and raw XML."""

    xsi_type: str
    xml: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class Resultaat:
    """``ctpResultaat``: one result; ``key`` is stable so that a resend replaces, not duplicates.

    Without ``toetsonderdeelcode`` it is the total result of the whole test.
    """

    key: str
    afnamedatum: dt.date
    toetscode: str
    versie: VocabulaireWaarde | None = None
    toetsonderdeelcode: str | None = None
    uitslag: Score | OsoResultaat | AnderResultaat
    infourl: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Toetsafname:
    """``ctpToetsafname``: the results of one pupil."""

    leerlingid: str
    eckid: str | None = None
    resultaatverwerkerid: str | None = None
    resultaten: tuple[Resultaat, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Normkleur:
    """``normkleur``: RGB 0..255 and transparency 0.00..1.00 (1 is opaque)."""

    rood_code: int
    groen_code: int
    blauw_code: int
    transparantie: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Norm:
    """``norm``: one band of a normering, from ``beginnormwaarde`` to ``eindnormwaarde``."""

    term: str
    omschrijving: str | None = None
    beginnormwaarde: int
    eindnormwaarde: int
    normkleur: Normkleur | None = None
    schoolcijfer_vanaf: Decimal | None = None
    schoolcijfer_totenmet: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Normering:
    """``ctpNormering``: the bands of a test or toetsonderdeel."""

    toetscategorie: VocabulaireWaarde | None = None
    toetsniveau: VocabulaireWaarde | None = None
    wegingsfactor: Decimal | None = None
    normen: tuple[Norm, ...]
    vocabulaire: str | None = None
    vocabulairelocatie: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ToetshierarchieIngang(VocabulaireWaarde):
    """``toetshierarchie/ingang``: a level in the test hierarchy (``niveau`` 1 is the top)."""

    niveau: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Toetsonderdeel:
    """``ctpToetsOnderdeel``."""

    toetsonderdeelvolgnummer: int
    toetsonderdeelcode: VocabulaireWaarde
    toetsonderdeelnaam: str | None = None
    toetsonderdeelnormering: Normering | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Toets:
    """``ctpToets``: a test definition, sent along with every results message that uses it."""

    toetscode: VocabulaireWaarde
    versie: VocabulaireWaarde | None = None
    toetsnaam: str | None = None
    leerjaar: VocabulaireWaarde | None = None
    vakgebied: VocabulaireWaarde | None = None
    toetsnormering: Normering | None = None
    toetshierarchie: tuple[ToetshierarchieIngang, ...] = ()
    toetsonderdelen: tuple[Toetsonderdeel, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerresultatenVerzoek:
    """``leerresultaten_verzoek``: BrengLeerresultaten."""

    school: ResultaatSchool
    toetsafnames: tuple[Toetsafname, ...]
    toetsen: tuple[Toets, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerresultatenBevestiging:
    """``leerresultaten_bevestiging``: the LAS stored the whole message."""


# --- the envelope -----------------------------------------------------------------------------------

Verzoek: TypeAlias = (
    LeerlinggegevensVerzoek
    | StructuurVerzoek
    | LeerlingenVerzoek
    | LeerkrachtenVerzoek
    | LeerresultatenVerzoek
)
Antwoord: TypeAlias = (
    LeerlinggegevensAntwoord
    | StructuurAntwoord
    | LeerlingenAntwoord
    | LeerkrachtenAntwoord
    | LeerresultatenBevestiging
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fault:
    """A SOAP 1.1 ``Fault``; ``faultcode`` is the local part, e.g. ``Client.AutorisatieOngeldig``."""

    faultcode: str
    faultstring: str
    detail: str | None = None


Body: TypeAlias = Verzoek | Antwoord | Fault


@dataclass(frozen=True, slots=True, kw_only=True)
class Bericht:
    """A decoded SOAP message: the ``autorisatie`` header (requests only) and the body.

    ``warnings`` lists what a lenient decode tolerated (always empty in strict mode).
    """

    autorisatie: Autorisatie | None = None
    body: Body
    warnings: tuple[str, ...] = ()
