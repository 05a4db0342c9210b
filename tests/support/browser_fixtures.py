"""The browser fixtures every end-to-end suite shares, loaded for all tests by
``pytest_plugins`` in ``tests/conftest.py``: one Chromium per test session (started only when a
test asks for it) and ``new_context(base_url)``, browser contexts on a system's base URL (each a
separate cookie jar: one per user and system), all closed after the test.

A suite that always works against one system overrides ``new_context`` in its own conftest (the
LAS's e2e tests open every context on their ``las``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.support.browser import NewContext, chromium, contexts


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def new_context(browser: Browser) -> Iterator[NewContext]:
    """Open browser contexts on a system's base URL; all closed after the test."""
    with contexts(browser) as new:
        yield new
