"""URLs of the UWLR services: one endpoint per service, as in the two WSDLs."""

from __future__ import annotations

from django.urls import path

from koppel.las.uwlr_service import views

app_name = "uwlr"
urlpatterns = [
    path("leerlinggegevens", views.leerlinggegevens, name="leerlinggegevens"),
    path("leerresultaten", views.leerresultaten, name="leerresultaten"),
]
