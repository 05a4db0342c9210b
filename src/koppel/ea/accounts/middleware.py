"""Puts the user's :class:`~koppel.ea.accounts.models.Rol` on the request (``None`` without)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from koppel.ea.accounts.access import rol_van


class RolMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.rol = rol_van(request.user)  # type: ignore[attr-defined]
        return self.get_response(request)
