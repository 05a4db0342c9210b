"""Settings of the LAS project, read once from the environment. Nothing here connects anywhere.

- ``DATABASE_URL`` (any ``sqlite:///...`` or ``postgres://...``) overrides the default SQLite file
  ``$KOPPEL_VAR_DIR/las.sqlite3``; ``KOPPEL_VAR_DIR`` defaults to ``./var`` and is created.
- ``KOPPEL_LAS_SECRET_KEY`` is required unless ``KOPPEL_DEBUG=1`` or pytest runs.
- ``KOPPEL_KEY_PEPPER`` keys the HMAC digests of autorisatiesleutels. The default is derived from
  the secret key, so changing the secret key invalidates every issued key.
- ``KOPPEL_ALLOWED_HOSTS``: comma-separated (default: the loopback names).
- ``UWLR_MAX_REQUEST_BYTES``: the largest SOAP request accepted (default 16 MiB).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

DEBUG = os.environ.get("KOPPEL_DEBUG") == "1"

VAR_DIR = Path(os.environ.get("KOPPEL_VAR_DIR", "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = os.environ.get("KOPPEL_LAS_SECRET_KEY", "")
    if key:
        return key
    # pytest sets PYTEST_VERSION before pytest-django loads these settings (before any conftest)
    if DEBUG or "PYTEST_VERSION" in os.environ:
        return "koppel-las-development-only-not-secret"
    raise ImproperlyConfigured(
        "Zet KOPPEL_LAS_SECRET_KEY (of KOPPEL_DEBUG=1 voor een ontwikkelomgeving)."
    )


SECRET_KEY = _secret_key()
KOPPEL_KEY_PEPPER = (
    os.environ.get("KOPPEL_KEY_PEPPER")
    or hmac.new(
        SECRET_KEY.encode(), b"koppel.las.autorisatiesleutel-pepper", hashlib.sha256
    ).hexdigest()
)

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("KOPPEL_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "koppel.las.school",
    "koppel.las.koppelingen",
    "koppel.las.resultaten",
    "koppel.las.uwlr_service",
]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "koppel.las.urls"
WSGI_APPLICATION = "koppel.las.wsgi.application"
TEMPLATES: list[dict[str, object]] = []


def _database() -> dict[str, object]:
    default = f"sqlite:///{VAR_DIR / 'las.sqlite3'}"
    config = dict(
        dj_database_url.parse(
            os.environ.get("DATABASE_URL", default), conn_max_age=60, conn_health_checks=True
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


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

UWLR_MAX_REQUEST_BYTES = int(os.environ.get("UWLR_MAX_REQUEST_BYTES", 16 * 1024 * 1024))
UWLR_AUTEUR = "Koppel LAS"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact": {"()": "koppel.las.logredact.RedactFilter"},
        "soap_faults": {"()": "koppel.las.logredact.SoapFaultFilter"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "level": "ERROR",
            "filters": ["soap_faults"],
            "propagate": False,
        },
        "django.db.backends": {"level": "WARNING"},
    },
}
