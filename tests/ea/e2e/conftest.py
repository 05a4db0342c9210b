"""Fixtures of the EA's end-to-end tests: Chromium through Playwright, against a real LAS and a
real EA process side by side.

Each test module starts its own processes (module-scoped fixtures); ``new_context(base_url)`` opens
a browser context on one of them (a separate cookie jar: one per user and system), all closed
after the test. A page that breaks the Content-Security-Policy or throws a JavaScript error fails
the test that opened it. The ``browser`` and ``new_context`` fixtures are shared by every suite
(:mod:`tests.support.browser_fixtures`).
"""

from __future__ import annotations

from tests.support.browser import NewContext

__all__ = ["NewContext"]
