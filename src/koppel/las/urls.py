"""URLs of the LAS."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("uwlr/", include("koppel.las.uwlr_service.urls")),
]
