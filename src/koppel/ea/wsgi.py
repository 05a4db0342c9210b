"""WSGI entry point of the EA (gunicorn: ``koppel ea serve``)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koppel.ea.settings")
application = get_wsgi_application()
