"""Plans a realistic, deterministic primary school (pure: no database).

The same seed, BRIN and schooljaar always give the same school. Pupils are spread over groups 1–8;
kleuters sit in combination groups 1/2 and small year groups are combined (3/4, 5/6, 7/8), all with
jaargroep ``C`` while each pupil keeps its own jaargroep. About 30 % of the pupils are in a
samengestelde groep, about 90 % of pupils and teachers have an ECK-iD, 1 in 200 pupils awaits
placement in a stamgroep. The pupil files (verzorgers, loopbaan, absences, scores; see
:mod:`koppel.las.leerlingdossier.seeding`) come from a random generator of their own, so adding
them left the rest of a seeded school as it was.
"""

from __future__ import annotations

import datetime as dt
import random

from koppel.las.leerlingdossier.seeding import plan_dossiers
from koppel.las.school import namen
from koppel.las.school.seeding_people import ascii_slug, plan_leerkrachten, plan_leerlingen
from koppel.las.school.seeding_plan import GroepPlan, SamengesteldeGroepPlan, SchoolPlan

PAREN = ((1, 2), (3, 4), (5, 6), (7, 8))


def huidig_schooljaar(today: dt.date) -> str:
    """The school year ``today`` falls in; a new one starts on 1 August."""
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


def _suffix(index: int, total: int) -> str:
    if total == 1:
        return ""
    return chr(ord("a") + index) if index < 26 else f"-{index + 1}"


def _aantallen(totaal: int, rng: random.Random) -> dict[int, int]:
    """Pupils per jaargroep; groep 1 is smaller because four-year-olds enter during the year."""
    gewichten = {j: (0.8 if j == 1 else 1.0) * rng.uniform(0.9, 1.1) for j in range(1, 9)}
    som = sum(gewichten.values())
    aantallen = {j: int(totaal * g / som) for j, g in gewichten.items()}
    for j in rng.sample(range(1, 9), 8)[: totaal - sum(aantallen.values())]:
        aantallen[j] += 1
    return aantallen


def plan_groepen(aantallen: dict[int, int]) -> list[GroepPlan]:
    """Stamgroepen: combination groups for kleuters and small pairs, parallel groups otherwise."""
    groepen: list[GroepPlan] = []
    for paar in PAREN:
        samen = aantallen[paar[0]] + aantallen[paar[1]]
        if paar == (1, 2) or samen <= 30:
            groepen += _groepen_voor(paar, samen, "C")
        else:
            for j in paar:
                groepen += _groepen_voor((j,), aantallen[j], str(j))
    return groepen


def _groepen_voor(jaargroepen: tuple[int, ...], leerlingen: int, jaargroep: str) -> list[GroepPlan]:
    aantal = max(1, round(leerlingen / 27))
    code = "/".join(map(str, jaargroepen))
    return [
        GroepPlan(
            key=f"G-{code.replace('/', '')}{_suffix(i, aantal).upper()}",
            naam=f"Groep {code}{_suffix(i, aantal)}",
            jaargroep=jaargroep,
            jaargroepen=jaargroepen,
        )
        for i in range(aantal)
    ]


def plan_samengestelde_groepen(totaal: int) -> list[SamengesteldeGroepPlan]:
    soorten, n = namen.SAMENGESTELDE_SOORTEN, len(namen.SAMENGESTELDE_SOORTEN)
    plannen = []
    for i in range(min(max(2, totaal // 40), 480)):
        # kinds and year bands both cycle, so even a small school gets a mix of the two
        (naam, omschrijving), paar, kopie = soorten[i % n], PAREN[i % 4], i // 12
        extra = f" {kopie + 1}" if kopie else ""
        plannen.append(
            SamengesteldeGroepPlan(
                key=f"SG-{i + 1:03d}",
                naam=f"{naam} {paar[0]}/{paar[1]}{extra}",
                omschrijving=omschrijving,
                jaargroepen=paar,
            )
        )
    return plannen


def plan_school(
    *, brincode: str, leerlingen: int, seed: int, schooljaar: str, naam: str | None = None
) -> SchoolPlan:
    """A complete school with ``leerlingen`` pupils (see the module docstring)."""
    rng = random.Random(f"koppel:{seed}:{brincode}")
    naam = naam or f"{rng.choice(namen.SCHOOLSOORTEN)} {rng.choice(namen.SCHOOLNAMEN)}"
    aantallen = _aantallen(leerlingen, rng)
    groepen = plan_groepen(aantallen)
    samengesteld = plan_samengestelde_groepen(leerlingen)
    start = int(schooljaar[:4])
    lln = plan_leerlingen(rng, aantallen, groepen, samengesteld, start)
    domein = f"{ascii_slug(naam)}.school.example"
    return SchoolPlan(
        naam=naam,
        brincode=brincode,
        schooljaar=schooljaar,
        groepen=tuple(groepen),
        samengestelde_groepen=tuple(samengesteld),
        leerlingen=tuple(lln),
        leerkrachten=tuple(plan_leerkrachten(rng, groepen, samengesteld, leerlingen, domein)),
        dossiers=plan_dossiers(
            random.Random(f"koppel-dossier:{seed}:{brincode}"), tuple(lln), tuple(groepen), start
        ),
    )
