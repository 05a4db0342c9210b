"""WSGI entry point of the LAS (served by gunicorn through ``koppel las serve``)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koppel.las.settings")

application = get_wsgi_application()
