"""``koppel las serve``: the LAS behind gunicorn (not Django's development server)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    def __init__(self, options: dict[str, object]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIHandler:
        from koppel.las.wsgi import application

        return application


class Command(BaseCommand):
    help = "Start de LAS-webservices met gunicorn."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=1)
        parser.add_argument("--timeout", type=int, default=60)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(
            f"LAS luistert op http://{options['host']}:{options['port']}/ "
            f"(UWLR: /uwlr/leerlinggegevens en /uwlr/leerresultaten)"
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
                "proc_name": "koppel-las",
                # gunicorn's control socket (~/.gunicorn) would be shared by every LAS on the host
                "control_socket_disable": True,
            }
        ).run()
