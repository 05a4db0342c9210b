"""Data for a real LAS process, made with its own CLI: a school, the manual's partners, users.

Also used by ``scripts/screenshots``. Several commands run in one process where possible
(:meth:`~tests.support.las_process.LasProcess.run_many`): each start of ``koppel`` costs a second.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tests.support.las_process import LasProcess, LasProcessError


@dataclass(frozen=True)
class Partner:
    """A Koppelpartner as the manual's list shows it, and whether the school uses it already."""

    naam: str
    klantcode: str
    actief: bool = False


@dataclass(frozen=True)
class Gebruiker:
    """A log-in of the LAS pages."""

    gebruikersnaam: str
    wachtwoord: str
    naam: str


#: The four couplings of manual step 1: Boom testcentrum UWLR waits to be activated ("Afnemen").
MANUAL_PARTNERS = (
    Partner("Boom testcentrum UWLR", "BOOM-UWLR"),
    Partner("Gynzy", "GYNZY"),
    Partner("Basispoort", "BASISPOORT"),
    Partner("DWE-ICT", "DWE-ICT", actief=True),
)


def seed_school(
    las: LasProcess, brin: str, *, leerlingen: int, seed: int = 1, naam: str = ""
) -> str:
    """Seed a school (``koppel las seed``) and return its schooljaar, e.g. ``2026-2027``."""
    args = ["seed", "--brin", brin, "--leerlingen", str(leerlingen), "--seed", str(seed)]
    output = las.run(*args, *(["--naam", naam] if naam else []))
    found = re.search(r"\((\d{4}-\d{4})\)", output)
    if found is None:
        raise LasProcessError(f"Geen schooljaar in de uitvoer van seed: {output!r}")
    return found.group(1)


def add_partners(las: LasProcess, brin: str, partners: Sequence[Partner] = MANUAL_PARTNERS) -> None:
    """Register the partners and suggest each to the school, activating the active ones."""
    commands: list[list[str]] = []
    for p in partners:
        commands.append(["partner", "add", "--naam", p.naam, "--klantcode", p.klantcode])
        actie = "activeer" if p.actief else "suggereer"
        commands.append(["koppeling", actie, "--brin", brin, "--klantcode", p.klantcode])
    las.run_many(*commands)


def add_users(las: LasProcess, *users: tuple[Gebruiker, Sequence[str]]) -> None:
    """``koppel las gebruiker add`` per user with its role options, e.g.
    ``(anna, ["--beheerder", "99XX"])``; the passwords go through the environment."""
    commands, env = [], {}
    for index, (user, rol) in enumerate(users):
        env[f"KOPPEL_WACHTWOORD_{index}"] = user.wachtwoord
        commands.append(
            ["gebruiker", "add", "--gebruikersnaam", user.gebruikersnaam, "--naam", user.naam,
             "--wachtwoord-env", f"KOPPEL_WACHTWOORD_{index}", *rol]
        )  # fmt: skip
    las.run_many(*commands, env=env)


def leerkracht_met_groepen(las: LasProcess, brin: str) -> str:
    """The key of the first teacher of the school (by key) who has a stamgroep."""
    return las.python(
        "from koppel.las.school.models import Leerkracht\n"
        f"print(Leerkracht.objects.filter(school__brincode={brin!r}, groepen__isnull=False)"
        ".order_by('key').values_list('key', flat=True).first())"
    )


def pk(las: LasProcess, model: str, **filters: str) -> int:
    """The primary key of the first row (by pk) of ``app.Model`` matching ``filters``."""
    code = (
        "from django.apps import apps\n"
        f"print(apps.get_model({model!r}).objects.filter(**{filters!r}).order_by('pk')"
        ".values_list('pk', flat=True).first())"
    )
    return int(las.python(code))
