"""The ``koppel`` command.

``koppel las <command>`` runs a Django management command of the LAS (``seed``, ``partner``,
``koppeling``, ``serve`` and every standard one such as ``migrate``); ``koppel ea ...`` belongs to
the educational application, which is not part of this installation yet.
"""

from __future__ import annotations

import os
import sys

USAGE = """\
gebruik: koppel <systeem> <opdracht> [opties]

systemen:
  las   het leerlingadministratiesysteem (LAS): koppel las help toont alle opdrachten
        koppel las migrate
        koppel las seed --brin 99XX --leerlingen 200 [--seed 1] [--naam "..."] [--vervang]
        koppel las partner add --naam NAAM --klantcode CODE
        koppel las koppeling suggereer|activeer|deactiveer --brin 99XX --klantcode CODE
        koppel las sso client add --partner NAAM --redirect-uri URL | list   (OpenID Connect-clients)
        koppel las gebruiker add --gebruikersnaam NAAM [--beheerder 99XX] [--medewerker 99XX
              --leerkracht KEY] [--las-beheer] [--wachtwoord-env VAR]
        koppel las serve [--host 127.0.0.1] [--port 8001] [--workers 2]
  ea    de educatieve applicatie (EA, een testcentrum): koppel ea help toont alle opdrachten
        koppel ea migrate
        koppel ea klant add --naam "..." --brin 99XX
        koppel ea gebruiker add --gebruikersnaam NAAM [--beheerder 99XX | --leerkracht 99XX
              | --klantenservice] [--wachtwoord-env VAR]
        koppel ea toetsen laad | lijst   (de toetscatalogus)
        koppel ea worker [--once] [--engine celery [--concurrency N] [--beat] | --engine celery-beat]
                                        (resultaten naar het LAS, nachtelijke synchronisatie,
                                         koppelingsmail)
        koppel ea lever [--tot-leeg]    (resultaten nu naar het LAS sturen)
        koppel ea sync --all | --brin 99XX   (met de hand; 's nachts doet de worker dit)
        koppel ea koppelingsmail        (de koppelingsmail na goedkeuring; de worker doet dit elk uur)
        koppel ea serve [--host 127.0.0.1] [--port 8002] [--workers 2]
"""


def _django(systeem: str, args: list[str]) -> int:
    """Run a management command of one project (its own settings module and database)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = f"koppel.{systeem}.settings"
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line([f"koppel {systeem}", *args])
    except ImproperlyConfigured as error:
        print(f"koppel {systeem}: {error}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return 0 if args else 2
    systeem, rest = args[0], args[1:]
    if systeem in ("las", "ea"):
        return _django(systeem, rest)
    print(f"koppel: onbekend systeem {systeem!r}\n\n{USAGE}", file=sys.stderr, end="")
    return 2


if __name__ == "__main__":
    sys.exit(main())
