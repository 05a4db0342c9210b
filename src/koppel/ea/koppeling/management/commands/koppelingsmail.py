"""``koppel ea koppelingsmail``: send the koppelingsmail (manual, step 3 option 1) for every
approved coupling that has not had one, with the link to Gegevens importeren.

Run by cron or the worker (the manual promises the mail within 24 hours); safe to run repeatedly
and concurrently: each coupling is claimed before its mail goes out.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from koppel.ea.koppeling import services


class Command(BaseCommand):
    help = "Verstuurt de koppelingsmail voor goedgekeurde koppelingen die er nog geen kregen."

    def handle(self, *args: Any, **options: Any) -> None:
        verstuurd = services.send_koppelingsmails(now=timezone.now())
        woord = "koppelingsmail" if verstuurd == 1 else "koppelingsmails"
        self.stdout.write(f"{verstuurd} {woord} verstuurd.")
