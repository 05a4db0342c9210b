"""Settings of the EA project (the test centre), read once from the environment.

The variables mirror the LAS's (see ``koppel.las.settings``), with ``EA`` in the names that
differ between the two systems:

- ``DATABASE_URL`` overrides the default SQLite file ``$KOPPEL_VAR_DIR/ea.sqlite3``.
- ``KOPPEL_EA_SECRET_KEY`` is required unless ``KOPPEL_DEBUG=1`` or pytest runs.
- ``KOPPEL_EA_SLEUTEL_KEY``: the Fernet key that encrypts stored autorisatiesleutels (default:
  derived from the secret key, so changing the secret key makes stored keys unreadable).
- ``KOPPEL_ALLOWED_HOSTS``, ``KOPPEL_SECURE_COOKIES``, ``KOPPEL_EMAIL_*`` and ``EMAIL_*``: as in the LAS.
- ``KOPPEL_EA_URL``: the public address of this EA, used in e-mails (default
  ``http://127.0.0.1:8002``).
- ``KOPPEL_EA_LAS_<TYPE>_URL``: the UWLR endpoint (Leerlinggegevens) of a LAS type, e.g.
  ``KOPPEL_EA_LAS_PARNASSYS_URL``; see :mod:`koppel.ea.koppeling.lastypes`.
  ``KOPPEL_EA_LAS_CLIENT_CERT``: a PEM file with client certificate and key, for LASes that ask one.
- ``KOPPEL_EA_KLANTNAAM`` / ``KOPPEL_EA_KLANTCODE``: how this EA identifies itself to every LAS.
- ``KOPPEL_EA_SYNC_VENSTER``: when the nightly sync of every coupling runs, Dutch time (default
  ``01:00-05:00``); ``KOPPEL_EA_SYNC_HERHAAL_NA``: minutes before a failed sync is tried again in
  the same window (default 30). See :mod:`koppel.ea.importeren.syncrooster`.
- ``KOPPEL_EA_OIDC_<TYPE>_ISSUER``, ``..._CLIENT_ID`` and ``..._CLIENT_SECRET``: "Inloggen met
  <LAS>" (OpenID Connect) for a LAS type, e.g. ``KOPPEL_EA_OIDC_PARNASSYS_ISSUER``; a type shows its
  button only with all three set. The issuer must be https (http only to a loopback address).
  See :mod:`koppel.ea.sso`. ``KOPPEL_EA_OIDC_CACHE_SECONDS``: how long the LAS's discovery
  document and keys (JWKS) stay in the cache (default 3600).
"""

from __future__ import annotations

import base64
import hashlib
import os

from koppel.common.settings import database, secret_key, var_dir
from koppel.common.settings_web import *  # noqa: F403  (shared web settings, see there)
from koppel.common.settings_web import DEBUG

VAR_DIR = var_dir()

SECRET_KEY = secret_key("KOPPEL_EA_SECRET_KEY", debug=DEBUG, project="ea")
SLEUTEL_KEY = (
    os.environ.get("KOPPEL_EA_SLEUTEL_KEY")
    or base64.urlsafe_b64encode(
        hashlib.sha256(b"koppel.ea.autorisatiesleutel:" + SECRET_KEY.encode()).digest()
    ).decode()
)

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "koppel.common.web",
    "koppel.ea.portal",
    "koppel.ea.accounts",
    "koppel.ea.klanten",
    "koppel.ea.koppeling",
    "koppel.ea.importeren",
    "koppel.ea.toetsen",
    "koppel.ea.resultaten",
    "koppel.ea.taken",
    "koppel.ea.sso",
    "koppel.ea.logboek",
]

STATIC_ROOT = VAR_DIR / "static-ea"
STATIC_ROOT.mkdir(exist_ok=True)  # `collectstatic` fills it for production; WhiteNoise wants it

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "koppel.common.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "koppel.ea.accounts.middleware.RolMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "koppel.ea.urls"
WSGI_APPLICATION = "koppel.ea.wsgi.application"
SERVE_NAAM, SERVE_PORT = "EA", 8002  # `koppel ea serve`
TEMPLATES: list[dict[str, object]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koppel.ea.portal.context_processors.portal",
            ],
        },
    }
]

DATABASES = {"default": database(VAR_DIR / "ea.sqlite3")}

# Teachers' invitation links (Django's password-reset tokens: single use, they expire)
PASSWORD_RESET_TIMEOUT = 7 * 24 * 60 * 60


SESSION_COOKIE_NAME = "koppel_ea_sessionid"  # LAS and EA on one host (the demo) keep apart
CSRF_COOKIE_NAME = "koppel_ea_csrftoken"

EA_URL = os.environ.get("KOPPEL_EA_URL", "http://127.0.0.1:8002").rstrip("/")
EA_NAAM = "Koppel testcentrum"
UWLR_TIMEOUT = float(os.environ.get("KOPPEL_EA_UWLR_TIMEOUT", 60))
UWLR_KLANTNAAM = os.environ.get("KOPPEL_EA_KLANTNAAM", "Boom testcentrum UWLR")
UWLR_KLANTCODE = os.environ.get("KOPPEL_EA_KLANTCODE", "BOOM-UWLR")
# The UWLR endpoint (Leerlinggegevens) per LAS type (koppel.ea.koppeling.lastypes), e.g.
# KOPPEL_EA_LAS_PARNASSYS_URL; a type without one cannot be chosen on this installation.
LAS_TYPES = ("parnassys", "esis", "schoolkr8", "somtoday", "magister", "koppel")
LAS_ENDPOINTS = {
    code: os.environ[f"KOPPEL_EA_LAS_{code.upper()}_URL"]
    for code in LAS_TYPES
    if os.environ.get(f"KOPPEL_EA_LAS_{code.upper()}_URL")
}
LAS_CLIENT_CERT = os.environ.get("KOPPEL_EA_LAS_CLIENT_CERT") or None
# "Inloggen met <LAS>" per LAS type (koppel.ea.sso): only types with all three variables
OIDC_PROVIDERS = {
    code: {
        veld: os.environ[f"KOPPEL_EA_OIDC_{code.upper()}_{veld.upper()}"]
        for veld in ("issuer", "client_id", "client_secret")
    }
    for code in LAS_TYPES
    if all(
        os.environ.get(f"KOPPEL_EA_OIDC_{code.upper()}_{veld}")
        for veld in ("ISSUER", "CLIENT_ID", "CLIENT_SECRET")
    )
}
# The LAS's discovery document and JWKS stay this long in Django's (per-process) cache
OIDC_CACHE_SECONDS = int(os.environ.get("KOPPEL_EA_OIDC_CACHE_SECONDS", 3600))
# The nightly sync (koppel.ea.importeren.sync): the window, Europe/Amsterdam, and the retry delay
SYNC_VENSTER = os.environ.get("KOPPEL_EA_SYNC_VENSTER", "01:00-05:00")
SYNC_HERHAAL_NA = float(os.environ.get("KOPPEL_EA_SYNC_HERHAAL_NA", 30))

EMAIL_FILE_PATH = os.environ.get("KOPPEL_EMAIL_FILE_PATH", str(VAR_DIR / "mail-ea"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "KOPPEL_EMAIL_FROM", "Koppel testcentrum <noreply@testcentrum.invalid>"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "koppel.common.logredact.RedactFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
