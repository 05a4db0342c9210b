"""Access rules of the web pages: which school a user works in, and the view decorators.

A user may hold a role in several schools; the school being worked in is kept in the session
(:data:`SESSION_KEY`) and defaults to the first. Every school page reads ``request.schoolrol``
(set by :class:`~koppel.las.accounts.middleware.SchoolrolMiddleware`) and filters its queries by
that school, so another school's data is never found (404), and actions are refused with 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from koppel.las.accounts.models import LAS_BEHEER, Schoolrol

SESSION_KEY = "koppel_school_id"

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def schoolrollen(user: Any) -> list[Schoolrol]:
    if not user.is_authenticated:
        return []
    return list(Schoolrol.objects.filter(user=user).select_related("school", "leerkracht"))


def current_schoolrol(request: HttpRequest) -> Schoolrol | None:
    """The role of the user in the school chosen in this session (or the first school)."""
    rollen = schoolrollen(request.user)
    chosen = request.session.get(SESSION_KEY)
    for rol in rollen:
        if rol.school_id == chosen:
            return rol
    return rollen[0] if rollen else None


def choose_school(request: HttpRequest, school_id: int) -> Schoolrol:
    """Switch the session to another school of the user's; 403 for any other school."""
    for rol in schoolrollen(request.user):
        if rol.school_id == school_id:
            request.session[SESSION_KEY] = school_id
            return rol
    raise PermissionDenied("Je hebt geen rol in deze school.")


def is_las_beheer(user: Any) -> bool:
    return bool(user.is_authenticated and user.groups.filter(name=LAS_BEHEER).exists())


def school_view(*, beheerder: bool = False) -> Callable[[View], View]:
    """Require a log-in with a role in a school (and the beheerder role when asked)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            rol = request.schoolrol  # type: ignore[attr-defined]
            if rol is None:
                raise PermissionDenied("Je hebt geen rol in een school.")
            if beheerder and not rol.is_beheerder:
                raise PermissionDenied("Hiervoor zijn beheerrechten voor deze school nodig.")
            return view(request, *args, **kwargs)

        return login_required(wrapper)  # type: ignore[return-value]

    return decorator


def las_beheer_view(view: View) -> View:
    """Require a log-in of the LAS vendor's staff."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_las_beheer(request.user):
            raise PermissionDenied("Alleen voor LAS-beheer.")
        return view(request, *args, **kwargs)

    return login_required(wrapper)  # type: ignore[return-value]
