"""Fixtures of the EA's end-to-end tests: Chromium through Playwright, against a real LAS and a
real EA process side by side.

Each test module starts its own processes (module-scoped fixtures); ``new_context(base_url)`` opens
a browser context on one of them (a separate cookie jar: one per user and system), all closed
after the test. A page that breaks the Content-Security-Policy or throws a JavaScript error fails
the test that opened it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.support.browser import NewContext, chromium, contexts

__all__ = ["NewContext"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def new_context(browser: Browser) -> Iterator[NewContext]:
    """Open browser contexts on a system's base URL; all closed after the test."""
    with contexts(browser) as new:
        yield new
