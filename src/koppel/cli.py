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
        koppel las gebruiker add --gebruikersnaam NAAM [--beheerder 99XX] [--medewerker 99XX
              --leerkracht KEY] [--las-beheer] [--wachtwoord-env VAR]
        koppel las serve [--host 127.0.0.1] [--port 8001] [--workers 2]
  ea    de educatieve applicatie (EA): nog geen onderdeel van deze installatie
"""


def _las(args: list[str]) -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "koppel.las.settings"
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["koppel las", *args])
    except ImproperlyConfigured as error:
        print(f"koppel las: {error}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return 0 if args else 2
    systeem, rest = args[0], args[1:]
    if systeem == "las":
        return _las(rest)
    if systeem == "ea":
        print(
            "koppel ea: de educatieve applicatie (EA) is nog geen onderdeel van deze installatie.",
            file=sys.stderr,
        )
        return 2
    print(f"koppel: onbekend systeem {systeem!r}\n\n{USAGE}", file=sys.stderr, end="")
    return 2


if __name__ == "__main__":
    sys.exit(main())
