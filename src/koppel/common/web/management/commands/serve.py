"""``koppel las serve`` / ``koppel ea serve``: the project behind gunicorn (not Django's
development server). The project's settings name it (``SERVE_NAAM``), its default port
(``SERVE_PORT``) and what it serves (``WSGI_APPLICATION``)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    def __init__(self, options: dict[str, object]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIHandler:
        application: WSGIHandler = import_string(settings.WSGI_APPLICATION)
        return application


class Command(BaseCommand):
    help = "Start de webapplicatie met gunicorn."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.SERVE_PORT)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=1)
        parser.add_argument("--timeout", type=int, default=60)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(
            f"{settings.SERVE_NAAM} luistert op http://{options['host']}:{options['port']}/"
        )
        self.stdout.flush()
        _Gunicorn(
            {
                "bind": f"{options['host']}:{options['port']}",
                "workers": options["workers"],
                "threads": options["threads"],
                "timeout": options["timeout"],
                "accesslog": "-",
                "errorlog": "-",
                "proc_name": f"koppel-{settings.SERVE_NAAM.lower()}",
                # gunicorn's control socket (~/.gunicorn) would be shared by every server on the host
                "control_socket_disable": True,
            }
        ).run()
