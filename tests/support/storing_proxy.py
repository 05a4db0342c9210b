"""A fault-injecting HTTP proxy in front of a real server, for delivery tests (stdlib only).

::

    with StoringProxy(las.base_url) as proxy:
        endpoint = f"{proxy.base_url}/uwlr/leerlinggegevens"
        proxy.zet("http500")            # every next request fails
        proxy.zet("traag", na=2)        # two more pass through, then the answers hang
        proxy.zet("doorlaten")          # healthy again

Modes (switch at any time, from any thread; each request takes the mode of the moment it
arrives):

- ``doorlaten``: pass the request on and its answer back;
- ``down``: close the connection without an answer (a LAS that crashed: the client sees the
  connection drop, nothing reaches the server);
- ``traag``: pass the request on, so the server handles it, then hold the answer for
  ``vertraging`` seconds: beyond a client's timeout this is the nasty case of work done but
  never acknowledged;
- ``http500``: answer HTTP 500 with an HTML page, without passing on;
- ``rommel``: answer 200 with a body that is not XML at all, without passing on.

``ontvangen`` counts the requests that came in, ``doorgestuurd`` those the server answered, and
``bodies`` keeps every request body that was passed on (to check what was sent, and how often).
"""

from __future__ import annotations

import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Literal, Self
from urllib.parse import urlsplit

__all__ = ["Modus", "StoringProxy"]

Modus = Literal["doorlaten", "down", "traag", "http500", "rommel"]
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "host", "proxy-connection"}
_FOUTPAGINA = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
_ROMMEL = b"\x00\x01 dit is geen SOAP-antwoord <<<&&&"


class StoringProxy:
    """A proxy on a free loopback port in front of ``upstream`` (``http://host:port``)."""

    def __init__(self, upstream: str, *, vertraging: float = 5.0) -> None:
        parts = urlsplit(upstream)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._lock = threading.Lock()
        self._modus: Modus = "doorlaten"
        self._na = 0
        self.vertraging = vertraging
        self.ontvangen = 0
        self.doorgestuurd = 0
        self.bodies: list[bytes] = []
        self._stop = threading.Event()  # wakes answers held in ``traag`` when the proxy stops
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def zet(self, modus: Modus, *, na: int = 0, vertraging: float | None = None) -> None:
        """Switch to ``modus`` after ``na`` more requests passed through unharmed."""
        with self._lock:
            self._modus, self._na = modus, na
            if vertraging is not None:
                self.vertraging = vertraging

    def wacht(self, *, doorgestuurd: int, timeout: float = 20.0) -> None:
        """Wait until the server answered ``doorgestuurd`` requests in all."""
        deadline = time.monotonic() + timeout
        while self.doorgestuurd < doorgestuurd:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.doorgestuurd} of {doorgestuurd} requests passed on")
            time.sleep(0.02)

    # --- used by the handler -------------------------------------------------------------------

    def _kies(self) -> Modus:
        with self._lock:
            self.ontvangen += 1
            if self._na > 0:
                self._na -= 1
                return "doorlaten"
            return self._modus

    def _door(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection(*self._upstream, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            antwoord = (response.status, response.getheader("Content-Type", ""), response.read())
        finally:
            connection.close()
        with self._lock:
            self.doorgestuurd += 1
            self.bodies.append(body)
        return antwoord

    def _houd_vast(self) -> None:
        self._stop.wait(self.vertraging)


def _handler(proxy: StoringProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the clients under test use it

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            modus = proxy._kies()
            if modus == "down":
                self.close_connection = True  # closed without a single byte of answer
                return
            if modus == "http500":
                self._antwoord(500, "text/html", _FOUTPAGINA)
                return
            if modus == "rommel":
                self._antwoord(200, "text/xml", _ROMMEL)
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            status, soort, inhoud = proxy._door(self.command, self.path, headers, body)
            if modus == "traag":
                proxy._houd_vast()
            self._antwoord(status, soort, inhoud)

        def _antwoord(self, status: int, soort: str, inhoud: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", soort or "application/octet-stream")
                self.send_header("Content-Length", str(len(inhoud)))
                self.end_headers()
                self.wfile.write(inhoud)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout, killed)
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
