"""Fixtures of the end-to-end tests: Chromium through Playwright, against a real LAS process.

Each test module defines a module-scoped ``las`` fixture (a started
:class:`~tests.support.las_process.LasProcess` with the data the module needs); ``page`` opens a
fresh browser context on it for every test. Chromium is Debian's ``/usr/bin/chromium``: when it is
missing the tests fail (``make browser`` installs it). A page that breaks the Content-Security-
Policy or throws a JavaScript error fails the test that opened it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.support.browser import contexts
from tests.support.las_process import LasProcess

NewContext = Callable[[], BrowserContext]


@pytest.fixture
def new_context(browser: Browser, las: LasProcess) -> Iterator[NewContext]:
    """Open browser contexts (separate cookie jars: one per user) on the LAS; all closed after."""
    with contexts(browser) as new:
        yield lambda: new(las.base_url)


@pytest.fixture
def page(new_context: NewContext) -> Page:
    return new_context().new_page()
