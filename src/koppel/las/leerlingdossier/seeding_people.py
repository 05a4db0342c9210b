"""Plans the verzorgers of generated pupils: names, contact data and (shared) addresses.

Pure functions driven by one ``random.Random``; invented names, streets in real-sounding but
generic style, ``example`` e-mail domains and 06-numbers that reach no one.
"""

from __future__ import annotations

import datetime as dt
import random
import string

from koppel.las.leerlingdossier.seeding_plan import AdresPlan, VerzorgerPlan
from koppel.las.school import namen
from koppel.las.school.seeding_people import ascii_slug
from koppel.las.school.seeding_plan import LeerlingPlan

STRATEN = (
    "Dorpsstraat",
    "Kerkstraat",
    "Schoolstraat",
    "Molenweg",
    "Julianalaan",
    "Beatrixstraat",
    "Eikenlaan",
    "Lindelaan",
    "Vijverhof",
    "Zonnebloemstraat",
    "Merelstraat",
    "Stationsweg",
)
PLAATSEN = (
    ("Amersfoort", "Amersfoort"),
    ("Hoogland", "Amersfoort"),
    ("Leusden", "Leusden"),
    ("Soest", "Soest"),
    ("Baarn", "Baarn"),
)
MOEDERS = ("Petra", "Marieke", "Esther", "Ingrid", "Monique", "Karin", "Linda", "Saskia", "Iris")
VADERS = ("Jeroen", "Mark", "Martijn", "Erik", "Sander", "Wouter", "Joost", "Bart", "Paul")
# postcode letter pairs that are never issued
VERBODEN = {"SA", "SD", "SS"}


def plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1)


class AdresBoek:
    """Collects the planned addresses; about 5 % are secret."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.adressen: list[AdresPlan] = []

    def nieuw(self) -> int:
        rng = self.rng
        plaats, gemeente = rng.choice(PLAATSEN)
        letters = "SA"
        while letters in VERBODEN:
            letters = "".join(rng.choices(string.ascii_uppercase, k=2))
        self.adressen.append(
            AdresPlan(
                straat=rng.choice(STRATEN),
                huisnummer=str(rng.randrange(1, 180)) + rng.choice(("", "", "", "", "a")),
                postcode=f"{rng.randrange(3800, 3840)} {letters}",
                plaats=plaats,
                gemeente=gemeente,
                geheim=rng.random() < 0.05,
            )
        )
        return len(self.adressen) - 1


def _verzorger(
    rng: random.Random, key: str, relatie: str, naam: tuple[str, str], adres: int
) -> VerzorgerPlan:
    roepnaam = rng.choice(MOEDERS if relatie == "moeder" else VADERS)
    voorvoegsel, achternaam = naam
    lokaal = f"{ascii_slug(roepnaam)}.{ascii_slug(voorvoegsel + achternaam)}"
    return VerzorgerPlan(
        key=key,
        achternaam=achternaam,
        voorvoegsel=voorvoegsel,
        voorletters=f"{roepnaam[0]}.",
        roepnaam=roepnaam,
        emailadres=f"{lokaal}@mail.example",
        telefoon=f"06-{rng.randrange(10**8):08d}",
        telefoon_geheim=rng.random() < 0.1,
        adres=adres,
        relatie=relatie,
        wettelijk_gezag=True,
    )


def plan_verzorgers(
    rng: random.Random, leerling: LeerlingPlan, boek: AdresBoek
) -> tuple[VerzorgerPlan, ...]:
    """One verzorger for about 15 % of the pupils, else two; parents apart live apart."""
    eigen = (leerling.voorvoegsel, leerling.achternaam)
    relaties = ("moeder",) if rng.random() < 0.15 else ("moeder", "vader")
    adres = boek.nieuw()
    plannen = []
    for i, relatie in enumerate(relaties, start=1):
        naam = eigen if relatie == "vader" or rng.random() < 0.5 else rng.choice(namen.ACHTERNAMEN)
        if i == 2 and rng.random() < 0.15:
            adres = boek.nieuw()
        plannen.append(_verzorger(rng, f"VZ-{leerling.key[3:]}-{i}", relatie, naam, adres))
    return tuple(plannen)
