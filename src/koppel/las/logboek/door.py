"""Who makes a change, as the school's web pages pass it to the write services: the user's
display name (``door``, as the koppelingen services take it) and the user itself."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from koppel.las.logboek.services import Wie


def wie(request: HttpRequest) -> Wie:
    """The signed-in user of ``request``, for ``service(..., **wie(request))``."""
    user = request.user
    if not isinstance(user, AbstractBaseUser):
        return {"door": "onbekend", "gebruiker": None}
    naam = getattr(user, "get_full_name", lambda: "")() or user.get_username()
    return {"door": str(naam), "gebruiker": user}
