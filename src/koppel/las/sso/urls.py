"""The school beheerder's page "Ingelogd bij koppelpartijen" (under ``beheer/``)."""

from django.urls import path

from koppel.las.sso import views

app_name = "sso"

urlpatterns = [
    path("ingelogd-bij-koppelpartijen/", views.ingelogd_bij, name="ingelogd-bij"),
    path("ingelogd-bij-koppelpartijen/<int:pk>/intrekken/", views.intrekken, name="intrekken"),
]
