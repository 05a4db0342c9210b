"""What the base template needs on every page: the school worked in, the user's roles, the
section of the top bar that is active."""

from __future__ import annotations

from django.http import HttpRequest

from koppel.las.accounts.access import is_las_beheer, schoolrollen

SECTIONS = ("leerling", "groep", "medewerker", "school", "overzichten", "beheer")


def portal(request: HttpRequest) -> dict[str, object]:
    rol = getattr(request, "schoolrol", None)
    first = request.path.strip("/").split("/", 1)[0]
    user = getattr(request, "user", None)
    return {
        "schoolrol": rol,
        "huidige_school": rol.school if rol else None,
        "andere_rollen": [r for r in schoolrollen(user) if r != rol] if user else [],
        "is_las_beheer": bool(user and is_las_beheer(user)),
        "is_partner": bool(user and user.is_authenticated and hasattr(user, "partneraccount")),
        "sectie": first if first in SECTIONS else "",
    }
