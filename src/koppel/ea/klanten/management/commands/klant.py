"""``koppel ea klant add --naam NAAM --brin 99XX``: register a school as customer."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from koppel.ea.klanten.models import Klant


class Command(BaseCommand):
    help = "Beheer klanten (scholen) van het testcentrum."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        add = sub.add_parser("add", help="voeg een school toe")
        add.add_argument("--naam", required=True)
        add.add_argument("--brin", required=True, help="BRIN-nummer, bijvoorbeeld 99XX")
        sub.add_parser("list", help="toon alle klanten")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["actie"] == "list":
            for klant in Klant.objects.order_by("naam"):
                self.stdout.write(f"{klant.brincode}\t{klant.naam}")
            return
        klant = Klant(naam=options["naam"], brincode=options["brin"])
        try:
            klant.full_clean()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        klant.save()
        self.stdout.write(f"Klant {klant} toegevoegd.")
