"""A real LAS process for end-to-end tests and scripts: its own database, gunicorn on loopback.

::

    with LasProcess() as las:
        las.run("seed", "--brin", "99XX", "--leerlingen", "60", "--seed", "1")
        httpx.get(f"{las.base_url}/inloggen/")
        las.python("from koppel.las.school.models import School; print(School.objects.count())")

How the process starts, where its data lives and how it stops: see
:mod:`tests.support.django_process` (the same for the EA's
:class:`~tests.support.ea_process.EaProcess`). The LAS gets throwaway secrets of its own and
``KOPPEL_LAS_URL`` pointing to itself.
"""

from __future__ import annotations

import secrets

from tests.support.django_process import DjangoProcess, ProcessError, free_port, tail

__all__ = ["LasProcess", "LasProcessError", "free_port", "tail"]


class LasProcessError(ProcessError):
    """The LAS did not start, or a command against its database failed."""


class LasProcess(DjangoProcess):
    """One LAS server with its own database; ``run``/``run_many``/``python`` are ``koppel las``."""

    project = "las"
    naam = "LAS"
    url_variable = "KOPPEL_LAS_URL"
    error = LasProcessError

    def project_env(self) -> dict[str, str]:
        return {
            "KOPPEL_LAS_SECRET_KEY": f"e2e-{secrets.token_hex(16)}",
            "KOPPEL_KEY_PEPPER": f"e2e-{secrets.token_hex(16)}",
        }
