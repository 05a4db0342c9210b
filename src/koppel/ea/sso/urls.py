"""URLs of "Inloggen met het LAS" (one start and one return address per LAS type)."""

from django.urls import path

from koppel.ea.sso import views

app_name = "ea_sso"

urlpatterns = [
    path("inloggen/las/bevestigen/", views.bevestigen, name="bevestigen"),
    path("inloggen/las/<slug:code>/", views.start, name="start"),
    path("inloggen/las/<slug:code>/terug/", views.terug, name="terug"),
]
