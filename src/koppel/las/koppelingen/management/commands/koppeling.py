"""``koppel las koppeling suggereer|activeer|deactiveer``: couple a school with a partner.

``suggereer`` offers the coupling to the school without activating it (as a partner does from its
portal): it appears in the school's Beheer → Koppelingen with Actief = Nee, for the school's
beheerder to activate ("Afnemen"). ``activeer`` suggests the coupling when needed, activates it (or,
when it is active already, sets a new key) and prints the new autorisatiesleutel as the last line
of its output: it is shown once.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from koppel.las.errors import LasError
from koppel.las.koppelingen import services
from koppel.las.koppelingen.models import PROFIELEN, Koppeling, Koppelpartner
from koppel.las.school.models import School

DOOR = "beheerder (opdrachtregel)"


class Command(BaseCommand):
    help = "Stel voor, activeer of deactiveer de koppeling van een school met een koppelpartner."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        for naam, uitleg in (
            ("suggereer", "stel de koppeling voor; de school activeert haar zelf"),
            ("activeer", "activeer en toon een nieuwe autorisatiesleutel"),
            ("deactiveer", "zet de koppeling uit; de sleutel vervalt"),
        ):
            actie = sub.add_parser(naam, help=uitleg)
            actie.add_argument("--brin", required=True, help="BRIN-code, bijvoorbeeld 99XX")
            actie.add_argument("--dependance", default="00", help="dependancecode (standaard 00)")
            actie.add_argument("--klantcode", required=True)
            if naam in ("suggereer", "activeer"):
                actie.add_argument(
                    "--profiel",
                    choices=[p for p, _ in PROFIELEN],
                    default=None,
                    help="smalle-set (standaard) of lvs-set",
                )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            school = School.objects.get(
                brincode=options["brin"], dependancecode=options["dependance"]
            )
            partner = Koppelpartner.objects.get(klantcode=options["klantcode"])
        except (School.DoesNotExist, Koppelpartner.DoesNotExist) as error:
            raise CommandError("Onbekende school of klantcode.") from error
        try:
            if options["actie"] == "suggereer":
                self._suggereer(school, partner, options["profiel"])
            elif options["actie"] == "activeer":
                self._activeer(school, partner, options["profiel"])
            else:
                self._deactiveer(school, partner)
        except LasError as error:
            raise CommandError(str(error)) from error

    def _suggereer(self, school: School, partner: Koppelpartner, profiel: str | None) -> None:
        bestond = Koppeling.objects.filter(school=school, partner=partner).exists()
        koppeling = services.suggest(school=school, partner=partner, profiel=profiel)
        if bestond:
            self.stdout.write(
                f"Koppeling {partner.naam} – {school} was al voorgesteld "
                f"(actief: {'ja' if koppeling.actief else 'nee'}, {koppeling.profiel})."
            )
        else:
            self.stdout.write(
                f"Koppeling {partner.naam} – {school} voorgesteld ({koppeling.profiel}); "
                "de schoolbeheerder kan haar nu afnemen."
            )

    def _activeer(self, school: School, partner: Koppelpartner, profiel: str | None) -> None:
        koppeling = services.suggest(school=school, partner=partner, profiel=profiel)
        if koppeling.actief:
            self.stdout.write(
                "De koppeling was al actief; er is een nieuwe autorisatiesleutel ingesteld."
            )
        else:
            services.activate(koppeling, door=DOOR)
            self.stdout.write(
                f"Koppeling {partner.naam} – {school} geactiveerd ({koppeling.profiel})."
            )
        sleutel = services.rekey(koppeling, door=DOOR)
        self.stdout.write("Let op: deze autorisatiesleutel wordt maar één keer getoond.")
        self.stdout.write(sleutel)

    def _deactiveer(self, school: School, partner: Koppelpartner) -> None:
        koppeling = Koppeling.objects.filter(school=school, partner=partner).first()
        if koppeling is None:
            raise CommandError("Er is geen koppeling tussen deze school en partner.")
        services.deactivate(koppeling, door=DOOR)
        self.stdout.write(f"Koppeling {partner.naam} – {school} gedeactiveerd.")
