"""Settings of the LAS project, read once from the environment. Nothing here connects anywhere.

- ``DATABASE_URL`` (any ``sqlite:///...`` or ``postgres://...``) overrides the default SQLite file
  ``$KOPPEL_VAR_DIR/las.sqlite3``; ``KOPPEL_VAR_DIR`` defaults to ``./var`` and is created.
- ``KOPPEL_LAS_SECRET_KEY`` is required unless ``KOPPEL_DEBUG=1`` or pytest runs.
- ``KOPPEL_KEY_PEPPER`` keys the HMAC digests of autorisatiesleutels. The default is derived from
  the secret key, so changing the secret key invalidates every issued key.
- ``KOPPEL_ALLOWED_HOSTS``: comma-separated (default: the loopback names).
- ``UWLR_MAX_REQUEST_BYTES``: the largest SOAP request accepted (default 16 MiB).
- ``KOPPEL_SECURE_COOKIES``: ``1`` (the default unless ``KOPPEL_DEBUG=1``) sends the session and
  CSRF cookies only over HTTPS; set ``0`` to use the web pages over plain HTTP on loopback.
- E-mail: ``KOPPEL_EMAIL_BACKEND`` is ``smtp`` (default), ``console`` or ``file`` (written to
  ``KOPPEL_EMAIL_FILE_PATH``, default ``$KOPPEL_VAR_DIR/mail``); SMTP uses Django's ``EMAIL_HOST``,
  ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS`` and
  ``EMAIL_USE_SSL`` from the environment; ``KOPPEL_EMAIL_FROM`` is the sender.
- ``KOPPEL_LAS_URL``: the public address of this LAS, used in e-mails (default
  ``http://127.0.0.1:8001``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os

from koppel.common.settings import database, email_backend, secret_key, var_dir

DEBUG = os.environ.get("KOPPEL_DEBUG") == "1"
VAR_DIR = var_dir()

SECRET_KEY = secret_key("KOPPEL_LAS_SECRET_KEY", debug=DEBUG, project="las")
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
    "koppel.las.koppelingen",
    "koppel.las.resultaten",
    "koppel.las.uwlr_service",
]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # `collectstatic` fills it for production; WhiteNoise wants it
# WhiteNoise serves the apps' static files from gunicorn; no collectstatic step is needed.
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

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out user before the password is even checked
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
LOGIN_URL = "accounts:inloggen"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:inloggen"

# Lock-out: five failed log-ins for a user name from one address lock it there for 15 minutes
# (django-axes; per name and address, so nobody can lock a colleague out from elsewhere).
AXES_FAILURE_LIMIT = int(os.environ.get("KOPPEL_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("KOPPEL_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/geblokkeerd.html"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "Koppel LAS"

SECURE_COOKIES = os.environ.get("KOPPEL_SECURE_COOKIES", "0" if DEBUG else "1") == "1"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LAS_URL = os.environ.get("KOPPEL_LAS_URL", "http://127.0.0.1:8001").rstrip("/")


EMAIL_BACKEND = email_backend()
EMAIL_FILE_PATH = os.environ.get("KOPPEL_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL") == "1"
EMAIL_TIMEOUT = 20
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
