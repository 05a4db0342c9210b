"""URLs of the EA (test centre)."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("koppel.ea.portal.urls")),
    path("", include("koppel.ea.accounts.urls")),
    path("", include("koppel.ea.sso.urls")),
    path("", include("koppel.ea.klanten.urls")),
    path("", include("koppel.ea.koppeling.urls")),
    path("beheer/koppelen-met-las/importeren/", include("koppel.ea.importeren.urls")),
    path("", include("koppel.ea.importeren.urls_uitnodiging")),
    path("", include("koppel.ea.toetsen.urls")),
    path("", include("koppel.ea.resultaten.urls")),
    path("", include("koppel.ea.logboek.urls")),
]
