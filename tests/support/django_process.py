"""A real server process of one Koppel project (``koppel las serve`` or ``koppel ea serve``) for
end-to-end tests and scripts: its own database, gunicorn on loopback.

The projects' own classes (:class:`~tests.support.las_process.LasProcess`,
:class:`~tests.support.ea_process.EaProcess`) only add their environment. On entering, a temporary
directory is made (``KOPPEL_VAR_DIR``, the mail directory and the server's logs), a fresh database
is created and migrated, and ``koppel <project> serve`` starts on a free loopback port; the context
is ready once ``GET /inloggen/`` answers. The database is a SQLite file in the temporary
directory, unless the caller's ``DATABASE_URL`` is a PostgreSQL URL (``make test-las-postgres``):
then a database with a random name is created on that same server and dropped afterwards. On
leaving, the server is stopped (terminate, then kill) and everything is removed.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import ClassVar, Self
from urllib.parse import urlsplit, urlunsplit

import httpx

__all__ = ["DjangoProcess", "ProcessError", "free_port", "tail"]

READY_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
DROP_TIMEOUT = 30.0
PORT_ATTEMPTS = 3
TAIL_LINES = 40

# Variables of the caller that must not leak into the server: pytest's own, and settings chosen here.
_DROPPED = ("DJANGO_SETTINGS_MODULE", "KOPPEL_DEBUG", "DATABASE_URL")


class ProcessError(RuntimeError):
    """The server did not start, or a command against its database failed."""


def _koppel() -> str:
    """The ``koppel`` command of the running interpreter's virtualenv (else the one on PATH)."""
    beside = Path(sys.executable).with_name("koppel")
    if beside.exists():
        return str(beside)
    found = shutil.which("koppel")
    if found is None:
        raise ProcessError("Het commando 'koppel' is niet gevonden; draai eerst 'make install'.")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tail(path: Path, lines: int = TAIL_LINES) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class _Postgres:
    """A throwaway database on the server the caller's ``DATABASE_URL`` points to."""

    def __init__(self, url: str) -> None:
        self.server_url = url
        self.name = f"koppel_e2e_{secrets.token_hex(6)}"
        parts = urlsplit(url)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))

    def _execute(self, sql: str) -> None:
        import psycopg  # only needed on PostgreSQL runs

        with psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(sql.encode())  # the name is ours: hex digits only

    def create(self) -> None:
        self._execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        """Drop the database, ending the server's leftover connections (``WITH (FORCE)``).

        An autovacuum worker busy in the database has no role, so a role without
        ``pg_signal_backend`` may not end it; such a worker stops within moments, so the drop is
        tried again for a while before giving up.
        """
        import psycopg  # only needed on PostgreSQL runs

        deadline = time.monotonic() + DROP_TIMEOUT
        while True:
            try:
                self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
                return
            except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)


class DjangoProcess:
    """One server of a project with its own database; see the module docstring."""

    #: ``las`` or ``ea``: the first argument of ``koppel``.
    project: ClassVar[str]
    #: How error messages name the system ("de LAS stopte ...").
    naam: ClassVar[str]
    #: The variable holding the server's public address (used in e-mails).
    url_variable: ClassVar[str]
    error: ClassVar[type[ProcessError]] = ProcessError

    def __init__(self, *, workers: int = 2, env: dict[str, str] | None = None) -> None:
        self.workers = workers
        self.extra_env = dict(env or {})
        self.port = 0
        self.dir = Path()
        self.env: dict[str, str] = {}
        self.process: subprocess.Popen[bytes] | None = None
        self._postgres: _Postgres | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def mail_dir(self) -> Path:
        return self.dir / "mail"

    def server_log(self) -> str:
        """Everything the server wrote so far (access log and errors)."""
        return "".join(
            (self.dir / name).read_text(errors="replace") for name in ("server.out", "server.err")
        )

    def project_env(self) -> dict[str, str]:
        """The project's own variables (secrets); the subclasses add theirs."""
        return {}

    # --- lifecycle -----------------------------------------------------------------------------

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException as error:
            self.__exit__(type(error), error, error.__traceback__)
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc is None:
            self.stop()
            return
        # Cleaning up must not hide why the test failed: a failed clean-up becomes a note.
        try:
            self.stop()
        except Exception as cleanup:
            exc.add_note(f"Daarna mislukte ook het opruimen: {cleanup!r}")

    def start(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix=f"koppel-{self.project}-"))
        self.port = free_port()
        self.env = self._environment()
        if self._postgres is not None:
            self._postgres.create()
        self.run("migrate", "--no-input", "-v", "0")
        for attempt in range(PORT_ATTEMPTS):
            self._spawn()
            try:
                self._wait_until_ready()
                return
            except ProcessError:
                # another process may have taken the free port in between: try a new one
                if attempt + 1 == PORT_ATTEMPTS or not self._port_was_taken():
                    raise
                self._stop_server()
                self.port = free_port()
                self.env[self.url_variable] = self.base_url

    def _port_was_taken(self) -> bool:
        return "Address already in use" in tail(self.dir / "server.err")

    def stop(self) -> None:
        self._stop_server()
        if self._postgres is not None:
            try:
                self._postgres.drop()
            finally:
                self._postgres = None
        if self.dir.parts:
            shutil.rmtree(self.dir, ignore_errors=True)

    def _environment(self) -> dict[str, str]:
        env = {
            k: v for k, v in os.environ.items() if not k.startswith("PYTEST") and k not in _DROPPED
        }
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith(("postgres://", "postgresql://")):
            self._postgres = _Postgres(database_url)
            env["DATABASE_URL"] = self._postgres.url
        else:
            env["DATABASE_URL"] = f"sqlite:///{self.dir / f'{self.project}.sqlite3'}"
        env.update(
            KOPPEL_VAR_DIR=str(self.dir),
            KOPPEL_SECURE_COOKIES="0",
            KOPPEL_EMAIL_BACKEND="file",
            KOPPEL_EMAIL_FILE_PATH=str(self.mail_dir),
        )
        env[self.url_variable] = self.base_url
        env.update(self.project_env())
        env.update(self.extra_env)
        return env

    def _spawn(self) -> None:
        command = [_koppel(), self.project, "serve", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--workers", str(self.workers)]
        with (
            open(self.dir / "server.out", "wb") as out,
            open(self.dir / "server.err", "wb") as err,
        ):
            # A session of its own, so that the workers can be killed with the master if need be.
            self.process = subprocess.Popen(
                command, env=self.env, stdout=out, stderr=err, start_new_session=True
            )

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                assert self.process is not None
                if self.process.poll() is not None:
                    self._fail(f"de {self.naam} stopte met code {self.process.returncode}")
                try:
                    if client.get(f"{self.base_url}/inloggen/").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
        self._fail(f"de {self.naam} antwoordde niet binnen {READY_TIMEOUT:.0f} s")

    def _fail(self, reason: str) -> None:
        raise self.error(
            f"{reason} op {self.base_url}.\n--- stderr (laatste regels) ---\n"
            f"{tail(self.dir / 'server.err')}\n--- stdout ---\n{tail(self.dir / 'server.out')}"
        )

    def _stop_server(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            # the group is the one started in _spawn: the master and its own workers only
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)

    # --- commands against the same database ----------------------------------------------------

    def run(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run ``koppel <project> ARGS`` against this server's database; returns standard output."""
        result = subprocess.run(
            [_koppel(), self.project, *args],
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if result.returncode != 0:
            raise self.error(
                f"koppel {self.project} {' '.join(args)} faalde ({result.returncode}):\n"
                f"{result.stderr.strip()}\n{result.stdout.strip()}"
            )
        return result.stdout

    def run_many(self, *commands: Sequence[str], env: dict[str, str] | None = None) -> str:
        """Run several management commands in one process (each start costs about a second)."""
        code = (
            "from django.core.management import call_command\n"
            f"for args in {[list(c) for c in commands]!r}:\n    call_command(*args)"
        )
        return self.python(code, env=env)

    def python(self, code: str, *, env: dict[str, str] | None = None) -> str:
        """Run Python code with Django set up (``koppel <project> shell -c``); returns its output."""
        return self.run("shell", "--no-imports", "-c", code, env=env).strip()
