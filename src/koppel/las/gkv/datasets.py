"""The data sets of the GKV rights as lists of allowed elements, per operation.

A path is relative to the ``return`` element of an answer (``leerlingen/leerling/achternaam``).
:mod:`.build` writes an element only when its path is in the set of the right the call uses, so
nothing outside a partner's data set can be sent; the tests compare every delivered element with
these sets. GKV basis is the fixed, limited set of the partner page (names, birth date, gender,
groups with jaargroep, description and mutation date, teachers with user name, e-mail and groups,
group assignments); GKV uitgebreid adds the rest of what the LAS holds, and alone has the
operations on the pupil file (verzorgers, absenties, loopbaan, toetsen, LGF). Verzorger phone
numbers are sent only when not secret; an absence's free-text remark is never sent (it may hold
health details the soort already covers).
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

# --- GKV uitgebreid only: the pupil file ------------------------------------------------------

VERZORGERS_UITGEBREID = paden(
    ADRESSEN[0],
    "verzorgers/verzorger/{id,achternaam,tussenvoegsel,voorletters,roepNaam,email,telefoon,adres}",
    "verzorgers/verzorger/relaties/relatie/{leerling,relatie,wettelijkGezag,volgorde}",
)
ABSENTIES_UITGEBREID = paden("absenties/absentie/{id,leerling,datum,dagdeel,soort}")
LOOPBAAN_UITGEBREID = paden(
    "leerlingen/leerling/id",
    "leerlingen/leerling/inschrijvingen/inschrijving/"
    "{id,datumInschrijving,datumUitschrijving,soort,schoolVanHerkomst}",
    "leerlingen/leerling/groepsindelingen/groepsindeling/"
    "{id,groepnaam,schooljaar,jaargroep,vanaf,tot}",
    "leerlingen/leerling/uitstroom/{datum,bestemming,schooladvies,schoolVanBestemming}",
)
TOETSEN_UITGEBREID = paden(
    "methodetoetsen/methodetoets/{id,methode,naam,vakgebied,maximumscore}",
    "toetsscores/toetsscore/{id,leerling,methodetoets,datum,ruweScore}",
)
LGF_UITGEBREID = paden(
    "arrangementen/arrangement/{id,leerling,soort,begindatum,einddatum,omschrijving}"
)
EDEXML_UITGEBREID = paden("edexml")  # the base64 EDEXML 2.1 document (see .edexml)
