"""Plans the people of a generated school: pupils (with birth dates fitting their jaargroep) and
teachers (with e-mail addresses and roles). Pure functions driven by one ``random.Random``."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections import defaultdict
from typing import Any

from koppel.las.school import namen
from koppel.las.school.seeding_plan import (
    GroepPlan,
    LeerkrachtPlan,
    LeerlingPlan,
    SamengesteldeGroepPlan,
)

ECKID_PREFIX = "https://ketenid.nl/201703/"


def eckid(rng: random.Random) -> str:
    return ECKID_PREFIX + format(rng.getrandbits(512), "0128x")


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def voorletters(voornamen: str) -> str:
    return "".join(f"{naam[0]}." for naam in voornamen.split())[:6]


def _plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1)


def _geboortedatum(rng: random.Random, jaargroep: int, start: int) -> dt.date:
    """Born so that the pupil is in ``jaargroep`` in the school year starting in ``start``;
    3 % are a year older (doubled a year)."""
    ouder = 1 if rng.random() < 0.03 else 0
    begin = dt.date(start - jaargroep - 4 - ouder, 8, 1)
    return begin + dt.timedelta(days=rng.randrange(365))


def _inschrijving(rng: random.Random, geboren: dt.date, start: int) -> dt.date:
    """On the fourth birthday, or later for the 10 % who came from another school."""
    vier = _plus_years(geboren, 4)
    laatst = dt.date(start, 8, 1)
    if rng.random() < 0.1 and vier < laatst:
        return vier + dt.timedelta(days=rng.randrange((laatst - vier).days + 1))
    return min(vier, laatst)


def _leerling(rng: random.Random, nummer: int, jaargroep: int, start: int) -> dict[str, Any]:
    geslacht = rng.choices(("1", "2", "0", "9"), weights=(49, 49, 1, 1))[0]
    lijst = namen.JONGENSNAMEN if geslacht == "1" else namen.MEISJESNAMEN
    roepnaam = rng.choice(lijst)
    voornamen = " ".join([roepnaam, *rng.sample(namen.TWEEDE_NAMEN, rng.choice((0, 1, 1, 2)))])
    voorvoegsel, achternaam = rng.choice(namen.ACHTERNAMEN)
    geboren = _geboortedatum(rng, jaargroep, start)
    return dict(
        key=f"LL-{nummer:06d}",
        eckid=eckid(rng) if rng.random() < 0.9 else None,
        achternaam=achternaam,
        voorvoegsel=voorvoegsel,
        voornamen=voornamen,
        voorletters=voorletters(voornamen),
        roepnaam=roepnaam,
        geboortedatum=geboren,
        geslacht=geslacht,
        jaargroep=str(jaargroep),
        bsn_laatste_vier=f"{rng.randrange(10000):04d}",
        inschrijvingsdatum=_inschrijving(rng, geboren, start),
    )


def _samengesteld(
    rng: random.Random, jaargroep: int, per_band: dict[int, list[SamengesteldeGroepPlan]]
) -> tuple[str, ...]:
    kandidaten = per_band.get(jaargroep, [])
    if not kandidaten or rng.random() >= 0.3:
        return ()
    aantal = 2 if rng.random() < 0.15 and len(kandidaten) > 1 else 1
    return tuple(sorted(sg.key for sg in rng.sample(kandidaten, aantal)))


def plan_leerlingen(
    rng: random.Random,
    aantallen: dict[int, int],
    groepen: list[GroepPlan],
    samengesteld: list[SamengesteldeGroepPlan],
    start: int,
) -> list[LeerlingPlan]:
    per_band: dict[int, list[SamengesteldeGroepPlan]] = defaultdict(list)
    for sg in samengesteld:
        for j in sg.jaargroepen:
            per_band[j].append(sg)
    leerlingen: list[LeerlingPlan] = []
    for jaargroep, aantal in sorted(aantallen.items()):
        stamgroepen = [g for g in groepen if jaargroep in g.jaargroepen]
        for i in range(aantal):
            velden = _leerling(rng, len(leerlingen) + 1, jaargroep, start)
            groep = None if rng.random() < 0.005 else stamgroepen[i % len(stamgroepen)].key
            leerlingen.append(
                LeerlingPlan(
                    **velden,
                    groep=groep,
                    samengestelde_groepen=_samengesteld(rng, jaargroep, per_band),
                )
            )
    return leerlingen


class _Personeel:
    """Creates teachers with unique keys and e-mail addresses."""

    def __init__(self, rng: random.Random, domein: str) -> None:
        self.rng, self.domein = rng, domein
        self.leerkrachten: list[LeerkrachtPlan] = []
        self.adressen: set[str] = set()

    def add(
        self, rol: str, groepen: tuple[str, ...] = (), samengesteld: tuple[str, ...] = ()
    ) -> None:
        rng = self.rng
        roepnaam = rng.choice(namen.VOLWASSEN_NAMEN)
        voorvoegsel, achternaam = rng.choice(namen.ACHTERNAMEN)
        lokaal = f"{ascii_slug(roepnaam)}.{ascii_slug(voorvoegsel + achternaam)}"
        adres, n = lokaal, 1
        while adres in self.adressen:
            n += 1
            adres = f"{lokaal}{n}"
        self.adressen.add(adres)
        self.leerkrachten.append(
            LeerkrachtPlan(
                key=f"LK-{len(self.leerkrachten) + 1:04d}",
                eckid=eckid(rng) if rng.random() < 0.9 else None,
                achternaam=achternaam,
                voorvoegsel=voorvoegsel,
                voorletters=voorletters(" ".join([roepnaam, *rng.sample(namen.TWEEDE_NAMEN, 1)])),
                roepnaam=roepnaam,
                gebruikersnaam=adres[:64],
                emailadres=f"{adres}@{self.domein}",
                rol=rol,
                groepen=groepen,
                samengestelde_groepen=samengesteld,
            )
        )


def plan_leerkrachten(
    rng: random.Random,
    groepen: list[GroepPlan],
    samengesteld: list[SamengesteldeGroepPlan],
    aantal_leerlingen: int,
    domein: str,
) -> list[LeerkrachtPlan]:
    """One teacher per group (a duo for 30 % of the groups), intern begeleiders for the care
    groups, a director and support staff."""
    zorg = [sg for sg in samengesteld if sg.naam.startswith("Zorggroep")]
    overig = [sg for sg in samengesteld if sg not in zorg]
    personeel = _Personeel(rng, domein)
    for groep in groepen:
        begeleidt = tuple(
            sg.key
            for sg in overig
            if set(sg.jaargroepen) & set(groep.jaargroepen)
            and rng.random() < 1 / max(1, len(groepen) // 4)
        )
        personeel.add("LRK", (groep.key,), begeleidt)
        if rng.random() < 0.3:
            personeel.add("LRK", (groep.key,))
    for i in range(max(1, aantal_leerlingen // 250)):
        personeel.add(
            "IB", samengesteld=tuple(sg.key for sg in zorg[i :: max(1, aantal_leerlingen // 250)])
        )
    personeel.add("DIR")
    if aantal_leerlingen > 400:
        personeel.add("ADJ")
    for _ in range(aantal_leerlingen // 200):
        personeel.add("OWA")
    if aantal_leerlingen > 150:
        personeel.add("VAK")
    return personeel.leerkrachten
