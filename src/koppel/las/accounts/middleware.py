"""Puts the user's current :class:`~koppel.las.accounts.models.Schoolrol` on the request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from koppel.las.accounts.access import current_schoolrol


class SchoolrolMiddleware:
    """``request.schoolrol``: the role in the school being worked in, ``None`` without one.

    Only pages need it: the UWLR endpoints are skipped, so they do not touch the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/uwlr/"):
            request.schoolrol = None  # type: ignore[attr-defined]
        else:
            request.schoolrol = current_schoolrol(request)  # type: ignore[attr-defined]
        return self.get_response(request)
