"""``koppel ea toetsen laad [--map MAP]`` loads the test catalogue (idempotent: matched by code);
``koppel ea toetsen lijst`` shows the tests with their onderdelen."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from koppel.ea.toetsen import catalogus
from koppel.ea.toetsen.models import Toets


class Command(BaseCommand):
    help = "Beheer de toetscatalogus van het testcentrum."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        laad = sub.add_parser("laad", help="laad of werk de toetsen bij uit de JSON-bestanden")
        laad.add_argument(
            "--map", type=Path, default=catalogus.CATALOGUS, help="map met de toetsbestanden"
        )
        sub.add_parser("lijst", help="toon alle toetsen met hun onderdelen")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["actie"] == "lijst":
            self._lijst()
            return
        try:
            geladen = catalogus.laad(options["map"])
        except catalogus.CatalogusFout as error:
            raise CommandError(str(error)) from error
        for uitkomst in geladen:
            gedaan = "toegevoegd" if uitkomst.nieuw else "bijgewerkt"
            self.stdout.write(
                f"Toets {uitkomst.toets.code} ({uitkomst.toets.naam}) {gedaan}: "
                f"{uitkomst.onderdelen} onderdelen, {uitkomst.opgaven} opgaven."
            )

    def _lijst(self) -> None:
        toetsen = Toets.objects.prefetch_related("onderdelen").order_by("code")
        if not toetsen:
            self.stdout.write("Er zijn nog geen toetsen. Laad ze met: koppel ea toetsen laad")
        for toets in toetsen:
            status = "" if toets.actief else " (niet actief)"
            self.stdout.write(
                f"{toets.code}\t{toets.afkorting}\t{toets.naam}\t{toets.vakgebied}\t"
                f"leerjaar {toets.leerjaar}{status}"
            )
            for onderdeel in toets.onderdelen.all():
                self.stdout.write(f"  {onderdeel.code}\t{onderdeel.naam}\t0..{onderdeel.max_score}")
