"""``koppel las partner add --naam NAAM --klantcode CODE``: register an EA supplier."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from koppel.las.errors import LasError
from koppel.las.koppelingen import services
from koppel.las.koppelingen.models import Koppelpartner


class Command(BaseCommand):
    help = "Beheer koppelpartners (educatieve applicaties)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        add = sub.add_parser("add", help="voeg een koppelpartner toe")
        add.add_argument("--naam", required=True, help="klantnaam, zoals de partner die meestuurt")
        add.add_argument("--klantcode", required=True, help="klantcode, uniek per partner")
        sub.add_parser("list", help="toon alle koppelpartners")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["actie"] == "list":
            for partner in Koppelpartner.objects.order_by("naam"):
                self.stdout.write(f"{partner.klantcode}\t{partner.naam}")
            return
        try:
            partner = services.add_partner(naam=options["naam"], klantcode=options["klantcode"])
        except LasError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f'Koppelpartner "{partner.naam}" toegevoegd met klantcode {partner.klantcode}.'
        )
