"""Helpers of the projects' management commands."""

from __future__ import annotations

import getpass
import os

from django.core.management.base import CommandError


def wachtwoord(env: str | None) -> str:
    """A new password: from the environment variable ``env``, or asked for twice at the prompt."""
    if env:
        if not os.environ.get(env):
            raise CommandError(f"Omgevingsvariabele {env} is leeg.")
        return os.environ[env]
    eerste = getpass.getpass("Wachtwoord: ")
    if eerste != getpass.getpass("Nog een keer: "):
        raise CommandError("De wachtwoorden zijn niet gelijk.")
    return eerste
