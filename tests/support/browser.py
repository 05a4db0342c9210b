"""Chromium for the end-to-end tests of both projects (and ``scripts/screenshots``).

Debian's ``/usr/bin/chromium`` (``make browser`` installs it), launched through Playwright with
the flags below; :class:`PageProblems` collects what a page breaks that a test does not look at
(the Content-Security-Policy, JavaScript errors).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    ViewportSize,
    sync_playwright,
)

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "TIMEOUT_MS",
    "VIEWPORT",
    "NewContext",
    "PageProblems",
    "chromium",
    "contexts",
]

#: opens a browser context (its own cookie jar: one per user and system) on a base URL
NewContext = Callable[[str], BrowserContext]

# Without the background-networking flags Chromium would try to reach Google's services from a
# closed network; --no-sandbox because tests may run as root.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000


@contextmanager
def chromium() -> Iterator[Browser]:
    """A launched Chromium; a missing binary fails the test with the way to install it."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing ({CHROMIUM}); `make browser` installs it.", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def contexts(browser: Browser) -> Iterator[NewContext]:
    """Open browser contexts on base URLs; all are closed at the end, and then a page that broke
    the Content-Security-Policy or threw a JavaScript error fails the test."""
    opened: list[BrowserContext] = []
    problems = PageProblems()

    def _new(base_url: str) -> BrowserContext:
        context = browser.new_context(base_url=base_url, viewport=VIEWPORT, locale="nl-NL")
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", problems.watch)
        opened.append(context)
        return context

    yield _new
    for context in opened:
        context.close()
    assert not problems.problems, "\n".join(problems.problems)


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
