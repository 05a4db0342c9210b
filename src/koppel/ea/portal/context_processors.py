"""What the EA's base template needs: the user's school and role, klantenservice or not."""

from __future__ import annotations

from django.http import HttpRequest

from koppel.ea.accounts.access import is_klantenservice


def portal(request: HttpRequest) -> dict[str, object]:
    rol = getattr(request, "rol", None)
    user = getattr(request, "user", None)
    first = request.path.strip("/").split("/", 1)[0]
    return {
        "rol": rol,
        "klant": rol.klant if rol else None,
        "is_klantenservice": bool(user and is_klantenservice(user)),
        "sectie": first or "home",
    }
