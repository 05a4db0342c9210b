"""Helpers the settings modules of both projects use to read the environment (once, at start).

Nothing here connects anywhere; each function only turns environment variables into values.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}


def var_dir() -> Path:
    """``KOPPEL_VAR_DIR`` (default ``./var``), created when missing."""
    path = Path(os.environ.get("KOPPEL_VAR_DIR", "var")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(variable: str, *, debug: bool, project: str) -> str:
    """The secret key from ``variable``; a fixed development key only in debug or under pytest."""
    key = os.environ.get(variable, "")
    if key:
        return key
    # pytest sets PYTEST_VERSION before pytest-django loads the settings (before any conftest)
    if debug or "PYTEST_VERSION" in os.environ:
        return f"koppel-{project}-development-only-not-secret"
    raise ImproperlyConfigured(f"Zet {variable} (of KOPPEL_DEBUG=1 voor een ontwikkelomgeving).")


def database(default_sqlite: Path) -> dict[str, object]:
    """``DATABASE_URL`` (sqlite or postgres) or the SQLite file ``default_sqlite``."""
    config = dict(
        dj_database_url.parse(
            os.environ.get("DATABASE_URL", f"sqlite:///{default_sqlite}"),
            conn_max_age=60,
            conn_health_checks=True,
        )
    )
    if str(config["ENGINE"]).endswith("sqlite3"):
        # several gunicorn workers share the file: WAL lets readers run next to a writer
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


def email_backend() -> str:
    """``KOPPEL_EMAIL_BACKEND``: ``smtp`` (default), ``console`` or ``file``."""
    kind = os.environ.get("KOPPEL_EMAIL_BACKEND", "smtp")
    if kind not in EMAIL_BACKENDS:
        raise ImproperlyConfigured("KOPPEL_EMAIL_BACKEND is smtp, console of file.")
    return EMAIL_BACKENDS[kind]
