"""Settings of the LAS project, read once from the environment. Nothing here connects anywhere.

- ``DATABASE_URL`` (any ``sqlite:///...`` or ``postgres://...``) overrides the default SQLite file
  ``$KOPPEL_VAR_DIR/las.sqlite3``; ``KOPPEL_VAR_DIR`` defaults to ``./var`` and is created.
- ``KOPPEL_LAS_SECRET_KEY`` is required unless ``KOPPEL_DEBUG=1`` or pytest runs.
- ``KOPPEL_KEY_PEPPER`` keys the HMAC digests of autorisatiesleutels. The default is derived from
  the secret key, so changing the secret key invalidates every issued key.
- ``KOPPEL_ALLOWED_HOSTS``: comma-separated (default: the loopback names).
- ``UWLR_MAX_REQUEST_BYTES``: the largest SOAP request accepted (default 16 MiB), UWLR and GKV.
- ``KOPPEL_LAS_KANTOORUREN``: office hours (Europe/Amsterdam) in which a GKV right with "GKV
  tijdens kantooruren: Nee" is refused (default ``ma-vr 07:00-18:00``; ``geen`` for none).
- ``KOPPEL_SECURE_COOKIES``: ``1`` (the default unless ``KOPPEL_DEBUG=1``) sends the session and
  CSRF cookies only over HTTPS; set ``0`` to use the web pages over plain HTTP on loopback.
- E-mail: ``KOPPEL_EMAIL_BACKEND`` is ``smtp`` (default), ``console`` or ``file`` (written to
  ``KOPPEL_EMAIL_FILE_PATH``, default ``$KOPPEL_VAR_DIR/mail``); SMTP uses Django's ``EMAIL_HOST``,
  ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS`` and
  ``EMAIL_USE_SSL`` from the environment; ``KOPPEL_EMAIL_FROM`` is the sender.
- ``KOPPEL_LAS_URL``: the public address of this LAS, used in e-mails (default
  ``http://127.0.0.1:8001``).
- Single sign-on (OpenID Connect, :mod:`koppel.las.sso`): ``KOPPEL_LAS_OIDC_KEY`` is a PEM file
  with the RS256 signing key (default: generated once into ``$KOPPEL_VAR_DIR/oidc-rs256.pem``);
  ``KOPPEL_LAS_OIDC_HTTP_REDIRECTS=1`` also accepts ``http`` redirect URIs of clients, for
  development and tests on loopback only (default: on with ``KOPPEL_DEBUG=1``, else https only).
"""

from __future__ import annotations

import hashlib
import hmac
import os

from koppel.common.settings import database, secret_key, var_dir
from koppel.common.settings_web import *  # noqa: F403  (shared web settings, see there)
from koppel.common.settings_web import DEBUG
from koppel.las.sso.keys import oidc_private_key
from koppel.las.sso.scopes import SCOPES

VAR_DIR = var_dir()

SECRET_KEY = secret_key("KOPPEL_LAS_SECRET_KEY", debug=DEBUG, project="las")
KOPPEL_KEY_PEPPER = (
    os.environ.get("KOPPEL_KEY_PEPPER")
    or hmac.new(
        SECRET_KEY.encode(), b"koppel.las.autorisatiesleutel-pepper", hashlib.sha256
    ).hexdigest()
)

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "koppel.common.web",
    "koppel.las.portal",
    "koppel.las.accounts",
    "koppel.las.partners",
    "koppel.las.school",
    "koppel.las.leerlingdossier",
    "koppel.las.koppelingen",
    "koppel.las.logboek",
    "koppel.las.resultaten",
    "koppel.las.uwlr_service",
    "koppel.las.gkv",
    "koppel.las.sso",  # before oauth2_provider: its templates replace DOT's
    "oauth2_provider",
]

STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # `collectstatic` fills it for production; WhiteNoise wants it

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "koppel.common.web.middleware.ContentSecurityPolicyMiddleware",
    "koppel.las.sso.middleware.PartnerFormActionMiddleware",  # after the CSP: see there
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "koppel.las.accounts.middleware.SchoolrolMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last, as django-axes asks: it turns a lock-out into the lock-out page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "koppel.las.urls"
WSGI_APPLICATION = "koppel.las.wsgi.application"
SERVE_NAAM, SERVE_PORT = "LAS", 8001  # `koppel las serve`
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
                "koppel.las.portal.context_processors.portal",
            ],
        },
    }
]


DATABASES = {"default": database(VAR_DIR / "las.sqlite3")}


UWLR_MAX_REQUEST_BYTES = int(os.environ.get("UWLR_MAX_REQUEST_BYTES", 16 * 1024 * 1024))
UWLR_AUTEUR = "Koppel LAS"
KANTOORUREN = os.environ.get("KOPPEL_LAS_KANTOORUREN", "ma-vr 07:00-18:00")


OTP_TOTP_ISSUER = "Koppel LAS"


OIDC_HTTP_REDIRECTS = os.environ.get("KOPPEL_LAS_OIDC_HTTP_REDIRECTS", "1" if DEBUG else "0") == "1"
# Not swapped; named because migrations referring to the swappable model resolve it from settings
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": oidc_private_key(os.environ.get("KOPPEL_LAS_OIDC_KEY"), VAR_DIR),
    "OAUTH2_VALIDATOR_CLASS": "koppel.las.sso.validators.KoppelValidator",
    "SCOPES": SCOPES,
    "DEFAULT_SCOPES": ["openid"],
    "PKCE_REQUIRED": True,
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"] if OIDC_HTTP_REDIRECTS else ["https"],
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 15 * 60,
    "ID_TOKEN_EXPIRE_SECONDS": 15 * 60,
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
    # No "Uitloggen?" question when the id_token_hint names the signed-in user (still asked otherwise)
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
}


LAS_URL = os.environ.get("KOPPEL_LAS_URL", "http://127.0.0.1:8001").rstrip("/")


EMAIL_FILE_PATH = os.environ.get("KOPPEL_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("KOPPEL_EMAIL_FROM", "Koppel LAS <noreply@koppel.invalid>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact": {"()": "koppel.common.logredact.RedactFilter"},
        "soap_faults": {"()": "koppel.common.logredact.SoapFaultFilter"},
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
