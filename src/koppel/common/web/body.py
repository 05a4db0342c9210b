"""Reading a request body with a size limit, for the SOAP endpoints (UWLR, GKV)."""

from __future__ import annotations

from django.http import HttpRequest

__all__ = ["read_limited"]


def read_limited(request: HttpRequest, limit: int) -> bytes | None:
    """The body, or ``None`` when it exceeds ``limit`` (reads at most ``limit + 1`` bytes)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body
