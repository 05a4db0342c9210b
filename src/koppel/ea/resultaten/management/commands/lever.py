"""``koppel ea lever``: deliver the due results in the outbox to the schools' LASes once, or with
``--tot-leeg`` until nothing is due any more (a LAS that fails ends the run: its results wait for
their backoff). The background worker calls the same :func:`koppel.ea.resultaten.relay.lever`.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from koppel.ea.resultaten import relay


def _positief(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(f"Verwacht een positief geheel getal, niet {value!r}.")
    return number


class Command(BaseCommand):
    help = "Verstuurt de definitieve resultaten in de wachtrij naar het LAS van elke school."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--tot-leeg", action="store_true", help="herhaal tot er niets meer klaarstaat"
        )
        parser.add_argument(
            "--batch", type=_positief, default=relay.BATCHGROOTTE,
            help=f"resultaten per bericht (standaard {relay.BATCHGROOTTE})",
        )  # fmt: skip
        parser.add_argument(
            "--lease", type=_positief, default=int(relay.LEASE.total_seconds()),
            help="seconden dat een batch geclaimd blijft (standaard 300)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        worker = f"{socket.gethostname()}:{os.getpid()}"[:64]
        kwargs = {
            "worker": worker,
            "batchgrootte": options["batch"],
            "lease": dt.timedelta(seconds=options["lease"]),
        }
        totaal = relay.lever(**kwargs)
        while options["tot_leeg"] and self._nog_een_ronde(totaal):
            totaal += relay.lever(**kwargs)
        self.stdout.write(f"Resultaten: {totaal}.")

    def _nog_een_ronde(self, totaal: relay.LeverUitkomst) -> bool:
        """Go on while everything went and more became due; stop at a failing LAS."""
        return totaal.opnieuw == 0 and bool(relay.verschuldigde_klanten(timezone.now()))
