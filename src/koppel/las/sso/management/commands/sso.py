"""``koppel las sso client add --partner NAAM --redirect-uri URL``: register an OpenID Connect
client for a koppelpartner with the SSO right; prints client_id and secret once.

``--redirect-uri`` may be repeated (each is matched exactly); ``--post-logout-redirect-uri``
(repeatable) lists where RP-initiated logout may send the user back to. ``koppel las sso client
list`` shows the registered clients (never a secret).
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from koppel.las.errors import LasError
from koppel.las.sso import services
from koppel.las.sso.models import PartnerClient


class Command(BaseCommand):
    help = "Single sign-on: registreer koppelpartijen als OpenID Connect-client."

    def add_arguments(self, parser: ArgumentParser) -> None:
        clients = parser.add_subparsers(dest="onderwerp", required=True).add_parser("client")
        sub = clients.add_subparsers(dest="actie", required=True)
        add = sub.add_parser("add", help="registreer een client voor een koppelpartner")
        add.add_argument("--partner", required=True, help="naam van de koppelpartner")
        add.add_argument("--redirect-uri", required=True, action="append", dest="redirect_uris")
        add.add_argument(
            "--post-logout-redirect-uri", action="append", default=[], dest="post_logout_uris"
        )
        sub.add_parser("list", help="toon de geregistreerde clients")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["actie"] == "list":
            for link in PartnerClient.objects.select_related("partner", "application"):
                uris = link.application.redirect_uris
                self.stdout.write(f"{link.application.client_id}\t{link.partner.naam}\t{uris}")
            return
        try:
            client = services.register_client(
                partner_naam=options["partner"],
                redirect_uris=options["redirect_uris"],
                post_logout_uris=options["post_logout_uris"],
                now=timezone.now(),
            )
        except LasError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Client geregistreerd voor {client.partner}.")
        self.stdout.write(f"client_id: {client.client_id}")
        self.stdout.write(f"client_secret: {client.client_secret}")
        self.stdout.write(
            "Bewaar het secret nu: het LAS bewaart alleen een hash en toont het niet opnieuw."
        )
