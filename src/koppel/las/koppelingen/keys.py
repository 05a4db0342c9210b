"""Autorisatiesleutels: generation and peppered digests (pure; the pepper is passed in)."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_autorisatiesleutel() -> str:
    """A fresh URL-safe key of 32 characters (192 random bits)."""
    return secrets.token_urlsafe(24)


def digest(autorisatiesleutel: str, pepper: str) -> str:
    """HMAC-SHA256 of the key with the pepper, hex: what the database stores."""
    return hmac.new(pepper.encode(), autorisatiesleutel.encode(), hashlib.sha256).hexdigest()


def matches(autorisatiesleutel: str, stored_digest: str | None, pepper: str) -> bool:
    """Constant-time comparison of a presented key with a stored digest."""
    if not stored_digest:
        return False
    return hmac.compare_digest(digest(autorisatiesleutel, pepper), stored_digest)
