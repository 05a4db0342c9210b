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
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os

from koppel.common.settings import database, email_backend, secret_key, var_dir

DEBUG = os.environ.get("KOPPEL_DEBUG") == "1"
VAR_DIR = var_dir()

SECRET_KEY = secret_key("KOPPEL_EA_SECRET_KEY", debug=DEBUG, project="ea")
SLEUTEL_KEY = (
    os.environ.get("KOPPEL_EA_SLEUTEL_KEY")
    or base64.urlsafe_b64encode(
        hashlib.sha256(b"koppel.ea.autorisatiesleutel:" + SECRET_KEY.encode()).digest()
    ).decode()
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
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "koppel.common.web",
    "koppel.ea.portal",
    "koppel.ea.accounts",
    "koppel.ea.klanten",
    "koppel.ea.koppeling",
    "koppel.ea.importeren",
]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static-ea"
STATIC_ROOT.mkdir(exist_ok=True)  # `collectstatic` fills it for production; WhiteNoise wants it
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:inloggen"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:inloggen"
# Teachers' invitation links (Django's password-reset tokens: single use, they expire)
PASSWORD_RESET_TIMEOUT = 7 * 24 * 60 * 60

AXES_FAILURE_LIMIT = int(os.environ.get("KOPPEL_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("KOPPEL_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/geblokkeerd.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

SECURE_COOKIES = os.environ.get("KOPPEL_SECURE_COOKIES", "0" if DEBUG else "1") == "1"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_NAME = "koppel_ea_sessionid"  # LAS and EA on one host (the demo) keep apart
CSRF_COOKIE_NAME = "koppel_ea_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

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

EMAIL_BACKEND = email_backend()
EMAIL_FILE_PATH = os.environ.get("KOPPEL_EMAIL_FILE_PATH", str(VAR_DIR / "mail-ea"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL") == "1"
EMAIL_TIMEOUT = 20
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
