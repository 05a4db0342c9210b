"""A synthetic, deterministic school as UWLR dataclasses, for the benchmarks."""

from __future__ import annotations

import datetime as dt
import random

from koppel.uwlr import messages as m

ACHTERNAMEN = [
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "Kok",
    "Jacobs",
    "Vermeulen",
]
VOORVOEGSELS = [None, None, None, "van", "de", "van der", "van den", "ter"]
ROEPNAMEN = [
    "Sanne",
    "Daan",
    "Emma",
    "Noah",
    "Julia",
    "Sem",
    "Tess",
    "Lucas",
    "Mila",
    "Finn",
    "Zoë",
    "Levi",
    "Nora",
    "Milan",
    "Lotte",
    "Jesse",
]


def _eckid(rng: random.Random) -> str:
    return "https://ketenid.nl/201703/" + "".join(
        rng.choice("0123456789abcdef") for _ in range(128)
    )


def school(leerlingen: int, *, seed: int = 1, xsdversie: str = "2.2") -> m.Leerlinggegevens:
    """A school with ``leerlingen`` pupils in groups 1-8 (about 28 per group), with teachers."""
    rng = random.Random(seed)
    n_groepen = max(1, leerlingen // 28)
    groepen = tuple(
        m.Groep(
            key=f"G-{i:03d}",
            naam=f"Groep {i % 8 + 1}{'abcdefghij'[i // 8 % 10]}",
            jaargroep=str(i % 8 + 1),
        )
        for i in range(n_groepen)
    )
    sg = (
        m.SamengesteldeGroep(key="SG-REK", naam="Rekengroep plus"),
        m.SamengesteldeGroep(key="SG-LEES", naam="Leesgroep"),
    )
    pupils = []
    for i in range(leerlingen):
        groep = groepen[i % n_groepen]
        jaar = int(groep.jaargroep)
        pupils.append(
            m.Leerling(
                key=f"LL-{i:06d}",
                eckid=_eckid(rng) if rng.random() < 0.9 else None,
                achternaam=rng.choice(ACHTERNAMEN),
                voorvoegsel=rng.choice(VOORVOEGSELS),
                voorletters_1=rng.choice("ABCDEFGHJKLMNPRSTW") + ".",
                roepnaam=rng.choice(ROEPNAMEN),
                geboortedatum=dt.date(2026 - jaar - 4, rng.randint(1, 12), rng.randint(1, 28)),
                geslacht=rng.choice("12"),
                jaargroep=groep.jaargroep,
                groep=groep.key,
                samengestelde_groepen=("SG-REK",) if i % 7 == 0 else (),
                bsn_ondwnr_4=f"{rng.randint(0, 9999):04d}",
            )
        )
    teachers = tuple(
        m.Leerkracht(
            key=f"LK-{i:04d}",
            eckid=_eckid(rng),
            achternaam=rng.choice(ACHTERNAMEN),
            roepnaam=rng.choice(ROEPNAMEN),
            emailadres=f"leerkracht{i}@school.example",
            groepen=(m.GroepReferentie(key=groep.key),),
        )
        for i, groep in enumerate(groepen)
    )
    return m.Leerlinggegevens(
        school=m.School(
            schooljaar="2026-2027",
            brincode="99XX",
            dependancecode="00",
            aanmaakdatum=dt.datetime(2026, 11, 23, 7, 0, tzinfo=dt.UTC),
            auteur="Koppel LAS",
            xsdversie=xsdversie,
        ),
        groepen=groepen + sg,
        leerlingen=tuple(pupils),
        leerkrachten=teachers,
    )


def antwoord(leerlingen: int) -> m.LeerlinggegevensAntwoord:
    return m.LeerlinggegevensAntwoord(inhoud=school(leerlingen))
