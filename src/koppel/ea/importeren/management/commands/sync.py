"""``koppel ea sync``: sync couplings with their LAS now, by hand: every approved coupling
(``--all``) or those of one BRIN (``--brin 99XX``), with a progress bar and one line per coupling
with its uitkomst. Exits with code 1 when any sync failed.

The nightly sync is the worker's (``koppel ea worker``); this runs the same
:func:`~koppel.ea.importeren.sync.synchroniseer`, outside the window.
"""

from __future__ import annotations

import logging
from argparse import ArgumentParser
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.progress import Progress

from koppel.ea.importeren import sync, syncrooster
from koppel.ea.importeren.models import MISLUKT
from koppel.ea.koppeling.models import LasKoppeling

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Synchroniseert koppelingen nu met hun LAS: alle goedgekeurde (--all) of één BRIN."

    def add_arguments(self, parser: ArgumentParser) -> None:
        keuze = parser.add_mutually_exclusive_group(required=True)
        keuze.add_argument("--all", action="store_true", help="alle goedgekeurde koppelingen")
        keuze.add_argument("--brin", help="alleen de koppeling(en) van dit BRIN, bijvoorbeeld 99XX")

    def handle(self, *args: Any, **options: Any) -> None:
        koppelingen = syncrooster.goedgekeurde_koppelingen(brincode=options["brin"])
        if not koppelingen:
            raise CommandError(
                f"Geen goedgekeurde koppeling met BRIN {options['brin']}."
                if options["brin"]
                else "Er is geen goedgekeurde koppeling."
            )
        self.stdout.ending = ""  # the console writes whole lines itself
        console = Console(file=cast(TextIO, self.stdout), highlight=False, soft_wrap=True)
        mislukt = 0
        with Progress(
            console=console, transient=True, disable=not console.is_terminal
        ) as voortgang:
            taak = voortgang.add_task("Synchroniseren", total=len(koppelingen))
            for koppeling in koppelingen:
                uitkomst, regel = self._een(koppeling)
                mislukt += uitkomst == MISLUKT
                voortgang.console.print(regel, markup=False)
                voortgang.advance(taak)
        console.print(f"{len(koppelingen) - mislukt} van {len(koppelingen)} gelukt.", markup=False)
        if mislukt:
            raise CommandError(f"{mislukt} synchronisatie(s) mislukt.", returncode=1)

    def _een(self, koppeling: LasKoppeling) -> tuple[str, str]:
        """One coupling's sync and its line; a crash of one does not stop the others."""
        school = f"{koppeling.brincode}{koppeling.vestigingsnummer} {koppeling.klant.naam}"
        try:
            gedaan = sync.synchroniseer(koppeling, now=timezone.now())
        except Exception:  # the command is a process edge: log, report, go on with the next
            logger.exception("Sync of koppeling %s crashed", koppeling.pk)
            return MISLUKT, f"{school} - Mislukt: {sync.ONVERWACHT}"
        return gedaan.uitkomst, f"{school} - {gedaan.tekst}"
