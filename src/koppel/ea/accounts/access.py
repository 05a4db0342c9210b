"""Access rules of the EA pages: the school (klant) a user works for, and the view decorators.

Every school page reads ``request.rol`` (set by
:class:`~koppel.ea.accounts.middleware.RolMiddleware`) and filters by ``request.rol.klant``, so
another school's records are never found (404). Klantenservice pages need the group.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from koppel.ea.accounts.models import KLANTENSERVICE, Rol

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def rol_van(user: Any) -> Rol | None:
    """The user's role at a school (a user works for one school in the test centre)."""
    if not user.is_authenticated:
        return None
    return Rol.objects.filter(user=user).select_related("klant").first()


def is_klantenservice(user: Any) -> bool:
    return bool(user.is_authenticated and user.groups.filter(name=KLANTENSERVICE).exists())


def klant_view(*, beheerder: bool = False) -> Callable[[View], View]:
    """Require a log-in with a role at a school (and the beheerder role when asked)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            rol = request.rol  # type: ignore[attr-defined]
            if rol is None:
                raise PermissionDenied("Je account hoort niet bij een school.")
            if beheerder and not rol.is_beheerder:
                raise PermissionDenied("Hiervoor zijn beheerrechten nodig.")
            return view(request, *args, **kwargs)

        return login_required(wrapper)  # type: ignore[return-value]

    return decorator


def klantenservice_view(view: View) -> View:
    """Require a log-in of the test centre's klantenservice."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_klantenservice(request.user):
            raise PermissionDenied("Alleen voor klantenservice.")
        return view(request, *args, **kwargs)

    return login_required(wrapper)  # type: ignore[return-value]
