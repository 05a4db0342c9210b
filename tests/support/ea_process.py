"""A real EA (test centre) process for end-to-end tests and scripts, next to a real LAS.

::

    with LasProcess() as las, EaProcess(las=las) as ea:
        ea.run("klant", "add", "--naam", "GKV testschool", "--brin", "99XX")
        ea.python("from koppel.ea.klanten.models import Klant; print(Klant.objects.count())")

How the process starts, where its data lives and how it stops: see
:mod:`tests.support.django_process`. The EA gets throwaway secrets, ``KOPPEL_EA_URL`` pointing to
itself and, given a LAS, that LAS's Leerlinggegevens endpoint as the ParnasSys endpoint
(``KOPPEL_EA_LAS_PARNASSYS_URL``) and as the "Koppel LAS" one. The EA identifies itself to the
LAS as Boom testcentrum UWLR (``BOOM-UWLR``) unless ``klantnaam``/``klantcode`` say otherwise.
"""

from __future__ import annotations

import secrets
from email import message_from_bytes, policy
from email.message import EmailMessage

from tests.support.django_process import DjangoProcess, ProcessError
from tests.support.las_process import LasProcess

__all__ = ["EaProcess", "EaProcessError", "las_endpoint"]

# What Django's file e-mail backend writes between two messages.
_MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


class EaProcessError(ProcessError):
    """The EA did not start, or a command against its database failed."""


def las_endpoint(las: LasProcess) -> str:
    """The UWLR Leerlinggegevens endpoint of a running LAS."""
    return f"{las.base_url}/uwlr/leerlinggegevens"


class EaProcess(DjangoProcess):
    """One EA server with its own database; ``run``/``run_many``/``python`` are ``koppel ea``."""

    project = "ea"
    naam = "EA"
    url_variable = "KOPPEL_EA_URL"
    error = EaProcessError

    def __init__(
        self,
        *,
        las: LasProcess | None = None,
        klantnaam: str = "Boom testcentrum UWLR",
        klantcode: str = "BOOM-UWLR",
        workers: int = 2,
        env: dict[str, str] | None = None,
    ) -> None:
        super().__init__(workers=workers, env=env)
        self.las, self.klantnaam, self.klantcode = las, klantnaam, klantcode

    def project_env(self) -> dict[str, str]:
        env = {
            "KOPPEL_EA_SECRET_KEY": f"e2e-{secrets.token_hex(16)}",
            "KOPPEL_EA_KLANTNAAM": self.klantnaam,
            "KOPPEL_EA_KLANTCODE": self.klantcode,
        }
        if self.las is not None:
            env["KOPPEL_EA_LAS_PARNASSYS_URL"] = las_endpoint(self.las)
            env["KOPPEL_EA_LAS_KOPPEL_URL"] = las_endpoint(self.las)
        return env

    def mails(self) -> list[EmailMessage]:
        """Every e-mail the EA sent so far (the file backend writes one file per connection)."""
        if not self.mail_dir.exists():
            return []
        found: list[EmailMessage] = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
            for raw in path.read_bytes().split(_MAIL_SEPARATOR):
                if raw.strip():
                    found.append(message_from_bytes(raw.strip() + b"\n", policy=policy.default))
        return found
