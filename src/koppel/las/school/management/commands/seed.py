"""``koppel las seed``: create a realistic, deterministic demo school (same seed, same school)."""

from __future__ import annotations

import re
import sys
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.progress import Progress

from koppel.las.errors import LasError
from koppel.las.school import services
from koppel.las.school.seeding import huidig_schooljaar, plan_school

PROGRESS_FROM = 2000


def _brin(value: str) -> str:
    if not re.fullmatch(r"\d{2}[A-Z]{2}", value):
        raise ArgumentTypeError(
            "een BRIN-code is twee cijfers en twee hoofdletters, bijvoorbeeld 99XX"
        )
    return value


def _schooljaar(value: str) -> str:
    if not re.fullmatch(r"[12]\d{3}-[12]\d{3}", value) or int(value[5:]) != int(value[:4]) + 1:
        raise ArgumentTypeError("een schooljaar ziet eruit als 2026-2027")
    return value


class Command(BaseCommand):
    help = (
        "Maak een demoschool met groepen, leerlingen en leerkrachten (deterministisch per --seed)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--brin", required=True, type=_brin, help="BRIN-code, bijvoorbeeld 99XX"
        )
        parser.add_argument(
            "--leerlingen", type=int, default=200, help="aantal leerlingen (standaard 200)"
        )
        parser.add_argument("--seed", type=int, default=1, help="zelfde seed geeft dezelfde school")
        parser.add_argument("--naam", help="naam van de school (standaard gegenereerd)")
        parser.add_argument(
            "--schooljaar", type=_schooljaar, help="standaard het huidige schooljaar"
        )
        parser.add_argument(
            "--vervang",
            action="store_true",
            help="vervang de gegevens van een bestaande school met deze BRIN-code",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        aantal = options["leerlingen"]
        if aantal < 1:
            raise CommandError("--leerlingen moet minstens 1 zijn.")
        plan = plan_school(
            brincode=options["brin"],
            leerlingen=aantal,
            seed=options["seed"],
            naam=options["naam"],
            schooljaar=options["schooljaar"] or huidig_schooljaar(timezone.localdate()),
        )
        try:
            school = self._store(plan, vervang=options["vervang"])
        except LasError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"School {school.brincode}{school.dependancecode} "
            f'"{school.naam}" ({school.schooljaar}): '
            f"{len(plan.leerlingen)} leerlingen, {len(plan.groepen)} groepen, "
            f"{len(plan.samengestelde_groepen)} samengestelde groepen, "
            f"{len(plan.leerkrachten)} leerkrachten (seed {options['seed']})."
        )

    def _store(self, plan: Any, *, vervang: bool) -> Any:
        if len(plan.leerlingen) < PROGRESS_FROM:
            return services.seed_school(plan, vervang=vervang)
        with Progress(console=Console(file=sys.stderr), transient=True) as progress:
            taak = progress.add_task("Leerlingen opslaan", total=len(plan.leerlingen))
            return services.seed_school(
                plan, vervang=vervang, progress=lambda n: progress.advance(taak, n)
            )
