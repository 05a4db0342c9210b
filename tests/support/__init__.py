"""Helpers shared by the test suites (``official``: the relaxed official UWLR schemas)."""
