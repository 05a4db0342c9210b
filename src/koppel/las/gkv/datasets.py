"""The data sets of the GKV rights as lists of allowed elements, per operation.

A path is relative to the ``return`` element of an answer (``leerlingen/leerling/achternaam``).
:mod:`.build` writes an element only when its path is in the set of the right the call uses, so
nothing outside a partner's data set can be sent; the tests compare every delivered element with
these sets. GKV basis is the fixed, limited set of the partner page (names, birth date, gender,
groups with jaargroep, description and mutation date, teachers with user name, e-mail and groups,
group assignments); GKV uitgebreid adds the rest of what the LAS holds.
"""

from __future__ import annotations

from collections.abc import Iterable

Dataset = frozenset[str]


def paden(*regels: str) -> Dataset:
    """Expand ``"a/b/{x,y}"`` lines into the paths with every ancestor included."""
    result: set[str] = set()
    for regel in regels:
        stam, _, velden = regel.partition("{")
        namen = velden.rstrip("}").split(",") if velden else [""]
        for naam in namen:
            result.update(_met_voorouders(stam + naam.strip()))
    return frozenset(result)


def _met_voorouders(pad: str) -> Iterable[str]:
    delen = pad.strip("/").split("/")
    return ("/".join(delen[: i + 1]) for i in range(len(delen)))


SCHOOLJAREN = "schooljaren/schooljaar/{id,naam}"
GROEPEN = "groepen/groep/{id,naam,jaargroep,omschrijving,mutatiedatum,schooljaar}"
ADRESSEN = (
    "adressen/adres/{id,geheimadres,straat,huisnummer,postcode,plaats,gemeente,land}",
    "adressen/adres/telefoon/{id,nummer,geheim}",
)

LEERLINGEN_BASIS = paden(
    SCHOOLJAREN,
    GROEPEN,
    "leerlingen/leerling/{id,achternaam,tussenvoegsel,voornamen,roepNaam,geboortedatum,geslacht}",
    "leerlingen/leerling/groepsindelingen/groepsindeling/{id,groep,schooljaar,leerjaar}",
)
LEERLINGEN_UITGEBREID = LEERLINGEN_BASIS | paden(
    *ADRESSEN,
    "leerlingen/leerling/{leerlingNummer,voorletters,datumAanmelding,leerlingAdres}",
    "leerlingen/leerling/inschrijvingen/inschrijving/{id,datumInschrijving,datumUitschrijving}",
)

MEDEWERKERS_BASIS = paden(
    SCHOOLJAREN,
    GROEPEN,
    "medewerkers/medewerker/{id,lastName,tussenvoegsel,firstName,roepNaam,gebruikersnaam,email}",
    "medewerkers/medewerker/groepen/groep",
)
MEDEWERKERS_UITGEBREID = MEDEWERKERS_BASIS | paden(
    *ADRESSEN,
    "medewerkers/medewerker/{adres,functie}",
    "medewerkers/medewerker/mobile/{id,nummer,geheim}",
    "medewerkers/medewerker/telefoonWerk/{id,nummer,geheim}",
)

GROEPEN_BASIS = paden(
    SCHOOLJAREN,
    GROEPEN,
    "groepen/groep/leerlingen/leerling",
    "groepen/groep/medewerkers/medewerker",
)
GROEPEN_UITGEBREID = GROEPEN_BASIS
