"""Test-wide rules: no network except loopback, and calm Hypothesis settings on CI.

Warnings are errors through ``filterwarnings`` in pyproject.toml. Fixtures for one part of the code
live in that part's own conftest (``tests/uwlr``, ``tests/las``); shared helpers in
``tests/support``.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["tests.support.browser_fixtures"]  # ``browser`` and ``new_context``

settings.register_profile(
    "ci", deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


class NetworkBlocked(RuntimeError):
    """A test tried to reach a host other than loopback.

    Deliberately not an ``OSError``, so retry logic in the code under test cannot swallow it.
    """


def _is_loopback(host: object) -> bool:
    if host is None or host in ("localhost", b"localhost", ""):
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    try:
        return ipaddress.ip_address(str(host).split("%", 1)[0]).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _check(sock: socket.socket, address: Any) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        raise NetworkBlocked(f"network is off in tests; refused connect to {address!r}")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check(self, address)
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check(self, address)
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _is_loopback(host):
        raise NetworkBlocked(f"network is off in tests; refused to resolve {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True, scope="session")
def _network_off_except_loopback() -> Iterator[None]:
    """Refuse every TCP/UDP connect and name lookup that does not stay on this machine.

    Unix sockets (the PostgreSQL test server) and binding to loopback (live servers) are unaffected.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _guarded_connect)
        mp.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
        mp.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
        yield
