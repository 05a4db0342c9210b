"""``koppel las gebruiker add``: create a log-in with a role, e.g. the first schoolbeheerder.

Examples::

    koppel las gebruiker add --gebruikersnaam beheer --naam "Anna de Vries" --beheerder 99XX
    koppel las gebruiker add --gebruikersnaam juf --medewerker 99XX --leerkracht LK-0001
    koppel las gebruiker add --gebruikersnaam vendor --las-beheer

The password is asked for, or read from the environment variable ``--wachtwoord-env`` names.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from koppel.common.commands import wachtwoord as lees_wachtwoord
from koppel.las.accounts import services
from koppel.las.accounts.models import BEHEERDER, MEDEWERKER
from koppel.las.errors import LasError
from koppel.las.school.models import Leerkracht, School


def _school(code: str) -> School:
    brin, dependance = code[:4], code[4:] or "00"
    try:
        return School.objects.get(brincode=brin, dependancecode=dependance)
    except School.DoesNotExist as error:
        raise CommandError(f"Onbekende school: {code}.") from error


class Command(BaseCommand):
    help = "Maak gebruikers aan met een rol (schoolbeheerder, medewerker, LAS-beheer)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        add = sub.add_parser("add", help="maak een gebruiker aan")
        add.add_argument("--gebruikersnaam", required=True)
        add.add_argument("--naam", default="", help="voor- en achternaam")
        add.add_argument("--email", default="")
        add.add_argument("--wachtwoord-env", help="lees het wachtwoord uit deze omgevingsvariabele")
        add.add_argument("--beheerder", metavar="BRIN", action="append", default=[])
        add.add_argument("--medewerker", metavar="BRIN", action="append", default=[])
        add.add_argument("--leerkracht", help="key van de leerkracht (bij --medewerker)")
        add.add_argument("--las-beheer", action="store_true", help="medewerker van LAS-beheer")
        sub.add_parser("list", help="toon alle gebruikers en hun rollen")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["actie"] == "list":
            self._list()
            return
        wachtwoord = lees_wachtwoord(options["wachtwoord_env"])
        try:
            with transaction.atomic():
                user = services.create_user(
                    options["gebruikersnaam"],
                    wachtwoord=wachtwoord,
                    naam=options["naam"],
                    emailadres=options["email"],
                )
                self._rollen(user, options)
        except LasError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Gebruiker {user.username} aangemaakt.")

    def _rollen(self, user: User, options: dict[str, Any]) -> None:
        for code in options["beheerder"]:
            services.grant_school(user, _school(code), rol=BEHEERDER)
        for code in options["medewerker"]:
            school = _school(code)
            leerkracht = None
            if options["leerkracht"]:
                leerkracht = Leerkracht.objects.filter(
                    school=school, key=options["leerkracht"]
                ).first()
                if leerkracht is None:
                    raise CommandError(f"Onbekende leerkracht: {options['leerkracht']}.")
            services.grant_school(user, school, rol=MEDEWERKER, leerkracht=leerkracht)
        if options["las_beheer"]:
            services.grant_las_beheer(user)

    def _list(self) -> None:
        for user in User.objects.order_by("username").prefetch_related("schoolrollen__school"):
            rollen = [f"{r.get_rol_display()} {r.school}" for r in user.schoolrollen.all()]
            if user.groups.filter(name="LAS-beheer").exists():
                rollen.append("LAS-beheer")
            self.stdout.write(f"{user.username}\t{', '.join(rollen) or '-'}")
