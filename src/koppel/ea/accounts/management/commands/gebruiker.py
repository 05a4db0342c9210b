"""``koppel ea gebruiker add``: a log-in with a role (beheerder or leerkracht of a school, or
klantenservice). The password is asked for, or read from the variable ``--wachtwoord-env`` names.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from koppel.common.commands import wachtwoord as lees_wachtwoord
from koppel.ea.accounts import services
from koppel.ea.accounts.models import BEHEERDER, LEERKRACHT
from koppel.ea.errors import EaError
from koppel.ea.klanten.models import Klant


class Command(BaseCommand):
    help = "Maak gebruikers van het testcentrum aan."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        add = sub.add_parser("add", help="maak een gebruiker aan")
        add.add_argument("--gebruikersnaam", required=True)
        add.add_argument("--naam", default="")
        add.add_argument("--email", default="")
        add.add_argument("--wachtwoord-env")
        rol = add.add_mutually_exclusive_group(required=True)
        rol.add_argument("--beheerder", metavar="BRIN")
        rol.add_argument("--leerkracht", metavar="BRIN")
        rol.add_argument("--klantenservice", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        wachtwoord = lees_wachtwoord(options["wachtwoord_env"])
        try:
            with transaction.atomic():
                user = services.create_user(
                    options["gebruikersnaam"],
                    wachtwoord=wachtwoord,
                    naam=options["naam"],
                    emailadres=options["email"],
                )
                if options["klantenservice"]:
                    services.grant_klantenservice(user)
                else:
                    brin = options["beheerder"] or options["leerkracht"]
                    rol = BEHEERDER if options["beheerder"] else LEERKRACHT
                    services.grant(user, self._klant(brin), rol=rol)
        except EaError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Gebruiker {user.username} aangemaakt.")

    def _klant(self, brin: str) -> Klant:
        klant = Klant.objects.filter(brincode=brin[:4], dependancecode=brin[4:]).first()
        if klant is None:
            raise CommandError(f"Onbekende school: {brin}.")
        return klant
