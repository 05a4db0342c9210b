"""Data for a real LAS and a real EA side by side, made with their own CLIs (``koppel las ...``,
``koppel ea ...``) and a few lines of ``shell -c`` where no command exists.

The LAS gets the manual's school and Boom as a suggested coupling; the EA the same school as
klant, a beheerder, klantenservice, and a teacher who already has an account in the test centre.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from tests.las.e2e.seeding import Gebruiker
from tests.support.ea_process import EaProcess
from tests.support.las_process import LasProcess


@dataclass(frozen=True)
class LasLeerkracht:
    """A teacher of the LAS school with the pupils of the own groups (by leerlingnummer)."""

    key: str
    achternaam: str
    roepnaam: str
    emailadres: str
    leerlingen: frozenset[str]


@dataclass(frozen=True)
class BestaandeLeerkracht:
    """A teacher the test centre knew before the coupling, with a log-in of their own."""

    gebruiker: Gebruiker
    achternaam: str
    roepnaam: str
    emailadres: str


def las_leerkrachten(las: LasProcess, brin: str) -> tuple[LasLeerkracht, ...]:
    """The teachers of the school who have groups, by key, with their pupils."""
    code = f"""
import json
from koppel.las.school.models import Leerkracht, Leerling
rows = []
teachers = Leerkracht.objects.filter(school__brincode={brin!r}, groepen__isnull=False)
for lk in teachers.distinct().order_by("key"):
    pupils = set(Leerling.objects.filter(groep__in=lk.groepen.all()).values_list("key", flat=True))
    pupils |= set(Leerling.objects.filter(samengestelde_groepen__in=lk.samengestelde_groepen.all())
                  .values_list("key", flat=True))
    rows.append([lk.key, lk.achternaam, lk.roepnaam, lk.emailadres, sorted(pupils)])
print(json.dumps(rows))
"""
    return tuple(
        LasLeerkracht(key, achternaam, roepnaam, email, frozenset(pupils))
        for key, achternaam, roepnaam, email, pupils in json.loads(las.python(code))
    )


def las_leerlingnummers(las: LasProcess, brin: str) -> set[str]:
    code = (
        "from koppel.las.school.models import Leerling\n"
        f"print(' '.join(Leerling.objects.filter(school__brincode={brin!r})"
        ".values_list('key', flat=True)))"
    )
    return set(las.python(code).split())


def wis_emailadres(las: LasProcess, brin: str, key: str) -> None:
    """The LAS knows no e-mail address of this teacher (the review then asks for one)."""
    las.python(
        "from koppel.las.school.models import Leerkracht\n"
        f"Leerkracht.objects.filter(school__brincode={brin!r}, key={key!r}).update(emailadres='')"
    )


def ea_gebruikers(ea: EaProcess, *users: tuple[Gebruiker, str, Sequence[str]]) -> None:
    """``koppel ea gebruiker add`` per (user, e-mail, role options); passwords via the environment."""
    commands, env = [], {}
    for index, (user, email, rol) in enumerate(users):
        env[f"KOPPEL_WACHTWOORD_{index}"] = user.wachtwoord
        commands.append(
            ["gebruiker", "add", "--gebruikersnaam", user.gebruikersnaam, "--naam", user.naam,
             "--email", email, "--wachtwoord-env", f"KOPPEL_WACHTWOORD_{index}", *rol]
        )  # fmt: skip
    ea.run_many(*commands, env=env)


def ea_bestaande_leerkracht(ea: EaProcess, brin: str, leerkracht: BestaandeLeerkracht) -> None:
    """A Leerkracht record linked to the (existing) user account of ``leerkracht.gebruiker``."""
    ea.python(
        "from django.contrib.auth.models import User\n"
        "from koppel.ea.klanten.models import Klant, Leerkracht\n"
        f"Leerkracht.objects.create(klant=Klant.objects.get(brincode={brin!r}),"
        f" achternaam={leerkracht.achternaam!r}, roepnaam={leerkracht.roepnaam!r},"
        f" emailadres={leerkracht.emailadres!r},"
        f" user=User.objects.get(username={leerkracht.gebruiker.gebruikersnaam!r}))"
    )
