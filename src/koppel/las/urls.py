"""URLs of the LAS: the pages per area, the partner pages and the UWLR services."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("koppel.las.portal.urls")),
    path("", include("koppel.las.accounts.urls")),
    path("", include("koppel.las.school.urls")),
    path("beheer/", include("koppel.las.koppelingen.urls")),
    path("", include("koppel.las.partners.urls")),
    path("uwlr/", include("koppel.las.uwlr_service.urls")),
]
