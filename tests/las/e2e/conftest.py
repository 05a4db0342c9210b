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
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    ViewportSize,
    sync_playwright,
)

from tests.las.e2e.helpers import CHROMIUM, CHROMIUM_ARGS
from tests.support.las_process import LasProcess

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000

NewContext = Callable[[], BrowserContext]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing ({CHROMIUM}); `make browser` installs it.", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Collects what the browser reports about a page that the test itself does not look at."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")


@pytest.fixture
def new_context(browser: Browser, las: LasProcess) -> Iterator[NewContext]:
    """Open browser contexts (separate cookie jars: one per user) on the LAS; all closed after."""
    contexts: list[BrowserContext] = []
    problems = PageProblems()

    def _new() -> BrowserContext:
        context = browser.new_context(base_url=las.base_url, viewport=VIEWPORT, locale="nl-NL")
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", problems.watch)
        contexts.append(context)
        return context

    yield _new
    for context in contexts:
        context.close()
    assert not problems.problems, "\n".join(problems.problems)


@pytest.fixture
def page(new_context: NewContext) -> Page:
    return new_context().new_page()
